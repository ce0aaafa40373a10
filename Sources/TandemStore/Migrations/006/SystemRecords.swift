import Foundation
import SQLKit

/// The department and person that stand for Tandem itself, so that what the service-level
/// watcher does is an event like any other (events name a person). The stores never return
/// them: they are in no list, nobody can sign in as them.
enum SystemRecords {
    static let id = UUID(uuidString: "00000000-0000-0000-0000-000000000000")!

    static func insert(on sql: any SQLDatabase, at now: Date) async throws {
        try await sql.insert(into: "departments").columns("id", "name", "code", "parent_id", "is_provider", "created_at")
            .values(SQLBind(id), SQLBind("Tandem"), SQLBind("_TANDEM_SYSTEM"), SQLLiteral.null, SQLBind(false), SQLBind(now)).run()
        try await sql.insert(into: "people")
            .columns(
                "id", "login", "display_name", "email", "department_id", "roles", "language", "is_active", "email_notifications",
                "created_at"
            )
            .values(
                SQLBind(id), SQLBind("_tandem_system"), SQLBind("Tandem"), SQLLiteral.null, SQLBind(id), SQLBind("employee"),
                SQLBind("zh-CN"), SQLBind(false), SQLBind(false), SQLBind(now)
            )
            .run()
    }
}
