import FluentKit
import SQLKit

/// SQLite: the words of the search index, with how many documents hold each in each column
/// (FTS5's `fts5vocab` table over `need_search`, kept by FTS5 itself: nothing to write), so a
/// typing slip can be matched to the words that are there (`SQLNeedSearchStore.spellingVariants`).
/// PostgreSQL asks its words' index instead.
struct CreateSearchVocabulary: AsyncMigration {
    var name: String { "022_create_search_vocabulary" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        guard sql.dialect.name == "sqlite" else { return }
        try await sql.raw(#"CREATE VIRTUAL TABLE "need_search_vocab" USING fts5vocab("need_search", 'col')"#).run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        guard sql.dialect.name == "sqlite" else { return }
        try await sql.raw(#"DROP TABLE "need_search_vocab""#).run()
    }
}
