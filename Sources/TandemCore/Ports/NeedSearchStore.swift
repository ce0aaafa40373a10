import Foundation

/// The full-text index of needs (kept by the need store in each change's own transaction).
public protocol NeedSearchStore: Sendable {
    /// The needs the visibility admits that pass the search's filters and contain every term —
    /// in the title, description, form answers or public replies, or in the internal notes where
    /// the visibility admits those (`NeedVisibility.admitsInternal`) — best first: up to
    /// `search.limit + 1` from `search.offset`, and how many match in all, counted up to `cap`.
    func search(_ search: NeedSearch, visibility: NeedVisibility, countingUpTo cap: Int) async throws -> (needs: [Need], total: Int)
    /// Every need `search` finds (its offset and limit aside), best first, in the order of `search`.
    func rankedIDs(_ search: NeedSearch, visibility: NeedVisibility) async throws -> [Need.ID]
    /// For each word of `terms` that no document holds and `SpellingVariants` would correct, the
    /// words one slip away that documents do hold (the commonest first, at most
    /// `SpellingVariants.kept`); words with none are left out.
    func spellingVariants(of terms: [SearchTerm]) async throws -> [String: [String]]
    /// The needs with these ids, in the order given (unknown ids are skipped).
    func needs(_ ids: [Need.ID]) async throws -> [Need]
    /// The replies and notes of several needs, oldest first.
    func comments(of needs: [Need.ID]) async throws -> [NeedComment]
}
