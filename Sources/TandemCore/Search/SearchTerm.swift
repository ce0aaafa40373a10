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

    public init(token: String, isPrefix: Bool, variants: [String] = []) {
        self.token = token
        self.isPrefix = isPrefix
        self.variants = variants
    }

    /// The distinct terms of what a person typed (`QueryText`), at most `max`.
    public static func terms(of text: String, max: Int) -> [SearchTerm] {
        var seen: Set<String> = []
        return Tokenizer.scan(QueryText.essentials(of: text))
            .filter { seen.insert($0.text).inserted }
            .prefix(max)
            .map { SearchTerm(token: $0.text, isPrefix: $0.isIdeograph) }
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
