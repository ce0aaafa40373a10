import FluentKit
import SQLKit

/// Departments can be deactivated (停用) instead of deleted: they keep their history and figures
/// but take no new needs or people. Every existing department is active.
struct AddDepartmentActivity: AsyncMigration {
    var name: String { "025_add_department_activity" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw(#"ALTER TABLE "departments" ADD COLUMN "is_active" BOOLEAN NOT NULL DEFAULT TRUE"#).run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw(#"ALTER TABLE "departments" DROP COLUMN "is_active""#).run()
    }
}
