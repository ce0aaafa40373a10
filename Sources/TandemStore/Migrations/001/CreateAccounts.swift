import FluentKit
import SQLKit

struct CreateAccounts: AsyncMigration {
    var name: String { "001_create_accounts" }

    func prepare(on database: any Database) async throws {
        try await database.schema("sessions")
            .field("digest", .string, .identifier(auto: false))
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.createIndex("ix_sessions_person", on: "sessions", "person_id")
        try await sql.createIndex("ix_sessions_expires", on: "sessions", "expires_at")
        try await database.schema("api_tokens")
            .id()
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("name", .string, .required)
            .field("digest", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_used_at", .datetime)
            .field("expires_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "digest", name: "uq_api_tokens_digest")
            .create()
        try await sql.createIndex("ix_api_tokens_person", on: "api_tokens", "person_id")
        try await database.schema("sign_in_failures")
            .id()
            .field("login", .string, .required)
            .field("address", .string, .required)
            .field("at", .datetime, .required)
            .create()
        try await sql.createIndex("ix_sign_in_failures_login", on: "sign_in_failures", "login", "at")
        try await sql.createIndex("ix_sign_in_failures_address", on: "sign_in_failures", "address", "at")
        try await sql.createIndex("ix_sign_in_failures_at", on: "sign_in_failures", "at")
    }

    func revert(on database: any Database) async throws {
        for table in ["sign_in_failures", "api_tokens", "sessions"] { try await database.schema(table).delete() }
    }
}
