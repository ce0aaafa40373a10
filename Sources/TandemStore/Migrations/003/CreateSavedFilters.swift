import FluentKit

/// People's saved queue filters.
struct CreateSavedFilters: AsyncMigration {
    var name: String { "003_create_saved_filters" }

    func prepare(on database: any Database) async throws {
        try await database.schema("saved_filters")
            .field("id", .uuid, .identifier(auto: false))
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("name", .string, .required)
            .field("query", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("saved_filters").delete()
    }
}
