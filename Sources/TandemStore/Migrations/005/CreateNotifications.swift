import FluentKit
import SQLKit

/// The in-app inbox, the departments' notification channels, and each person's choice of
/// e-mail notifications.
struct CreateNotifications: AsyncMigration {
    var name: String { "005_create_notifications" }

    func prepare(on database: any Database) async throws {
        try await database.schema("notifications")
            .field("id", .uuid, .identifier(auto: false))
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("need_id", .uuid, .required, .references("needs", "id"))
            .field("event_id", .uuid, .required)
            .field("kind", .string, .required)
            .field("actor_id", .uuid)
            .field("detail", .string)
            .field("created_at", .datetime, .required)
            .field("read_at", .datetime)
            .unique(on: "event_id", "person_id", name: "uq_notifications_event_person")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.createIndex("ix_notifications_person_created", on: "notifications", ["person_id", "created_at"])
        try await sql.createIndex("ix_notifications_person_read", on: "notifications", ["person_id", "read_at"])

        try await database.schema("notification_channels")
            .field("id", .uuid, .identifier(auto: false))
            .field("department_id", .uuid, .required, .references("departments", "id"))
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("url", .string, .required)
            .field("secret", .string)
            .field("events", .string, .required)
            .field("language", .string, .required)
            .field("is_active", .bool, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await sql.createIndex("ix_notification_channels_department", on: "notification_channels", ["department_id"])

        try await database.schema("people")
            .field("email_notifications", .bool, .required, .sql(.default(true)))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("people").deleteField("email_notifications").update()
        try await database.schema("notification_channels").delete()
        try await database.schema("notifications").delete()
    }
}
