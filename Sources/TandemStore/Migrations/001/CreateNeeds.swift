import FluentKit
import SQLKit

struct CreateNeeds: AsyncMigration {
    var name: String { "001_create_needs" }

    func prepare(on database: any Database) async throws {
        try await database.schema("need_number_sequences")
            .field("year", .int, .identifier(auto: false))
            .field("last_value", .int, .required)
            .create()
        try await database.schema("needs")
            .id()
            .field("number", .string, .required)
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("kind", .string, .required)
            .field("requester_id", .uuid, .required, .references("people", "id"))
            .field("requesting_department_id", .uuid, .required, .references("departments", "id"))
            .field("providing_department_id", .uuid, .required, .references("departments", "id"))
            .field("offering_id", .uuid, .references("offerings", "id"))
            .field("urgency", .string, .required)
            .field("importance", .string, .required)
            .field("priority", .string, .required)
            .field("effort_hours", .double)
            .field("desired_date", .string)
            .field("strategic_goal_id", .uuid, .references("strategic_goals", "id"))
            .field("is_confidential", .bool, .required)
            .field("status", .string, .required)
            .field("form_answers", .string, .required)
            // NB: the assignee ids, comma-separated: a projection of need_assignees kept in the same
            // transaction, so reading a need is one row.
            .field("assignee_ids", .string, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("resolved_at", .datetime)
            .field("closed_at", .datetime)
            .field("version", .int, .required)
            .unique(on: "number", name: "uq_needs_number")
            .create()
        let sql = database as! any SQLDatabase
        for (name, columns) in [
            ("ix_needs_provider_queue", ["providing_department_id", "status", "priority", "created_at"]),
            ("ix_needs_provider_priority", ["providing_department_id", "priority", "created_at"]),
            ("ix_needs_provider_created", ["providing_department_id", "created_at"]),
            ("ix_needs_requesting_created", ["requesting_department_id", "created_at"]),
            ("ix_needs_requester_created", ["requester_id", "created_at"]),
            ("ix_needs_status_created", ["status", "created_at"]),
            ("ix_needs_created", ["created_at"]),
            ("ix_needs_updated", ["updated_at"]),
        ] {
            try await sql.createIndex(name, on: "needs", columns)
        }

        try await database.schema("need_assignees")
            .field("need_id", .uuid, .required, .references("needs", "id"))
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("position", .int, .required)
            .compositeIdentifier(over: "need_id", "person_id")
            .create()
        try await sql.createIndex("ix_need_assignees_person", on: "need_assignees", "person_id")

        try await database.schema("need_comments")
            .id()
            .field("need_id", .uuid, .required, .references("needs", "id"))
            .field("author_id", .uuid, .required, .references("people", "id"))
            .field("body", .string, .required)
            .field("visibility", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await sql.createIndex("ix_need_comments_need", on: "need_comments", "need_id", "created_at")

        try await database.schema("attachments")
            .id()
            .field("need_id", .uuid, .required, .references("needs", "id"))
            .field("uploader_id", .uuid, .required, .references("people", "id"))
            .field("file_name", .string, .required)
            .field("content_type", .string, .required)
            .field("byte_count", .int64, .required)
            .field("sha256", .string, .required)
            .field("storage_key", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await sql.createIndex("ix_attachments_need", on: "attachments", "need_id")

        try await database.schema("need_events")
            .id()
            .field("need_id", .uuid, .required, .references("needs", "id"))
            .field("need_version", .int, .required)
            .field("ordinal", .int, .required)
            .field("actor_id", .uuid, .required, .references("people", "id"))
            .field("at", .datetime, .required)
            .field("kind", .string, .required)
            .field("visibility", .string, .required)
            .field("changes", .string, .required)
            .field("comment_id", .uuid, .references("need_comments", "id"))
            .field("attachment_id", .uuid, .references("attachments", "id"))
            .create()
        try await sql.createIndex("ix_need_events_need", on: "need_events", "need_id", "need_version", "ordinal")
    }

    func revert(on database: any Database) async throws {
        for table in ["need_events", "attachments", "need_comments", "need_assignees", "needs", "need_number_sequences"] {
            try await database.schema(table).delete()
        }
    }
}
