import Foundation
import SQLKit
import TandemCore

/// The suggestion box in `suggestions`.
public struct SQLSuggestionStore: SuggestionStore {
    let database: StoreDatabase

    public init(_ database: StoreDatabase) { self.database = database }

    struct Row: Codable, Sendable {
        var id: UUID
        var department_id: UUID
        var body: String
        var author_id: UUID?
        var author_department_id: UUID?
        var submitted_on: String
        var status: String
        var answer: String?
        var answered_by: UUID?
        var answered_at: Date?
        var need_id: UUID?

        init(_ suggestion: Suggestion) {
            id = suggestion.id.rawValue
            department_id = suggestion.departmentID.rawValue
            body = suggestion.body
            author_id = suggestion.authorID?.rawValue
            author_department_id = suggestion.authorDepartmentID?.rawValue
            submitted_on = suggestion.submittedOn.description
            status = suggestion.status.rawValue
            answer = suggestion.answer
            answered_by = suggestion.answeredBy?.rawValue
            answered_at = suggestion.answeredAt?.storable
            need_id = suggestion.needID?.rawValue
        }

        func suggestion() throws -> Suggestion {
            Suggestion(
                id: .init(id), departmentID: .init(department_id), body: body, authorID: author_id.map { .init($0) },
                authorDepartmentID: author_department_id.map { .init($0) },
                submittedOn: try CalendarDate(submitted_on).orThrow(CorruptColumn(column: "submitted_on", value: submitted_on)),
                status: .init(rawValue: status) ?? .open, answer: answer, answeredBy: answered_by.map { .init($0) },
                answeredAt: answered_at,
                needID: need_id.map { .init($0) })
        }
    }

    public func insert(_ suggestion: Suggestion) async throws {
        try await database.write { sql in try await sql.insertRow(Row(suggestion), into: "suggestions") }
    }

    public func update(_ suggestion: Suggestion, expecting expected: Suggestion.Status) async throws -> Bool {
        try await database.write { sql in
            try await sql.update("suggestions").set(model: Row(suggestion), nilEncodingStrategy: .asNil)
                .where("id", .equal, suggestion.id.rawValue).where("status", .equal, expected.rawValue).runCountingRows() == 1
        }
    }

    public func suggestion(_ id: Suggestion.ID) async throws -> Suggestion? {
        try await database.read { sql in
            try await sql.select().column("*").from("suggestions").where("id", .equal, id.rawValue).firstRow(Row.self)?.suggestion()
        }
    }

    public func suggestions(to department: Department.ID?, limit: Int) async throws -> [Suggestion] {
        try await database.read { sql in
            var select = sql.select().column("*").from("suggestions")
            if let department { select = select.where("department_id", .equal, department.rawValue) }
            return try await select.orderBy("submitted_on", .descending).orderBy("id").limit(limit).allRows(Row.self).map {
                try $0.suggestion()
            }
        }
    }

    /// Marks the suggestion a new need was made from (part of the need's write).
    static func convert(_ suggestion: Suggestion.ID, into need: Need.ID, on sql: any SQLDatabase) async throws {
        let changed = try await sql.update("suggestions").set("status", to: Suggestion.Status.converted.rawValue).set(
            "need_id", to: need.rawValue
        )
        .where("id", .equal, suggestion.rawValue)
        .where("status", .in, [Suggestion.Status.open.rawValue, Suggestion.Status.answered.rawValue]).runCountingRows()
        guard changed == 1 else {
            throw TandemError(.conflict, "the suggestion was turned into a need or closed already", field: "suggestion")
        }
    }
}
