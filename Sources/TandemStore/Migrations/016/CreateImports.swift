import FluentKit
import SQLKit

/// The CSV imports checked or run: what, by whom, how far, and the problems found.
struct CreateImports: AsyncMigration {
    var name: String { "016_create_imports" }

    func prepare(on database: any Database) async throws {
        try await database.schema("imports")
            .field("id", .uuid, .identifier(auto: false))
            .field("kind", .string, .required)
            .field("state", .string, .required)
            .field("file_name", .string, .required)
            .field("encoding", .string, .required)
            .field("rows", .int, .required)
            .field("written", .int, .required)
            .field("problems", .string, .required)
            .field("problem_count", .int, .required)
            .field("error", .string)
            .field("created_by", .uuid, .required, .references("people", "id"))
            .field("created_at", .datetime, .required)
            .field("finished_at", .datetime)
            .create()
        try await (database as! any SQLDatabase).createIndex("ix_imports_created_at", on: "imports", "created_at")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("imports").delete()
    }
}
