import Foundation
import TandemCore
import Vapor

/// The directory sync for administrators: preview what a sync would change (a dry run), run it,
/// and the record of past runs with what each changed and left to decide.
struct DirectoryPages: RouteCollection {
    struct RunRow: Encodable {
        var id: String
        var started: String
        var outcome: String
        var outcomeLabel: String
        var summary: String
        var lines: [Line]?
        /// How many changes the run made beyond the lines it kept, if any.
        var more: String?
        var flags: [Line]?
        var error: String?
    }

    struct Line: Encodable {
        var record: String
        var actions: String
        var name: String
        var place: String?
        /// For a department the run would create: its unit, and the picker that links the unit
        /// to a department Tandem has instead.
        var subject: String?
        var linkPicker: PickerContext?
    }

    /// A unit linked to a department, with the form that removes the link.
    struct LinkRow: Encodable {
        var subject: String
        var department: String
    }

    struct PageContext: Encodable {
        var layout: LayoutContext
        var admin: AdminNavigation
        var isConfigured: Bool
        /// Who keeps Tandem passwords, when the company's identity is connected.
        var localPasswords: [Choice]?
        var latest: RunRow?
        var runs: [RunRow]?
        var links: [LinkRow]?
        var general: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        let directory = routes.grouped("admin", "directory")
        directory.get(use: show)
        directory.post("sync", use: sync)
        directory.post("local-passwords", use: setLocalPasswords)
        directory.post("links", use: link)
        directory.post("links", "remove", use: unlink)
    }

    func show(_ request: Request) async throws -> Response {
        try await request.page("admin-directory", try await context(request, general: nil))
    }

    /// `dry_run=on`: a preview; otherwise the changes are applied.
    func sync(_ request: Request) async throws -> Response {
        let actor = try AdminNavigation.actor(request)
        let form = try PageForm.read(request)
        do {
            _ = try await request.tandem.directorySync.sync(dryRun: form.flag("dry_run"), by: actor)
            return request.seeOther(Site.adminDirectory)
        } catch let error as TandemError where error.code == .unavailable || error.code == .conflict {
            return try await request.page(
                "admin-directory", try await context(request, general: request.message(of: error)), status: .serviceUnavailable)
        }
    }

    static let departmentField = DepartmentPicker("department_id")

    /// Links the unit `subject` to the department chosen (`department_id`, typed or picked).
    func link(_ request: Request) async throws -> Response {
        let actor = try AdminNavigation.actor(request)
        let form = try PageForm.read(request)
        do {
            guard let department = try await Self.departmentField.one(form, request) else {
                throw TandemError.invalid("department_id", "choose", .required)
            }
            try await request.tandem.directorySync.link(unit: form.text("subject"), to: department, by: actor)
            return request.seeOther(Site.done(Site.adminDirectory))
        } catch let error as TandemError where error.isAboutInput || error.code == .conflict {
            return try await request.page(
                "admin-directory", try await context(request, general: request.message(of: error)), status: .unprocessableEntity)
        }
    }

    /// Removes the link of the unit `subject`.
    func unlink(_ request: Request) async throws -> Response {
        let actor = try AdminNavigation.actor(request)
        let form = try PageForm.read(request)
        try await request.tandem.directorySync.unlink(unit: form.text("subject"), by: actor)
        return request.seeOther(Site.done(Site.adminDirectory))
    }

    /// `local_passwords`: `everyone` or `administrators`.
    func setLocalPasswords(_ request: Request) async throws -> Response {
        let actor = try AdminNavigation.actor(request)
        let form = try PageForm.read(request)
        guard let choice = try form.enumValue("local_passwords", DirectorySignInPolicy.LocalPasswords.self) else {
            throw TandemError.invalid("local_passwords", "choose", .required)
        }
        try await request.tandem.accounts.setLocalPasswords(choice, by: actor)
        return request.seeOther(Site.done(Site.adminDirectory))
    }

    private func context(_ request: Request, general: String?) async throws -> PageContext {
        let actor = try AdminNavigation.actor(request)
        let workflow = request.tandem.directorySync
        let rows = try await workflow.runs(for: actor).enumerated().map { Self.row($1, linking: $0 == 0, request) }
        let departments = Dictionary(try await request.tandem.organisation.departments(for: actor).map { ($0.id, $0) }) { a, _ in a }
        let links = try await workflow.departmentLinks(for: actor).compactMap { subject, id in
            departments[id].map { LinkRow(subject: subject, department: "\($0.name) (\($0.code))") }
        }.sorted { $0.department < $1.department }
        return PageContext(
            layout: LayoutContext(request, title: request.t("admin.directory"), section: "admin"),
            admin: AdminNavigation(request, actor, current: "directory"), isConfigured: workflow.isConfigured,
            localPasswords: request.tandem.accounts.hasCompanyIdentity
                ? try await Self.localPasswordChoices(request.tandem.accounts.localPasswords(), request) : nil, latest: rows.first,
            runs: Array(rows.dropFirst()).nonEmpty, links: links.nonEmpty, general: general)
    }

    static func localPasswordChoices(_ current: DirectorySignInPolicy.LocalPasswords, _ request: Request) -> [Choice] {
        DirectorySignInPolicy.LocalPasswords.allCases.map {
            Choice(value: $0.rawValue, label: request.t("local_passwords.\($0.rawValue)"), selected: $0 == current)
        }
    }

    /// A run as shown; `linking`: the latest dry run, whose departments to create can be linked instead.
    static func row(_ run: DirectorySyncRun, linking: Bool, _ request: Request) -> RunRow {
        let format = PageFormat(request)
        func counted(_ counts: [String: Int], _ record: String) -> [String] {
            counts.sorted { $0.key < $1.key }.map { request.t("\(record).\($0.key)", String($0.value)) }
        }
        let summary = counted(run.departmentCounts, "directory_departments") + counted(run.personCounts, "directory_people")
        func line(_ line: DirectorySyncRun.Line, index: Int) -> Line {
            let linkable = linking && run.outcome == .dryRun && line.record == "department" && line.actions == ["create"]
            return Line(
                record: request.t("directory_record.\(line.record)"),
                actions: request.listed(line.actions.map { request.t("directory_action.\($0)") }), name: line.name, place: line.place,
                subject: linkable ? line.subject : nil,
                linkPicker: linkable && line.subject != nil
                    ? .departments(id: "link-\(index)", departmentField, multiple: false, chosen: [], request) : nil)
        }
        let total = run.departmentCounts.values.reduce(0, +) + run.personCounts.values.reduce(0, +)
        return RunRow(
            id: run.id.description, started: format.dateTime(run.startedAt), outcome: run.outcome.rawValue,
            outcomeLabel: request.t("directory_outcome.\(run.outcome.rawValue)"),
            summary: summary.isEmpty ? request.t("directory.nothing_changes") : request.listed(summary),
            lines: run.lines.enumerated().map { line($1, index: $0) }.nonEmpty,
            more: total > run.lines.count ? String(total - run.lines.count) : nil,
            flags: run.flags.enumerated().map { line($1, index: -1 - $0) }.nonEmpty,
            error: run.error)
    }
}
