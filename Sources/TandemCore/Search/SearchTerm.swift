import Foundation

/// One token of a search: matched whole, or — a lone Chinese character — as the first
/// character of an indexed token (see `Tokenizer.indexTokens`). A term may also be met by its
/// variants: the indexed words one typing slip away from a word that nothing contains
/// (`SearchTerm.misspelled`), found by the store.
public struct SearchTerm: Hashable, Sendable {
    public var token: String
    public var isPrefix: Bool
    /// Other tokens that count as this one (none unless the store corrected a typing slip).
    public var variants: [String]
    /// Which word of the query it comes from: a Latin word, or a run of Chinese characters
    /// (whose pairs share it), counted from 0.
    public var segment: Int

    public init(token: String, isPrefix: Bool, variants: [String] = [], segment: Int = 0) {
        self.token = token
        self.isPrefix = isPrefix
        self.variants = variants
        self.segment = segment
    }

    /// The distinct terms of what a person typed (`QueryText`), at most `max`, each with the word
    /// it comes from (a token that does not overlap the one before starts a new word).
    public static func terms(of text: String, max: Int) -> [SearchTerm] {
        var seen: Set<String> = []
        var segment = -1
        var previous: Range<String.Index>?
        var terms: [SearchTerm] = []
        for token in Tokenizer.scan(QueryText.essentials(of: text)) {
            if previous.map({ !$0.overlaps(token.range) }) ?? true { segment += 1 }
            previous = token.range
            guard terms.count < max, seen.insert(token.text).inserted else { continue }
            terms.append(SearchTerm(token: token.text, isPrefix: token.isIdeograph, segment: segment))
        }
        let renumbered = Dictionary(
            Set(terms.map(\.segment)).sorted().enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return terms.map { term in
            var term = term
            term.segment = renumbered[term.segment] ?? 0
            return term
        }
    }

    /// The token and its variants: each one satisfies the term.
    public var alternatives: [String] { [token] + variants }

    /// Whether an indexed token satisfies this term.
    public func matches(_ indexed: String) -> Bool {
        isPrefix ? indexed.hasPrefix(token) : indexed == token || variants.contains(indexed)
    }

    /// Whether a set of indexed tokens holds this term.
    public func isIn(_ tokens: Set<String>) -> Bool {
        isPrefix ? tokens.contains { $0.hasPrefix(token) } : alternatives.contains(where: tokens.contains)
    }
}
