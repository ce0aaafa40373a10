import Foundation
import SQLKit
import TandemCore

/// Search terms written as each database's query language: an FTS5 MATCH expression or a
/// PostgreSQL `tsquery`. Terms are the tokenizer's (letters and digits only), so quoting them
/// is enough; a lone Chinese character matches as a prefix.
enum SearchMatch {
    /// The FTS5 expression that every term matches, limited to `columns` when given
    /// (`{title_terms …} : (…)`).
    static func fts5(_ terms: [SearchTerm], columns: [String]? = nil) -> String {
        let phrases = terms.map { "\"\($0.token)\"" + ($0.isPrefix ? "*" : "") }
        let expression = "(" + phrases.joined(separator: " AND ") + ")"
        guard let columns else { return expression }
        return "{" + columns.joined(separator: " ") + "} : " + expression
    }

    /// The `tsquery` text that every term matches (`any`: that one of them matches), read with
    /// `to_tsquery('simple', …)`; with a weight, only lexemes of that weight match (`A`: the title).
    static func tsquery(_ terms: [SearchTerm], weight: String = "", any: Bool = false) -> String {
        terms.map { term in
            let marks = (term.isPrefix ? "*" : "") + weight
            return "'\(term.token)'" + (marks.isEmpty ? "" : ":" + marks)
        }.joined(separator: any ? " | " : " & ")
    }
}
