import Foundation
import TandemCore
import Vapor

/// CSV imports for administrators: a file to check or import, the templates, the recent
/// imports, and one import's progress and every problem found in it.
struct ImportPages: RouteCollection {
    let maxFileBytes: Int

    struct Row: Encodable {
        var link: String
        var kind: String
        var fileName: String
        var state: String
        var stateLabel: String
        var rows: Int
        var problemCount: Int
        var createdAt: String
    }

    struct ProblemRow: Encodable {
        var line: Int
        var field: String
        var message: String
    }

    struct ListContext: Encodable {
        var layout: LayoutContext
        var admin: AdminNavigation
        var kinds: [Choice]
        var templates: [Choice]
        var error: String?
        var rows: [Row]?
    }

    struct ShowContext: Encodable {
        var layout: LayoutContext
        var admin: AdminNavigation
        var id: String
        var kindLabel: String
        var fileName: String
        var encoding: String
        var state: String
        var stateLabel: String
        var summary: String
        var rows: Int
        var written: Int
        var running: Bool
        var error: String?
        var problems: [ProblemRow]?
        var moreProblems: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("admin", "imports", use: list)
        routes.grouped(UploadGate()).on(.POST, "admin", "imports", body: .stream, use: upload)
        routes.get("admin", "imports", "templates", ":kind", use: template)
        routes.get("admin", "imports", "exports", ":kind", use: export)
        routes.get("admin", "imports", ":importID", use: show)
    }

    func list(_ request: Request) async throws -> Response {
        let actor = try AdminNavigation.actor(request)
        return try await request.page("admin-imports", context(request, actor, error: nil, chosen: nil))
    }

    private func context(_ request: Request, _ actor: Person, error: String?, chosen: ImportKind?) async throws -> ListContext {
        let records = try await request.tandem.imports.records(for: actor)
        let format = PageFormat(request)
        return ListContext(
            layout: LayoutContext(request, title: request.t("imports.title"), section: "admin"),
            admin: AdminNavigation(request, actor, current: "imports"),
            kinds: ImportKind.allCases.map {
                Choice(value: $0.rawValue, label: request.t("import_kind.\($0.rawValue)"), selected: $0 == chosen)
            },
            templates: ImportKind.allCases.map {
                Choice(value: Site.importTemplate($0.rawValue), label: request.t("import_kind.\($0.rawValue)"), selected: false)
            },
            error: error,
            rows: records.map { record in
                Row(
                    link: Site.adminImports + "/" + record.id.description, kind: request.t("import_kind.\(record.kind.rawValue)"),
                    fileName: record.fileName, state: record.state.rawValue, stateLabel: request.t("import_state.\(record.state.rawValue)"),
                    rows: record.rows, problemCount: record.problemCount, createdAt: format.dateTime(record.createdAt))
            }.nonEmpty)
    }

    func upload(_ request: Request) async throws -> Response {
        let actor = try AdminNavigation.actor(request)
        let form = try await PageForm.receive(request, upTo: maxFileBytes)
        let kind = form.string("kind").flatMap(ImportKind.init(rawValue:))
        do {
            guard let kind else { throw TandemError.invalid("kind", "choose what the file holds", .required) }
            guard let file = form.files.first, file.byteCount > 0 else { throw TandemError.invalid("file", "choose a CSV file", .required) }
            let prepared = try await request.tandem.imports.prepare(
                kind, file: Array(try file.spool.contents().readableBytesView), fileName: file.fileName,
                dryRun: form.string("mode") != "import", by: actor)
            request.tandem.importRunner.start(prepared)
            return request.seeOther(Site.adminImports + "/" + prepared.record.id.description)
        } catch let error as TandemError where error.isAboutInput {
            let message = request.message(of: error)
            let context = try await context(request, actor, error: message, chosen: kind)
            return try await request.page("admin-imports", context, status: .unprocessableEntity)
        }
    }

    func show(_ request: Request) async throws -> Response {
        let actor = try AdminNavigation.actor(request)
        let stored = try await request.tandem.imports.record(request.id("importID", "import"), for: actor)
        let record = request.tandem.importRunner.current(stored)
        let t = { (key: String, arguments: [String]) in request.t(key, arguments) }
        let problems = record.problems.map { problem in
            ProblemRow(line: problem.line, field: problem.field, message: request.message(of: problem.error))
        }
        let summaryKey = "import_summary.\(record.state.rawValue)"
        let context = ShowContext(
            layout: LayoutContext(request, title: request.t("imports.title"), section: "admin"),
            admin: AdminNavigation(request, actor, current: "imports"),
            id: record.id.description, kindLabel: t("import_kind.\(record.kind.rawValue)", []), fileName: record.fileName,
            encoding: record.encoding.rawValue.uppercased(), state: record.state.rawValue,
            stateLabel: t("import_state.\(record.state.rawValue)", []),
            summary: t(summaryKey, [String(record.rows), String(record.problemCount), String(record.written)]),
            rows: record.rows, written: record.written, running: record.state == .running, error: record.error,
            problems: problems.nonEmpty,
            moreProblems: record.problemCount > problems.count
                ? t("imports.more_problems", [String(record.problemCount - problems.count)]) : nil)
        return try await request.page("admin-import", context)
    }

    func export(_ request: Request) async throws -> Response {
        _ = try AdminNavigation.actor(request)
        return try await ImportController.export(request, in: request.pageLanguage)
    }

    func template(_ request: Request) async throws -> Response {
        _ = try AdminNavigation.actor(request)
        return try ImportController.template(request, in: request.pageLanguage)
    }
}
