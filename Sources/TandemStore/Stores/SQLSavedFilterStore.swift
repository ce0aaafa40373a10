import Foundation
import SQLKit
import TandemCore

/// Saved queue filters in `saved_filters`.
public struct SQLSavedFilterStore: SavedFilterStore {
    let database: StoreDatabase

    public init(_ database: StoreDatabase) { self.database = database }

    struct Row: Codable, Sendable {
        var id: UUID
        var person_id: UUID
        var name: String
        var query: String
        var created_at: Date
    }

    public func filters(of person: Person.ID) async throws -> [SavedFilter] {
        try await database.read { sql in
            try await sql.select().columns("id", "person_id", "name", "query", "created_at").from("saved_filters")
                .where("person_id", .equal, person.rawValue).orderBy("name").allRows(Row.self)
                .map {
                    SavedFilter(id: .init($0.id), personID: .init($0.person_id), name: $0.name, query: $0.query, createdAt: $0.created_at)
                }
        }
    }

    public func insert(_ filter: SavedFilter) async throws {
        let row = Row(
            id: filter.id.rawValue, person_id: filter.personID.rawValue, name: filter.name, query: filter.query,
            created_at: filter.createdAt)
        try await database.write { sql in try await sql.insertRow(row, into: "saved_filters") }
    }

    public func delete(_ id: SavedFilter.ID) async throws {
        try await database.write { sql in try await sql.delete(from: "saved_filters").where("id", .equal, id.rawValue).run() }
    }
}
