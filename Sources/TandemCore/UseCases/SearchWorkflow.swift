import Foundation

/// Full-text search over needs and the duplicate hints at intake. The store finds and ranks
/// within what the reader may see; here the hits get their marked title and best passage.
public struct SearchWorkflow: Sendable {
    public let store: any NeedSearchStore
    public let needs: any NeedStore
    public let organisation: any OrganisationStore

    public init(store: any NeedSearchStore, needs: any NeedStore, organisation: any OrganisationStore) {
        self.store = store
        self.needs = needs
        self.organisation = organisation
    }

    /// Totals are counted this far; beyond, a page says "at least" (counting every match the
    /// reader may see of a common word would cost more than the page).
    public static let countCap = 100

    public func search(_ search: NeedSearch, for actor: Person) async throws -> NeedSearchPage {
        var search = try search.validated()
        search.variants = try await store.spellingVariants(of: search.terms)
        let visibility = NeedVisibility(for: actor)
        let found = try await store.search(search, visibility: visibility, countingUpTo: Self.countCap + 1)
        let needs = Array(found.needs.prefix(search.limit))
        let comments = Dictionary(grouping: try await store.comments(of: needs.map(\.id)), by: \.needID)
        let terms = search.terms
        let hits = needs.map { need in
            let readable = (comments[need.id] ?? []).filter { $0.visibility == .public || visibility.admitsInternal(need) }
            return Self.hit(need, comments: readable, terms: terms)
        }
        let total: CappedCount = found.total > Self.countCap ? .atLeast(Self.countCap) : .exactly(found.total)
        let hasMore = found.needs.count > search.limit && search.offset + search.limit <= NeedSearch.maxOffset
        return NeedSearchPage(hits: hits, total: total, nextOffset: hasMore ? search.offset + search.limit : nil)
    }

    /// Every need the search finds, best first, a chunk at a time with its marked passage: for
    /// the CSV export, which has no row cap (the search's offset and limit do not apply).
    public func everyHit(
        _ search: NeedSearch, for actor: Person, chunk size: Int = 200,
        _ each: ([NeedSearchHit]) async throws -> Void
    ) async throws {
        var search = search
        search.limit = 1
        search.offset = 0
        search = try search.validated()
        search.variants = try await store.spellingVariants(of: search.terms)
        let visibility = NeedVisibility(for: actor)
        let ids = try await store.rankedIDs(search, visibility: visibility)
        let terms = search.terms
        for start in stride(from: 0, to: ids.count, by: size) {
            let needs = try await store.needs(Array(ids[start..<min(start + size, ids.count)]))
            let comments = Dictionary(grouping: try await store.comments(of: needs.map(\.id)), by: \.needID)
            try await each(
                needs.map { need in
                    let readable = (comments[need.id] ?? []).filter { $0.visibility == .public || visibility.admitsInternal(need) }
                    return Self.hit(need, comments: readable, terms: terms)
                })
        }
    }

    /// The need with its title marked and the first passage that matches: the description, then
    /// the replies and notes the reader sees, oldest first.
    static func hit(_ need: Need, comments: [NeedComment], terms: [SearchTerm]) -> NeedSearchHit {
        let title = HighlightedText.marking(terms, in: need.title)
        if let snippet = HighlightedText.snippet(terms, in: NeedSearchDocument.describedText(of: need)) {
            return NeedSearchHit(need: need, title: title, snippet: snippet, snippetSource: .description)
        }
        for comment in comments.sorted(by: { $0.createdAt < $1.createdAt }) {
            if let snippet = HighlightedText.snippet(terms, in: comment.body) {
                return NeedSearchHit(
                    need: need, title: title, snippet: snippet, snippetSource: comment.visibility == .public ? .reply : .note)
            }
        }
        return NeedSearchHit(need: need, title: title, snippet: nil, snippetSource: title.hasMatch ? .title : nil)
    }

    /// Open needs to `provider` that the actor may read and that look like `title`: what the
    /// raise form offers while the title is typed.
    public func similarOpenNeeds(title: String, provider: Department.ID, for actor: Person, limit: Int = 5) async throws -> [DuplicateHints
        .Hint]
    {
        let title = try Validate.optionalText(title, field: "title", max: NeedRules.titleLimit) ?? ""
        guard try await organisation.department(provider) != nil else {
            throw TandemError.invalid("providing_department_id", "no department has this id", .unknownRecord)
        }
        return try await alikeOpenNeeds(title, provider: provider, for: actor, limit: limit)
    }

    /// Open needs addressed to the same provider that look like this one, whatever department
    /// raised them: what the provider sees when triaging it, to merge one into the other. Only
    /// those who work the need are shown any.
    public func likelyDuplicates(of id: Need.ID, for actor: Person, limit: Int = 5) async throws -> [DuplicateHints.Hint] {
        guard let need = try await needs.need(id), AccessPolicy.canRead(need, actor) else { throw TandemError.notFound("need") }
        guard AccessPolicy.may(.provider, on: need, actor) else {
            throw TandemError.forbidden("only the providing department sees a need's likely duplicates")
        }
        let alike = try await alikeOpenNeeds(need.title, provider: need.providingDepartmentID, for: actor, limit: limit + 1)
        return Array(alike.filter { $0.need.id != need.id }.prefix(limit))
    }

    /// The provider's open needs that look like `title`, most alike first: among the best
    /// `hintCandidates` the search finds for it (however many open needs there are) and the
    /// newest `hintCandidates` (duplicates are often recent, and share few words with a short title).
    func alikeOpenNeeds(_ title: String, provider: Department.ID, for actor: Person, limit: Int) async throws -> [DuplicateHints.Hint] {
        guard !Tokenizer.tokens(title).isEmpty else { return [] }
        var filters = NeedQuery()
        filters.providingDepartmentID = provider
        filters.statuses = Set(NeedStatus.allCases.filter(\.isOpen))
        let visibility = NeedVisibility(for: actor)
        var candidates: [Need] = []
        if !SearchTerm.terms(of: title, max: NeedSearch.maxTerms).isEmpty {
            let search = try NeedSearch(text: String(title.prefix(200)), filters: filters, limit: Self.hintCandidates).validated()
            candidates = try await store.search(search, visibility: visibility, countingUpTo: 1).needs
        }
        filters.limit = Self.hintCandidates
        let found = Set(candidates.map(\.id))
        candidates += try await needs.needs(filters, visibility: visibility).needs.filter { !found.contains($0.id) }
        return DuplicateHints.rank(title, among: candidates, limit: limit)
    }

    /// How many of the provider's open needs found by search, and how many of its newest, duplicate
    /// hints look at.
    public static let hintCandidates = NeedSearch.maxLimit
}
