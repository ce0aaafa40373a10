import FluentKit
import SQLKit

struct CreateOrganisation: AsyncMigration {
    var name: String { "001_create_organisation" }

    func prepare(on database: any Database) async throws {
        try await database.schema("departments")
            .id()
            .field("name", .string, .required)
            .field("code", .string, .required)
            .field("parent_id", .uuid, .references("departments", "id"))
            .field("is_provider", .bool, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "code", name: "uq_departments_code")
            .create()
        try await database.schema("people")
            .id()
            .field("login", .string, .required)
            .field("display_name", .string, .required)
            .field("email", .string)
            .field("department_id", .uuid, .required, .references("departments", "id"))
            .field("roles", .string, .required)
            .field("language", .string, .required)
            .field("is_active", .bool, .required)
            .field("password_hash", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "login", name: "uq_people_login")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.createIndex("ix_people_department", on: "people", "department_id")
        try await database.schema("strategic_goals")
            .id()
            .field("title", .string, .required)
            .field("weight", .int, .required)
            .field("is_active", .bool, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("strategic_goals").delete()
        try await database.schema("people").delete()
        try await database.schema("departments").delete()
    }
}
