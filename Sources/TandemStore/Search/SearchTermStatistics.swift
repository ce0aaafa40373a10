import Foundation
import SQLKit
import TandemCore

/// How telling each term of a search is (`SearchRelevance.idf`), from how many search documents
/// hold it in their public text — counted up to `cap` and remembered for ten minutes — and how
/// many documents there are.
///
/// NB: the count stops at `cap`: beyond it every term is as common (a word that a tenth of a
/// million needs hold is no more telling than one that 0.2% hold), and the database stops early.
enum SearchTermStatistics {
    static let cap = 2_000

    static func idf(_ terms: [SearchTerm], _ database: StoreDatabase, _ sql: any SQLDatabase) async throws -> [Double] {
        let documents = try await remembered("documents", database) { try await documentCount(database.dialect, sql) }
        var weights: [Double] = []
        for term in terms { weights.append(SearchRelevance.idf(holding: try await holding(term, database, sql), of: documents)) }
        return weights
    }

    /// How many documents hold the term in their public text, up to `cap` (remembered).
    static func holding(_ term: SearchTerm, _ database: StoreDatabase, _ sql: any SQLDatabase) async throws -> Int {
        let key = "term " + (term.isPrefix ? "*" : "") + term.alternatives.joined(separator: " ")
        return try await remembered(key, database) { try await holdingCount(term, database.dialect, sql) }
    }

    static func remembered(_ key: String, _ database: StoreDatabase, _ count: () async throws -> Int) async throws -> Int {
        let (known, generation) = database.searchTermCounts.entry(for: key)
        if let known { return known }
        let counted = try await count()
        database.searchTermCounts.remember(counted, for: key, generation: generation)
        return counted
    }

    /// About how many documents there are: SQLite's highest document number, PostgreSQL's
    /// statistics (counted when the table was never analysed).
    static func documentCount(_ dialect: StoreDatabase.Dialect, _ sql: any SQLDatabase) async throws -> Int {
        struct Count: Decodable { var count: Int? }
        switch dialect {
        case .sqlite:
            return try await sql.raw("SELECT MAX(doc) AS count FROM need_search_docs").first(decoding: Count.self)?.count ?? 0
        case .postgres:
            let estimate =
                try await sql.raw("SELECT reltuples::BIGINT AS count FROM pg_class WHERE oid = 'need_search'::regclass")
                .first(decoding: Count.self)?.count ?? -1
            if estimate > 0 { return estimate }
            return try await sql.raw("SELECT COUNT(*) AS count FROM need_search").first(decoding: Count.self)?.count ?? 0
        }
    }

    /// How many documents hold the term in their public text, up to `cap`.
    static func holdingCount(_ term: SearchTerm, _ dialect: StoreDatabase.Dialect, _ sql: any SQLDatabase) async throws -> Int {
        let select = sql.select().column(SQLLiteral.numeric("1")).from("need_search").limit(cap)
        switch dialect {
        case .sqlite:
            let expression = SearchMatch.fts5([term], columns: SQLNeedSearchStore.publicColumns)
            return try await sql.countRows(select.where(SQLQueryString("need_search MATCH \(bind: expression)")))
        case .postgres:
            let query = SearchMatch.tsquery([term])
            return try await sql.countRows(select.where(SQLQueryString("public_document @@ to_tsquery('simple', \(bind: query))")))
        }
    }
}
