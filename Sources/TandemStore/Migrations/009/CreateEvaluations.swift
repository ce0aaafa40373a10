import FluentKit
import SQLKit

/// Evaluation cycles, the invitations each opens (one per rating department and provider), and
/// the responses (one per invitation).
struct CreateEvaluations: AsyncMigration {
    var name: String { "009_create_evaluations" }

    func prepare(on database: any Database) async throws {
        try await database.schema("evaluation_cycles")
            .field("id", .uuid, .identifier(auto: false))
            .field("name", .string, .required)
            .field("period", .string, .required)
            .field("provider_id", .uuid, .references("departments", "id"))
            .field("dimensions", .string, .required)
            .field("asks_recommendation", .bool, .required)
            .field("closes_on", .string)
            .field("status", .string, .required)
            .field("opened_by", .uuid, .required, .references("people", "id"))
            .field("created_at", .datetime, .required)
            .field("closed_at", .datetime)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.createIndex("ix_evaluation_cycles_period", on: "evaluation_cycles", ["period", "created_at"])

        try await database.schema("evaluation_invitations")
            .field("id", .uuid, .identifier(auto: false))
            .field("cycle_id", .uuid, .required, .references("evaluation_cycles", "id"))
            .field("rater_department_id", .uuid, .required, .references("departments", "id"))
            .field("provider_department_id", .uuid, .required, .references("departments", "id"))
            .field("need_count", .int, .required)
            .field("submitted_at", .datetime)
            .unique(on: "cycle_id", "rater_department_id", "provider_department_id", name: "uq_evaluation_invitations_pair")
            .create()
        try await sql.createIndex("ix_evaluation_invitations_rater", on: "evaluation_invitations", ["rater_department_id", "submitted_at"])

        try await database.schema("evaluation_responses")
            .field("invitation_id", .uuid, .identifier(auto: false), .references("evaluation_invitations", "id"))
            .field("scores", .string, .required)
            .field("recommendation", .int)
            .field("comment", .string)
            .field("submitted_by", .uuid, .required, .references("people", "id"))
            .field("submitted_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("evaluation_responses").delete()
        try await database.schema("evaluation_invitations").delete()
        try await database.schema("evaluation_cycles").delete()
    }
}
