import FluentKit
import SQLKit

struct CreateCatalog: AsyncMigration {
    var name: String { "001_create_catalog" }

    func prepare(on database: any Database) async throws {
        try await database.schema("offerings")
            .id()
            .field("provider_id", .uuid, .required, .references("departments", "id"))
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("description", .string, .required)
            .field("audience", .string, .required)
            .field("default_assignee_ids", .string, .required)
            .field("form_fields", .string, .required)
            .field("confidential_by_default", .bool, .required)
            .field("is_active", .bool, .required)
            .field("created_at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.createIndex("ix_offerings_provider", on: "offerings", "provider_id")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("offerings").delete()
    }
}
