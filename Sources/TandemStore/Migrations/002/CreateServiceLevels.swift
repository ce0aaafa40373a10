import FluentKit

/// Business calendars and service-level policies, each stored as JSON under a scope:
/// `default` (the company's) or the id of a department (calendars) or an offering (policies).
struct CreateServiceLevels: AsyncMigration {
    var name: String { "002_create_service_levels" }

    func prepare(on database: any Database) async throws {
        try await database.schema("business_calendars")
            .field("scope", .string, .identifier(auto: false))
            .field("calendar", .string, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema("service_level_policies")
            .field("scope", .string, .identifier(auto: false))
            .field("policy", .string, .required)
            .field("updated_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("service_level_policies").delete()
        try await database.schema("business_calendars").delete()
    }
}
