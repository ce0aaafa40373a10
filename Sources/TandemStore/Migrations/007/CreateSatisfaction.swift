import FluentKit
import SQLKit

/// Satisfaction ratings (one per need), the providing departments' rating policies, and the
/// rating links sent by e-mail (only their secrets' digests).
struct CreateSatisfaction: AsyncMigration {
    var name: String { "007_create_satisfaction" }

    func prepare(on database: any Database) async throws {
        try await database.schema("need_ratings")
            .field("need_id", .uuid, .identifier(auto: false), .references("needs", "id"))
            .field("rater_id", .uuid, .required, .references("people", "id"))
            .field("requesting_department_id", .uuid, .required, .references("departments", "id"))
            .field("providing_department_id", .uuid, .required, .references("departments", "id"))
            .field("score", .int, .required)
            .field("comment", .string)
            .field("rated_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.createIndex("ix_need_ratings_provider_rated", on: "need_ratings", ["providing_department_id", "rated_at"])

        try await database.schema("satisfaction_policies")
            .field("department_id", .uuid, .identifier(auto: false), .references("departments", "id"))
            .field("rating_days", .int, .required)
            .field("low_score", .int, .required)
            .field("on_low_rating", .string, .required)
            .create()

        try await database.schema("rating_links")
            .field("id", .uuid, .identifier(auto: false))
            .field("need_id", .uuid, .required, .references("needs", "id"))
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("secret_digest", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("rating_links").delete()
        try await database.schema("satisfaction_policies").delete()
        try await database.schema("need_ratings").delete()
    }
}
