import FluentKit
import SQLKit

/// PostgreSQL: each search document keeps who may read its need (`SearchAudience`'s tokens) and
/// the public words' GIN index holds them beside the day and the words, so the index yields
/// only the matches the reader may see. Before, every match was fetched from the table to test
/// its permission columns: at a million needs, counting 100 visible matches of 华东区 fetched
/// 1,116 rows (17.6 ms; now 5.7), and the newest title matches of 华东区 over all time took
/// 180 ms (now 18).
///
/// NB: the tokens written here in SQL are `SearchAudience.tokens(of:)`; the migration test
/// compares them with what the code writes.
///
/// NB: both search indexes take new documents at once (`fastupdate = off`) instead of in a
/// pending list that every search reads through until a vacuum merges it: after the benchmark
/// raised 13,000 needs, its 154 pages cost searches a fifth of their throughput; raising is 5%
/// slower (920 → 876 a second at a million needs).
struct IndexSearchAudience: AsyncMigration {
    var name: String { "019_index_search_audience" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        guard sql.dialect.name != "sqlite" else { return }
        try await sql.raw(#"ALTER TABLE "need_search" ADD COLUMN "audience" TEXT[]"#).run()
        try await sql.raw(
            """
            UPDATE "need_search" SET "audience" = ARRAY['u:' || "requester_id"]
              || COALESCE((SELECT array_agg('a:' || "person_id" ORDER BY "position") FROM "need_assignees"
                           WHERE "need_assignees"."need_id" = "need_search"."need_id"), '{}')
              || CASE WHEN "is_confidential" THEN ARRAY['pc:' || "providing_department_id"]
                      ELSE ARRAY['r:' || "requesting_department_id", 'p:' || "providing_department_id"] END
            """
        ).run()
        try await sql.raw(#"ALTER TABLE "need_search" ALTER COLUMN "audience" SET NOT NULL"#).run()
        try await sql.raw(
            """
            CREATE INDEX "ix_need_search_public_audience" ON "need_search" USING GIN ("created_day", "public_document", "audience")
            WITH (fastupdate = off)
            """
        ).run()
        try await sql.raw(#"DROP INDEX "ix_need_search_public""#).run()
        try await sql.raw(#"ALTER INDEX "ix_need_search_notes" SET (fastupdate = off)"#).run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        guard sql.dialect.name != "sqlite" else { return }
        try await sql.raw(#"ALTER INDEX "ix_need_search_notes" RESET (fastupdate)"#).run()
        try await sql.raw(#"CREATE INDEX "ix_need_search_public" ON "need_search" USING GIN ("created_day", "public_document")"#).run()
        try await sql.raw(#"DROP INDEX "ix_need_search_public_audience""#).run()
        try await sql.raw(#"ALTER TABLE "need_search" DROP COLUMN "audience""#).run()
    }
}
