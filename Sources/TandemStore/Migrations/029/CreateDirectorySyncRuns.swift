import FluentKit
import SQLKit

/// The record of directory syncs (dry runs, applied and failed runs) shown to administrators: the
/// run's report is kept as JSON (`DirectorySyncRun`).
struct CreateDirectorySyncRuns: AsyncMigration {
    var name: String { "029_create_directory_sync_runs" }

    func prepare(on database: any Database) async throws {
        try await database.schema("directory_sync_runs")
            .field("id", .uuid, .identifier(auto: false))
            .field("started_at", .datetime, .required)
            .field("report", .string, .required)
            .create()
        try await (database as! any SQLDatabase).createIndex("ix_directory_sync_runs_started", on: "directory_sync_runs", "started_at")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("directory_sync_runs").delete()
    }
}
