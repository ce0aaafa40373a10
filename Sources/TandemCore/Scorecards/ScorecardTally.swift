import Foundation

/// What a scorecard counts of a set of needs, before any division: counts, verdicts, the ratings
/// by score, the departments served, and the chosen percentiles of the business times. The store
/// adds it up in SQL (a scorecard of a quarter reads no rows one by one); `init(_ needs:)` is the
/// same sum over needs in memory — the reference the store's sums are tested against.
public struct ScorecardTally: Hashable, Sendable {
    /// How many values a percentile was chosen from, and the values at the median and p90 ranks.
    public struct Percentiles: Hashable, Sendable {
        public var count: Int
        public var median: Double?
        public var p90: Double?

        public init(count: Int, median: Double?, p90: Double?) {
            self.count = count
            self.median = median
            self.p90 = p90
        }

        /// From all the values (sorted here).
        public init(_ values: [Double]) {
            let sorted = values.sorted()
            count = sorted.count
            median = Self.rank(50, of: count).map { sorted[$0 - 1] }
            p90 = Self.rank(90, of: count).map { sorted[$0 - 1] }
        }

        /// The nearest rank of the p-th percentile among `count` sorted values: ⌈p/100 · n⌉, 1-based.
        public static func rank(_ p: Double, of count: Int) -> Int? {
            guard count > 0 else { return nil }
            return min(max(Int((p / 100 * Double(count)).rounded(.up)), 1), count)
        }
    }

    /// One requesting department's share.
    public struct Served: Hashable, Sendable {
        public var volume: Int
        public var ratingSum: Int
        public var ratingCount: Int

        public init(volume: Int, ratingSum: Int, ratingCount: Int) {
            self.volume = volume
            self.ratingSum = ratingSum
            self.ratingCount = ratingCount
        }
    }

    public var volume = 0
    public var resolved = 0
    public var open = 0
    public var responseMet = 0
    public var responseDecided = 0
    public var resolutionMet = 0
    public var resolutionDecided = 0
    public var responseSeconds = Percentiles(count: 0, median: nil, p90: nil)
    public var resolutionSeconds = Percentiles(count: 0, median: nil, p90: nil)
    /// How many ratings gave 1, 2, 3, 4, 5.
    public var ratingCounts = [0, 0, 0, 0, 0]
    public var served: [Department.ID: Served] = [:]

    public init() {}

    /// The tally of needs in memory.
    public init(_ needs: [ScoredNeed]) {
        volume = needs.count
        resolved = needs.filter { $0.outcome.resolutionSeconds != nil }.count
        open = needs.filter { $0.status.isOpen }.count
        responseMet = needs.filter { $0.outcome.responseMet == true }.count
        responseDecided = needs.filter { $0.outcome.responseMet != nil }.count
        resolutionMet = needs.filter { $0.outcome.resolutionMet == true }.count
        resolutionDecided = needs.filter { $0.outcome.resolutionMet != nil }.count
        responseSeconds = Percentiles(needs.compactMap(\.outcome.responseSeconds))
        resolutionSeconds = Percentiles(needs.compactMap(\.outcome.resolutionSeconds))
        for need in needs {
            let score = need.ratingScore.flatMap { SatisfactionRating.scores.contains($0) ? $0 : nil }
            if let score { ratingCounts[score - 1] += 1 }
            var share = served[need.requestingDepartmentID] ?? Served(volume: 0, ratingSum: 0, ratingCount: 0)
            share.volume += 1
            if let score {
                share.ratingSum += score
                share.ratingCount += 1
            }
            served[need.requestingDepartmentID] = share
        }
    }
}
