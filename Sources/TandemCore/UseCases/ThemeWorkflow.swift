import Foundation

/// Key needs and themes of a period, over the needs the reader may read (so no word of a need
/// they may not see shows in a term, a theme or an example).
public struct ThemeWorkflow: Sendable {
    public let store: any ThemeStore
    public let clock: any Clock
    public let timeZone: TimeZone

    public init(store: any ThemeStore, clock: any Clock, timeZone: TimeZone) {
        self.store = store
        self.clock = clock
        self.timeZone = timeZone
    }

    /// How many of a period's newest needs are read (an analysis of more reads more than a page should).
    public static let documentLimit = 5_000

    public var currentPeriod: ReportingPeriod { ReportingPeriod.containing(clock.now(), .quarter, in: timeZone) }

    /// How many periods before the one analysed its themes are compared with (and its trends show).
    public static let earlierPeriods = 3

    public func themes(period: ReportingPeriod, provider: Department.ID?, for actor: Person) async throws -> ThemeAnalysis.Result {
        let visibility = NeedVisibility(for: actor)
        let current = try await store.documents(
            provider: provider, raisedIn: period.interval(in: timeZone), visibility: visibility,
            limit: Self.documentLimit)
        var earlier: [[ThemeAnalysis.Document]] = []
        var before = period
        for _ in 0..<Self.earlierPeriods {
            before = before.previous
            earlier.append(
                try await store.documents(
                    provider: provider, raisedIn: before.interval(in: timeZone), visibility: visibility, limit: Self.documentLimit))
        }
        return ThemeAnalysis.analyse(current, earlier: earlier)
    }
}
