import FluentKit
import SQLKit

/// Links by e-mail with which people set their own passwords (a reset, an invitation): only the
/// digest of each link's secret is kept, and when it was used.
struct CreatePasswordLinks: AsyncMigration {
    var name: String { "030_create_password_links" }

    func prepare(on database: any Database) async throws {
        try await database.schema("password_links")
            .field("id", .uuid, .identifier(auto: false))
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("purpose", .string, .required)
            .field("digest", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("password_links").delete()
    }
}
