import Foundation
import SQLKit
import TandemCore

/// Typing slips: the words of a query that no document holds, matched to the words one slip
/// away that documents hold in their public text (`SpellingVariants`).
extension SQLNeedSearchStore {
    public func spellingVariants(of terms: [SearchTerm]) async throws -> [String: [String]] {
        let words = terms.filter(SpellingVariants.corrects)
        guard !words.isEmpty else { return [:] }
        return try await database.read { sql in
            var found: [String: [String]] = [:]
            for term in words where try await SearchTermStatistics.holding(term, database, sql) == 0 {
                let variants = try await held(SpellingVariants.candidates(of: term.token), sql)
                if !variants.isEmpty { found[term.token] = Array(variants.prefix(SpellingVariants.kept)) }
            }
            return found
        }
    }

    /// The candidates documents hold in their public text: on SQLite the commonest first (from
    /// the index's vocabulary), on PostgreSQL in the candidates' order (one probe of the words'
    /// index each).
    func held(_ candidates: [String], _ sql: any SQLDatabase) async throws -> [String] {
        struct Word: Decodable { var term: String }
        switch database.dialect {
        case .sqlite:
            return try await sql.select().column("term").from("need_search_vocab")
                .where("term", .in, SQLBind.group(candidates))
                .where("col", .in, SQLBind.group(Self.publicColumns))
                .groupBy("term").orderBy(
                    SQLOrderBy(expression: SQLFunction("SUM", args: SQLColumn("doc")), direction: SQLDirection.descending)
                )
                .orderBy("term")
                .all(decoding: Word.self).map(\.term)
        case .postgres:
            let held = Set(
                try await sql.raw(
                    """
                    SELECT term FROM unnest(\(bind: candidates)::text[]) AS term WHERE EXISTS
                      (SELECT 1 FROM need_search WHERE public_document @@ to_tsquery('simple', quote_literal(term)))
                    """
                ).all(decoding: Word.self).map(\.term))
            return candidates.filter(held.contains)
        }
    }
}
