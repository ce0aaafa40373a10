import FluentKit
import SQLKit

/// Where needs came from, meeting records, action items (of meetings and improvement plans),
/// the suggestion box, and improvement plans.
struct CreateCollaboration: AsyncMigration {
    var name: String { "012_create_collaboration" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await database.schema("need_origins")
            .field("need_id", .uuid, .identifier(auto: false), .references("needs", "id"))
            .field("kind", .string, .required)
            .field("subject_id", .uuid, .required)
            .create()
        try await sql.createIndex("ix_need_origins_subject", on: "need_origins", ["subject_id"])

        try await database.schema("meetings")
            .field("id", .uuid, .identifier(auto: false))
            .field("title", .string, .required)
            .field("held_on", .string, .required)
            .field("department_ids", .string, .required)
            .field("attendee_ids", .string, .required)
            .field("minutes", .string, .required)
            .field("recorded_by", .uuid, .required, .references("people", "id"))
            .field("created_at", .datetime, .required)
            .create()
        try await sql.createIndex("ix_meetings_held", on: "meetings", ["held_on"])

        try await database.schema("action_items")
            .field("id", .uuid, .identifier(auto: false))
            .field("parent_kind", .string, .required)
            .field("parent_id", .uuid, .required)
            .field("title", .string, .required)
            .field("owner_id", .uuid, .required, .references("people", "id"))
            .field("due_on", .string)
            .field("status", .string, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await sql.createIndex("ix_action_items_parent", on: "action_items", ["parent_id"])

        // NB: an anonymous suggestion keeps only the day: no author, no department, no time.
        try await database.schema("suggestions")
            .field("id", .uuid, .identifier(auto: false))
            .field("department_id", .uuid, .required, .references("departments", "id"))
            .field("body", .string, .required)
            .field("author_id", .uuid, .references("people", "id"))
            .field("author_department_id", .uuid, .references("departments", "id"))
            .field("submitted_on", .string, .required)
            .field("status", .string, .required)
            .field("answer", .string)
            .field("answered_by", .uuid, .references("people", "id"))
            .field("answered_at", .datetime)
            .field("need_id", .uuid, .references("needs", "id"))
            .create()
        try await sql.createIndex("ix_suggestions_department", on: "suggestions", ["department_id", "submitted_on"])

        try await database.schema("improvement_plans")
            .field("id", .uuid, .identifier(auto: false))
            .field("department_id", .uuid, .required, .references("departments", "id"))
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("source_kind", .string, .required)
            .field("source_invitation_id", .uuid, .references("evaluation_invitations", "id"))
            .field("need_ids", .string, .required)
            .field("target_figure", .string)
            .field("baseline_period", .string, .required)
            .field("baseline_value", .double)
            .field("target_value", .double)
            .field("status", .string, .required)
            .field("created_by", .uuid, .required, .references("people", "id"))
            .field("created_at", .datetime, .required)
            .create()
        try await sql.createIndex("ix_improvement_plans_department", on: "improvement_plans", ["department_id", "created_at"])
    }

    func revert(on database: any Database) async throws {
        for table in ["improvement_plans", "suggestions", "action_items", "meetings", "need_origins"] {
            try await database.schema(table).delete()
        }
    }
}
