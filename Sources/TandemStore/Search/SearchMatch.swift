import Foundation
import SQLKit
import TandemCore

/// Search terms written as each database's query language: an FTS5 MATCH expression or a
/// PostgreSQL `tsquery`. Terms are the tokenizer's (letters and digits only), so quoting them
/// is enough; a lone Chinese character matches as a prefix, a term with variants as any of them.
/// A level (`holding`) is written as every way to choose that many terms: an OR of ANDs.
enum SearchMatch {
    /// The FTS5 expression that `holding` of the terms match (nil: all), limited to `columns` when
    /// given (`{title_terms …} : (…)`).
    static func fts5(_ terms: [SearchTerm], holding size: Int? = nil, columns: [String]? = nil) -> String {
        let written = terms.map { term in
            let phrases = term.alternatives.map { "\"\($0)\"" + (term.isPrefix ? "*" : "") }
            return phrases.count == 1 ? phrases[0] : "(" + phrases.joined(separator: " OR ") + ")"
        }
        let expression = either(of: choices(terms, size), written, and: " AND ", or: " OR ")
        guard let columns else { return expression }
        return "{" + columns.joined(separator: " ") + "} : " + expression
    }

    /// The `tsquery` text that `holding` of the terms match (nil: all; `any`: one of them), read
    /// with `to_tsquery('simple', …)`; with a weight, only lexemes of that weight match (`A`: the
    /// title).
    static func tsquery(_ terms: [SearchTerm], holding size: Int? = nil, weight: String = "", any: Bool = false) -> String {
        let written = terms.map { term in
            let marks = (term.isPrefix ? "*" : "") + weight
            let lexemes = term.alternatives.map { "'\($0)'" + (marks.isEmpty ? "" : ":" + marks) }
            return lexemes.count == 1 ? lexemes[0] : "(" + lexemes.joined(separator: " | ") + ")"
        }
        return either(of: choices(terms, any ? 1 : size), written, and: " & ", or: " | ")
    }

    static func choices(_ terms: [SearchTerm], _ size: Int?) -> [[Int]] {
        SearchRelevance.choices(of: terms.count, size: size ?? terms.count)
    }

    /// `(a AND b) OR (a AND c) …`: one of the choices, each with all its terms.
    static func either(of choices: [[Int]], _ written: [String], and: String, or: String) -> String {
        let groups = choices.map { "(" + $0.map { written[$0] }.joined(separator: and) + ")" }
        return groups.count == 1 ? groups[0] : "(" + groups.joined(separator: or) + ")"
    }
}
