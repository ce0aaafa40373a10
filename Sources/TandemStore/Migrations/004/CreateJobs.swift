import FluentKit
import SQLKit

/// Background jobs: what a runner claims, retries and sets aside as dead.
struct CreateJobs: AsyncMigration {
    var name: String { "004_create_jobs" }

    func prepare(on database: any Database) async throws {
        try await database.schema("jobs")
            .field("id", .uuid, .identifier(auto: false))
            .field("kind", .string, .required)
            .field("payload", .string, .required)
            .field("state", .string, .required)
            .field("attempts", .int, .required)
            .field("max_attempts", .int, .required)
            .field("run_at", .datetime, .required)
            .field("locked_until", .datetime)
            .field("last_error", .string)
            .field("dedup_key", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("finished_at", .datetime)
            .unique(on: "dedup_key", name: "uq_jobs_dedup_key")
            .create()
        let sql = database as! any SQLDatabase
        // What a runner looks for (due pending jobs, expired leases) and what administrators list.
        try await sql.createIndex("ix_jobs_state_run_at", on: "jobs", ["state", "run_at"])
        try await sql.createIndex("ix_jobs_state_updated", on: "jobs", ["state", "updated_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("jobs").delete()
    }
}
