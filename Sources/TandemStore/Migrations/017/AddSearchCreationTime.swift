import FluentKit
import SQLKit

/// PostgreSQL: each search document keeps its need's creation time, under a B-tree, so a search
/// reads the newest matches window by window instead of fetching and sorting every match (see
/// `SearchWindows`). SQLite's FTS5 index reads its matches newest first already: nothing to do.
struct AddSearchCreationTime: AsyncMigration {
    var name: String { "017_add_search_creation_time" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        guard sql.dialect.name != "sqlite" else { return }
        try await sql.raw(#"ALTER TABLE "need_search" ADD COLUMN "created_at" TIMESTAMPTZ"#).run()
        try await sql.raw("""
            UPDATE "need_search" SET "created_at" = "needs"."created_at" FROM "needs" WHERE "needs"."id" = "need_search"."need_id"
            """).run()
        try await sql.raw(#"ALTER TABLE "need_search" ALTER COLUMN "created_at" SET NOT NULL"#).run()
        try await sql.raw(#"CREATE INDEX "ix_need_search_created" ON "need_search" ("created_at")"#).run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        guard sql.dialect.name != "sqlite" else { return }
        try await sql.raw(#"ALTER TABLE "need_search" DROP COLUMN "created_at""#).run()
    }
}
