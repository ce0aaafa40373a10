import Foundation
import SQLKit
import TandemCore

/// Search rules (`SearchRelevance.Rule`) written as each database's query language: an FTS5
/// MATCH expression or a PostgreSQL `tsquery`. Terms are the tokenizer's (letters and digits
/// only), so quoting them is enough; a lone Chinese character matches as a prefix, a term with
/// variants as any of them.
enum SearchMatch {
    /// The FTS5 expression of a rule (every term when nil), limited to `columns` when given
    /// (`{title_terms …} : (…)`).
    static func fts5(_ terms: [SearchTerm], _ rule: SearchRelevance.Rule? = nil, columns: [String]? = nil) -> String {
        let expression = written(rule ?? SearchRelevance.strict(terms), and: " AND ", or: " OR ") { index in
            let term = terms[index]
            let phrases = term.alternatives.map { "\"\($0)\"" + (term.isPrefix ? "*" : "") }
            return phrases.count == 1 ? phrases[0] : "(" + phrases.joined(separator: " OR ") + ")"
        }
        guard let columns else { return expression }
        return "{" + columns.joined(separator: " ") + "} : (" + expression + ")"
    }

    /// The `tsquery` text of a rule (every term when nil; `any`: one of the terms), read with
    /// `to_tsquery('simple', …)`; with a weight, only lexemes of that weight match (`A`: the title).
    static func tsquery(_ terms: [SearchTerm], _ rule: SearchRelevance.Rule? = nil, weight: String = "", any: Bool = false) -> String {
        let rule = any ? .any(terms.indices.map(SearchRelevance.Rule.term)) : rule ?? SearchRelevance.strict(terms)
        return written(rule, and: " & ", or: " | ") { index in
            let term = terms[index]
            let marks = (term.isPrefix ? "*" : "") + weight
            let lexemes = term.alternatives.map { "'\($0)'" + (marks.isEmpty ? "" : ":" + marks) }
            return lexemes.count == 1 ? lexemes[0] : "(" + lexemes.joined(separator: " | ") + ")"
        }
    }

    static func written(_ rule: SearchRelevance.Rule, and: String, or: String, _ term: (Int) -> String) -> String {
        switch rule {
        case .term(let index): return term(index)
        case .all(let rules): return "(" + rules.map { written($0, and: and, or: or, term) }.joined(separator: and) + ")"
        case .any(let rules): return "(" + rules.map { written($0, and: and, or: or, term) }.joined(separator: or) + ")"
        }
    }
}
