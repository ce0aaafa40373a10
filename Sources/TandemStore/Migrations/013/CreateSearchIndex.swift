import FluentKit
import Foundation
import SQLKit
import TandemCore

/// The full-text index of needs (see `NeedSearchIndex`), filled with the needs already stored.
struct CreateSearchIndex: AsyncMigration {
    var name: String { "013_create_search_index" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        let dialect: StoreDatabase.Dialect = sql.dialect.name == "sqlite" ? .sqlite : .postgres
        switch dialect {
        case .sqlite:
            try await sql.raw(
                """
                CREATE TABLE "need_search_docs" ("doc" INTEGER PRIMARY KEY, "need_id" UUID NOT NULL UNIQUE REFERENCES "needs" ("id"))
                """
            ).run()
            try await sql.raw(
                """
                CREATE VIRTUAL TABLE "need_search" USING fts5(title_terms, description_terms, reply_terms, note_terms, tokenize = 'ascii')
                """
            ).run()
        case .postgres:
            let vector = { (column: String, weight: String) in "setweight(to_tsvector('simple'::regconfig, \(column)), '\(weight)')" }
            let publicDocument = [vector("title_terms", "A"), vector("description_terms", "B"), vector("reply_terms", "C")].joined(
                separator: " || ")
            try await sql.raw(
                """
                CREATE TABLE "need_search" ("need_id" UUID PRIMARY KEY REFERENCES "needs" ("id"),
                  "title_terms" TEXT NOT NULL, "description_terms" TEXT NOT NULL, "reply_terms" TEXT NOT NULL, "note_terms" TEXT NOT NULL,
                  "public_document" tsvector GENERATED ALWAYS AS (\(unsafeRaw: publicDocument)) STORED,
                  "all_document" tsvector GENERATED ALWAYS AS (\(unsafeRaw: publicDocument) || \(unsafeRaw: vector("note_terms", "D"))) STORED)
                """
            ).run()
            try await sql.raw(#"CREATE INDEX "ix_need_search_public" ON "need_search" USING GIN ("public_document")"#).run()
            try await sql.raw(#"CREATE INDEX "ix_need_search_all" ON "need_search" USING GIN ("all_document")"#).run()
        }
        try await indexStoredNeeds(sql, dialect)
    }

    /// Indexes the needs stored before this migration, a thousand at a time, oldest first (the
    /// index's order is the order of recency its search reads in).
    func indexStoredNeeds(_ sql: any SQLDatabase, _ dialect: StoreDatabase.Dialect) async throws {
        var after: Need?
        while true {
            var select = sql.select().column("*").from("needs").orderBy("created_at").orderBy("id").limit(1000)
            if let after {
                let at = after.createdAt.storable, id = after.id.rawValue
                select = select.where(SQLQueryString("(created_at > \(bind: at) OR (created_at = \(bind: at) AND id > \(bind: id)))"))
            }
            let needs = try await select.all().map { try NeedRow(row: $0).need() }
            guard let last = needs.last else { return }
            let comments = try await sql.select().column("*").from("need_comments").where("need_id", .in, needs.map(\.id.rawValue))
                .orderBy("created_at").orderBy("id").allRows(NeedCommentRow.self).map(\.comment)
            let byNeed = Dictionary(grouping: comments, by: \.needID)
            try await NeedSearchIndex.insert(needs.map { ($0, byNeed[$0.id] ?? []) }, dialect: dialect, sql, schema013: true)
            after = last
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP TABLE need_search").run()
        if sql.dialect.name == "sqlite" { try await sql.raw("DROP TABLE need_search_docs").run() }
    }
}
