import FluentKit
import SQLKit

/// How each need was served, kept by the service-level refresh for scorecards: business seconds
/// to the first response and to resolution, and whether each target was met.
struct CreateServiceOutcomes: AsyncMigration {
    var name: String { "008_create_service_outcomes" }

    static let columns: [(String, DatabaseSchema.DataType)] = [
        ("response_seconds", .double), ("resolution_seconds", .double), ("response_met", .bool), ("resolution_met", .bool),
    ]

    func prepare(on database: any Database) async throws {
        // NB: one column per ALTER TABLE: SQLite adds no more at once.
        for (column, type) in Self.columns {
            try await database.schema("needs").field(FieldKey(stringLiteral: column), type).update()
        }
    }

    func revert(on database: any Database) async throws {
        for (column, _) in Self.columns {
            try await database.schema("needs").deleteField(FieldKey(stringLiteral: column)).update()
        }
    }
}
