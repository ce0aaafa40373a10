import FluentKit
import Foundation
import SQLKit

/// What the service-level watcher and the queue read of a need's clocks, and the alerts
/// announced (one row each: the primary key makes a second announcement impossible).
struct CreateServiceLevelWatch: AsyncMigration {
    var name: String { "006_create_service_level_watch" }

    func prepare(on database: any Database) async throws {
        // NB: one column per ALTER TABLE: SQLite adds no more at once.
        for column in ["response_due_at", "resolution_due_at", "resolution_warning_at", "sla_check_at"] {
            try await database.schema("needs").field(FieldKey(stringLiteral: column), .datetime).update()
        }
        let sql = database as! any SQLDatabase
        try await sql.createIndex("ix_needs_sla_check", on: "needs", ["sla_check_at"])
        try await sql.createIndex("ix_needs_provider_due", on: "needs", ["providing_department_id", "resolution_due_at"])
        try await database.schema("service_level_alerts")
            .field("need_id", .uuid, .required, .references("needs", "id"))
            .field("target", .string, .required)
            .field("level", .string, .required)
            .field("at", .datetime, .required)
            .compositeIdentifier(over: "need_id", "target", "level")
            .create()
        try await SystemRecords.insert(on: sql, at: Date())
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.delete(from: "people").where("id", .equal, SystemRecords.id).run()
        try await sql.delete(from: "departments").where("id", .equal, SystemRecords.id).run()
        try await database.schema("service_level_alerts").delete()
        for field in ["response_due_at", "resolution_due_at", "resolution_warning_at", "sla_check_at"] {
            try await database.schema("needs").deleteField(FieldKey(stringLiteral: field)).update()
        }
    }
}
