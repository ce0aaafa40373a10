import Foundation
import TandemCore
import Vapor

/// CSV imports of departments, people and needs: `POST /imports/{kind}` with the file as the
/// body checks it (`?dry_run=true` stops there) and, if every row is good, writes it in the
/// background; `GET /imports/{id}` follows it.
struct ImportController: RouteCollection {
    static let maxFileBytes = 50 * 1024 * 1024

    func boot(routes: any RoutesBuilder) throws {
        let imports = routes.grouped("imports")
        imports.get(use: list)
        imports.get("templates", ":kind", use: template)
        imports.get("exports", ":kind", use: export)
        imports.get(":importID", use: show)
        imports.on(.POST, ":kind", body: .collect(maxSize: ByteCount(value: Self.maxFileBytes)), use: upload)
    }

    /// An import as the API shows it.
    struct ImportJSON: Encodable {
        var record: ImportRecord
        enum CodingKeys: String, CodingKey {
            case id, kind, state, encoding, rows, written, problems, error
            case fileName = "file_name", problemCount = "problem_count", createdBy = "created_by", createdAt = "created_at"
            case finishedAt = "finished_at"
        }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(record.id, forKey: .id)
            try container.encode(record.kind.rawValue, forKey: .kind)
            try container.encode(record.state.rawValue, forKey: .state)
            try container.encode(record.fileName, forKey: .fileName)
            try container.encode(record.encoding.rawValue, forKey: .encoding)
            try container.encode(record.rows, forKey: .rows)
            try container.encode(record.written, forKey: .written)
            try container.encode(record.problemCount, forKey: .problemCount)
            try container.encode(record.problems, forKey: .problems)
            try container.encodeIfPresent(record.error, forKey: .error)
            try container.encode(record.createdBy, forKey: .createdBy)
            try container.encode(record.createdAt, forKey: .createdAt)
            try container.encodeIfPresent(record.finishedAt, forKey: .finishedAt)
        }
    }

    /// A file refused for its rows: the error, and the import with every problem.
    struct RejectedJSON: Encodable {
        var error: ErrorBody.Detail
        var `import`: ImportJSON
    }

    static func kind(_ request: Request) throws -> ImportKind {
        let text = request.parameters.get("kind") ?? ""
        guard let kind = ImportKind(rawValue: text) else {
            let options = ImportKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw TandemError.invalid("kind", "'\(text)' is not one of \(options)", .notAnOption, options)
        }
        return kind
    }

    func upload(_ request: Request) async throws -> Response {
        let query = try QueryParameters(request, allowed: ["dry_run", "file_name"])
        let dryRun: Bool
        switch query.string("dry_run") {
        case nil, "false": dryRun = false
        case "true": dryRun = true
        case let other?: throw TandemError.invalid("dry_run", "dry_run must be true or false, not '\(other)'")
        }
        let kind = try Self.kind(request)
        let bytes = request.body.data.map { Array($0.readableBytesView) } ?? []
        let prepared = try await request.tandem.imports.prepare(
            kind, file: bytes, fileName: query.string("file_name") ?? "\(kind.rawValue).csv",
            dryRun: dryRun, by: try request.actor())
        request.tandem.importRunner.start(prepared)
        let record = prepared.record
        switch record.state {
        case .rejected where !dryRun:
            let detail = ErrorBody.Detail(
                code: TandemError.Code.invalidInput.rawValue,
                message: "\(record.problemCount) problem(s) in the file; nothing was imported", field: "file",
                reason: nil, fields: nil)
            return try json(RejectedJSON(error: detail, import: ImportJSON(record: record)), status: .unprocessableEntity)
        case .running:
            let response = try json(ImportJSON(record: record), status: .accepted)
            response.headers.replaceOrAdd(name: .location, value: "/api/v1/imports/\(record.id)")
            return response
        default:
            return try json(ImportJSON(record: record))
        }
    }

    func show(_ request: Request) async throws -> Response {
        guard let id = ImportRecord.ID(request.parameters.get("importID") ?? "") else { throw TandemError.notFound("import") }
        let record = try await request.tandem.imports.record(id, for: try request.actor())
        return try json(ImportJSON(record: request.tandem.importRunner.current(record)))
    }

    func list(_ request: Request) async throws -> Response {
        _ = try QueryParameters(request, allowed: [])
        let records = try await request.tandem.imports.records(for: try request.actor())
        return try json(ItemsJSON(items: records.map { ImportJSON(record: request.tandem.importRunner.current($0)) }))
    }

    struct ItemsJSON: Encodable { var items: [ImportJSON] }

    /// The header line of a kind's file, as Excel opens it.
    func template(_ request: Request) async throws -> Response {
        _ = try request.actor()
        return try Self.template(request, in: .en)
    }

    /// The stored departments or people as a file of their import's columns.
    func export(_ request: Request) async throws -> Response {
        try await Self.export(request, in: .en)
    }

    /// The API's files have the columns' English names; the pages' have the reader's.
    static func export(_ request: Request, in language: Language) async throws -> Response {
        let kind = try Self.kind(request)
        let (header, rows) = try await request.tandem.imports.export(kind, in: language, by: try request.actor())
        return CSVText.response(CSVText.make(header: header, rows: rows), fileName: "tandem-\(kind.rawValue)-export.csv")
    }

    /// The template of the kind the path names: its header line, as Excel opens it.
    static func template(_ request: Request, in language: Language) throws -> Response {
        let kind = try Self.kind(request)
        return CSVText.response(
            CSVText.make(header: ImportSchema.template(for: kind, in: language), rows: []), fileName: "tandem-\(kind.rawValue).csv")
    }
}
