import FluentKit
import SQLKit

/// PostgreSQL: each search document keeps the day its need was raised, and the full-text
/// indexes hold it beside the words (GIN over the day and the `tsvector`, with the `btree_gin`
/// extension), so a search reads the newest matches a few days at a time (see `SearchWindows`)
/// inside the index instead of fetching and sorting every match. The document also keeps copies
/// of the need's time raised, requester and departments and confidentiality, so a search with no
/// list filter reads the permission filter from the document and joins no need it may not show
/// (a join cost 15–29 ms of a 29 ms count; without it 11 ms). The notes get a `tsvector` and
/// an index of their own, in place of the index over the whole document: a need found only
/// through its notes has one of the words in them, and looking among the notes is cheap, where
/// "the whole document but not its public part" read every public match first. SQLite's FTS5
/// index reads its matches newest first and excludes inside the index: nothing to do there.
///
/// NB: two separate indexes (a GIN on the words, a B-tree on the day) were not enough: the
/// planner estimates a few matches for any query of several bigrams (it takes them as
/// independent) and then never combines the two, fetching all 27,859 matches of 季度销售数据.
/// The day is a BIGINT because the store binds Swift integers as `int8`: `btree_gin` has no
/// cross-type operators, and an INTEGER column compared with an `int8` is not read in the index.
struct IndexSearchByDay: AsyncMigration {
    var name: String { "017_index_search_by_day" }

    /// The day raised, and copies of what the search sorts by and the permission filter reads,
    /// kept by `NeedSearchIndex` in the need's own transaction.
    static let copiedColumns = [
        ("created_day", "BIGINT"), ("created_at", "TIMESTAMPTZ"), ("requester_id", "UUID"), ("requesting_department_id", "UUID"),
        ("providing_department_id", "UUID"), ("is_confidential", "BOOLEAN"),
    ]

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        guard sql.dialect.name != "sqlite" else { return }
        try await sql.raw("CREATE EXTENSION IF NOT EXISTS btree_gin").run()
        for (column, type) in Self.copiedColumns {
            try await sql.raw(#"ALTER TABLE "need_search" ADD COLUMN "\#(unsafeRaw: column)" \#(unsafeRaw: type)"#).run()
        }
        try await sql.raw(
            """
            UPDATE "need_search" SET "created_day" = FLOOR(EXTRACT(EPOCH FROM "needs"."created_at") / 86400),
              "created_at" = "needs"."created_at", "requester_id" = "needs"."requester_id",
              "requesting_department_id" = "needs"."requesting_department_id",
              "providing_department_id" = "needs"."providing_department_id", "is_confidential" = "needs"."is_confidential"
            FROM "needs" WHERE "needs"."id" = "need_search"."need_id"
            """
        ).run()
        for (column, _) in Self.copiedColumns {
            try await sql.raw(#"ALTER TABLE "need_search" ALTER COLUMN "\#(unsafeRaw: column)" SET NOT NULL"#).run()
        }
        try await sql.raw(
            """
            ALTER TABLE "need_search" ADD COLUMN "note_document" tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, "note_terms")) STORED
            """
        ).run()
        try await sql.raw(#"DROP INDEX "ix_need_search_public""#).run()
        try await sql.raw(#"DROP INDEX "ix_need_search_all""#).run()
        try await sql.raw(#"CREATE INDEX "ix_need_search_public" ON "need_search" USING GIN ("created_day", "public_document")"#).run()
        try await sql.raw(#"CREATE INDEX "ix_need_search_notes" ON "need_search" USING GIN ("created_day", "note_document")"#).run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        guard sql.dialect.name != "sqlite" else { return }
        try await sql.raw(#"DROP INDEX "ix_need_search_public""#).run()
        try await sql.raw(#"DROP INDEX "ix_need_search_notes""#).run()
        try await sql.raw(#"ALTER TABLE "need_search" DROP COLUMN "note_document""#).run()
        for (column, _) in Self.copiedColumns {
            try await sql.raw(#"ALTER TABLE "need_search" DROP COLUMN "\#(unsafeRaw: column)""#).run()
        }
        try await sql.raw(#"CREATE INDEX "ix_need_search_public" ON "need_search" USING GIN ("public_document")"#).run()
        try await sql.raw(#"CREATE INDEX "ix_need_search_all" ON "need_search" USING GIN ("all_document")"#).run()
    }
}
