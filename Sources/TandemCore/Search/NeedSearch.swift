import Foundation

/// A ranked full-text search over needs: their titles, descriptions and form answers, public
/// replies and — for those who see them — internal notes, combined with the list filters.
public struct NeedSearch: Hashable, Sendable {
    /// What the person typed.
    public var text: String
    /// The list filters (statuses, kinds, departments …); their sort, cursor and text are not used.
    public var filters: NeedQuery
    public var limit: Int
    public var offset: Int
    /// Words the index holds in place of a word of the text it does not (a typing slip), by the
    /// word: found by the store (`NeedSearchStore.spellingVariants`), met like the word itself.
    public var variants: [String: [String]] = [:]

    public init(text: String, filters: NeedQuery = NeedQuery(), limit: Int = 20, offset: Int = 0) {
        self.text = text
        self.filters = filters
        self.limit = limit
        self.offset = offset
    }

    public static let maxLimit = 50
    /// How far results can be paged: relevance beyond the first few hundred hits means little.
    public static let maxOffset = 1000
    /// Tokens beyond these are ignored (a pasted paragraph is not a query).
    public static let maxTerms = 24

    /// The terms of the text; a hit contains all of them, or — ranked after those that do — most
    /// of its words (`SearchRelevance.relaxed`).
    public var terms: [SearchTerm] {
        SearchTerm.terms(of: text, max: Self.maxTerms).map { term in
            var term = term
            term.variants = variants[term.token] ?? []
            return term
        }
    }

    /// Checks the text and ranges; the filters as `NeedQuery.validated` does.
    public func validated() throws -> NeedSearch {
        var copy = self
        copy.text = try Validate.requiredText(text, field: "q", max: 200)
        guard !copy.terms.isEmpty else {
            throw TandemError.invalid("q", "q has no word or character to search for", .nothingToSearch)
        }
        guard (1...Self.maxLimit).contains(limit) else {
            throw TandemError.invalid("limit", "limit must be between 1 and \(Self.maxLimit)", .outOfRange, "1", String(Self.maxLimit))
        }
        guard (0...Self.maxOffset).contains(offset) else {
            throw TandemError.invalid("offset", "offset must be between 0 and \(Self.maxOffset)", .outOfRange, "0", String(Self.maxOffset))
        }
        var filters = filters
        filters.textContains = nil
        filters.cursor = nil
        copy.filters = try filters.validated()
        return copy
    }
}

/// One page of search results, best first.
public struct NeedSearchPage: Sendable {
    public var hits: [NeedSearchHit]
    /// How many needs match in all (counted up to a cap).
    public var total: CappedCount
    /// The offset of the next page; `nil` on the last one.
    public var nextOffset: Int?

    public init(hits: [NeedSearchHit], total: CappedCount, nextOffset: Int?) {
        self.hits = hits
        self.total = total
        self.nextOffset = nextOffset
    }
}

/// A need found by a search, with its title and the best passage marked where they match.
public struct NeedSearchHit: Sendable {
    public enum Source: String, Hashable, Sendable, CaseIterable {
        case title, description, reply, note
    }

    public var need: Need
    public var title: HighlightedText
    /// The passage of the description, a reply or a note that matches (none when only the title does).
    public var snippet: HighlightedText?
    public var snippetSource: Source?

    public init(need: Need, title: HighlightedText, snippet: HighlightedText?, snippetSource: Source?) {
        self.need = need
        self.title = title
        self.snippet = snippet
        self.snippetSource = snippetSource
    }
}
