import Foundation

/// What scorecards read of the needs.
public protocol ScorecardStore: Sendable {
    /// The needs addressed to `provider` (and raised by `requester`'s department when given)
    /// raised within `interval`, with their outcomes and ratings: those that count in the
    /// figures the reader sees (`NeedVisibility.countsInFigures`).
    func scoredNeeds(
        provider: Department.ID, requester: Department.ID?, raisedIn interval: DateInterval,
        visibility: NeedVisibility
    ) async throws -> [ScoredNeed]
    /// The same needs added up in the database: equal to `ScorecardTally(scoredNeeds(…))`.
    func tally(
        provider: Department.ID, requester: Department.ID?, raisedIn interval: DateInterval,
        visibility: NeedVisibility
    ) async throws -> ScorecardTally
    /// Every provider's totals over the needs raised within `interval` that count for the reader.
    func providerTotals(raisedIn interval: DateInterval, visibility: NeedVisibility) async throws -> [ProviderTotals]
    /// Every pair's (requesting → providing) totals over the needs raised within `interval` that
    /// count for the reader.
    func pairTotals(raisedIn interval: DateInterval, visibility: NeedVisibility) async throws -> [SupplyChainEdge]
}
