import FluentKit
import SQLKit

/// SQLite: each search document keeps who may read its need (`SearchAudience.ftsDocument`) in an
/// FTS5 column of its own, so a search asks the index for the matches its reader may see
/// (`{audience} : (…)` beside the words) instead of joining every match to its need to test its
/// columns. At a million needs an agent who sees a thirtieth of a common word's matches walked
/// 4,123 of them, each joined to its need, to find 134 (28 ms warm, 128 cold) for one group of
/// a search that reads several.
///
/// FTS5 tables take no new column, so the index is written again into a new table with the
/// column, the audience computed in SQL (the same words as the code writes: the migration test
/// compares them), and takes the old one's name. The vocabulary table is made again over it.
struct IndexSearchAudienceInFTS: AsyncMigration {
    var name: String { "024_index_search_audience_in_fts" }

    /// One word per reader token, as `SearchAudience.ftsWord` writes it, over a need row `n`.
    static func word(_ prefix: String, _ column: String) -> String { "'\(prefix)x' || LOWER(REPLACE(\(column), '-', ''))" }

    static var audience: String {
        """
        \(word("u", "n.requester_id"))
          || COALESCE((SELECT ' ' || GROUP_CONCAT(\(word("a", "person_id")), ' ') FROM need_assignees WHERE need_id = n.id), '')
          || COALESCE((SELECT ' ' || GROUP_CONCAT(\(word("f", "person_id")), ' ') FROM need_followers WHERE need_id = n.id), '')
          || CASE WHEN n.is_confidential THEN ' ' || \(word("pc", "n.providing_department_id"))
                  ELSE ' ' || \(word("r", "n.requesting_department_id")) || ' ' || \(word("p", "n.providing_department_id")) END
          || ' ' || \(word("s", "n.providing_department_id"))
        """
    }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        guard sql.dialect.name == "sqlite" else { return }
        try await sql.raw(
            """
            CREATE VIRTUAL TABLE "need_search_new" USING fts5(title_terms, description_terms, reply_terms, note_terms, audience,
              tokenize = 'ascii')
            """
        ).run()
        try await sql.raw(
            """
            INSERT INTO need_search_new (rowid, title_terms, description_terms, reply_terms, note_terms, audience)
            SELECT s.rowid, s.title_terms, s.description_terms, s.reply_terms, s.note_terms, \(unsafeRaw: Self.audience)
            FROM need_search s JOIN need_search_docs d ON d.doc = s.rowid JOIN needs n ON n.id = d.need_id
            """
        ).run()
        try await sql.raw(#"DROP TABLE "need_search_vocab""#).run()
        try await sql.raw(#"DROP TABLE "need_search""#).run()
        try await sql.raw(#"ALTER TABLE "need_search_new" RENAME TO "need_search""#).run()
        try await CreateSearchVocabulary().prepare(on: database)
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        guard sql.dialect.name == "sqlite" else { return }
        try await sql.raw(
            """
            CREATE VIRTUAL TABLE "need_search_old" USING fts5(title_terms, description_terms, reply_terms, note_terms, tokenize = 'ascii')
            """
        ).run()
        try await sql.raw(
            """
            INSERT INTO need_search_old (rowid, title_terms, description_terms, reply_terms, note_terms)
            SELECT rowid, title_terms, description_terms, reply_terms, note_terms FROM need_search
            """
        ).run()
        try await sql.raw(#"DROP TABLE "need_search_vocab""#).run()
        try await sql.raw(#"DROP TABLE "need_search""#).run()
        try await sql.raw(#"ALTER TABLE "need_search_old" RENAME TO "need_search""#).run()
        try await CreateSearchVocabulary().prepare(on: database)
    }
}
