import FluentKit
import SQLKit

/// The latest figures of each dashboard (company, department, person) and when a refresh was asked.
struct CreateDashboardSnapshots: AsyncMigration {
    var name: String { "014_create_dashboard_snapshots" }

    func prepare(on database: any Database) async throws {
        try await database.schema("dashboard_snapshots")
            .field("scope", .string, .identifier(auto: false))
            .field("computed_at", .datetime, .required)
            .field("figures", .string, .required)
            .field("refresh_requested_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("dashboard_snapshots").delete()
    }
}
