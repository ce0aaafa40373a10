import Foundation

/// One need as a scorecard counts it.
public struct ScoredNeed: Hashable, Sendable {
    public var needID: Need.ID
    public var requestingDepartmentID: Department.ID
    public var providingDepartmentID: Department.ID
    public var createdAt: Date
    public var status: NeedStatus
    public var outcome: ServiceLevelOutcome
    /// The requester's satisfaction rating, if given.
    public var ratingScore: Int?

    public init(
        needID: Need.ID, requestingDepartmentID: Department.ID, providingDepartmentID: Department.ID, createdAt: Date,
        status: NeedStatus, outcome: ServiceLevelOutcome, ratingScore: Int?
    ) {
        self.needID = needID
        self.requestingDepartmentID = requestingDepartmentID
        self.providingDepartmentID = providingDepartmentID
        self.createdAt = createdAt
        self.status = status
        self.outcome = outcome
        self.ratingScore = ratingScore
    }
}

/// The figures of one provider (or one pair: provider A serving department B) over one period.
/// The needs counted are those **raised in the period** (a cohort): each figure says how that
/// period's needs were served, so a period's figures settle as its needs finish.
public struct ScorecardFigures: Hashable, Sendable, Codable {
    /// Needs raised in the period.
    public var volume: Int
    /// Of those, resolved (or closed after resolution) by now.
    public var resolved: Int
    /// Of those, still open.
    public var open: Int
    /// First-response target: met ÷ (met + missed) × 100, over the needs whose outcome is known.
    public var responseMetPercent: Double?
    public var responseDecided: Int
    /// Resolution target, likewise.
    public var resolutionMetPercent: Double?
    public var resolutionDecided: Int
    /// Business hours to the first response and to resolution: median and 90th percentile
    /// (nearest rank: the value at position ⌈p·n⌉ in ascending order).
    public var responseMedianHours: Double?
    public var responseP90Hours: Double?
    public var resolutionMedianHours: Double?
    public var resolutionP90Hours: Double?
    /// Satisfaction ratings of the needs: average, count, and how many gave 1, 2, 3, 4, 5.
    public var satisfactionAverage: Double?
    public var satisfactionCount: Int
    public var satisfactionDistribution: [Int]

    enum CodingKeys: String, CodingKey {
        case volume, resolved, open, responseMetPercent = "response_met_percent", responseDecided = "response_decided"
        case resolutionMetPercent = "resolution_met_percent", resolutionDecided = "resolution_decided"
        case responseMedianHours = "response_median_hours", responseP90Hours = "response_p90_hours"
        case resolutionMedianHours = "resolution_median_hours", resolutionP90Hours = "resolution_p90_hours"
        case satisfactionAverage = "satisfaction_average", satisfactionCount = "satisfaction_count"
        case satisfactionDistribution = "satisfaction_distribution"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(volume, forKey: .volume)
        try container.encode(resolved, forKey: .resolved)
        try container.encode(open, forKey: .open)
        try container.encode(responseMetPercent, forKey: .responseMetPercent)
        try container.encode(responseDecided, forKey: .responseDecided)
        try container.encode(resolutionMetPercent, forKey: .resolutionMetPercent)
        try container.encode(resolutionDecided, forKey: .resolutionDecided)
        try container.encode(responseMedianHours, forKey: .responseMedianHours)
        try container.encode(responseP90Hours, forKey: .responseP90Hours)
        try container.encode(resolutionMedianHours, forKey: .resolutionMedianHours)
        try container.encode(resolutionP90Hours, forKey: .resolutionP90Hours)
        try container.encode(satisfactionAverage, forKey: .satisfactionAverage)
        try container.encode(satisfactionCount, forKey: .satisfactionCount)
        try container.encode(satisfactionDistribution, forKey: .satisfactionDistribution)
    }

    /// The figures of the given needs (already narrowed to the provider, pair and period).
    public init(_ needs: [ScoredNeed]) {
        self.init(ScorecardTally(needs))
    }

    /// The figures of a tally.
    public init(_ tally: ScorecardTally) {
        volume = tally.volume
        resolved = tally.resolved
        open = tally.open
        responseDecided = tally.responseDecided
        responseMetPercent = Self.percent(tally.responseMet, of: tally.responseDecided)
        resolutionDecided = tally.resolutionDecided
        resolutionMetPercent = Self.percent(tally.resolutionMet, of: tally.resolutionDecided)
        responseMedianHours = tally.responseSeconds.median.map { $0 / 3600 }
        responseP90Hours = tally.responseSeconds.p90.map { $0 / 3600 }
        resolutionMedianHours = tally.resolutionSeconds.median.map { $0 / 3600 }
        resolutionP90Hours = tally.resolutionSeconds.p90.map { $0 / 3600 }
        satisfactionCount = tally.ratingCounts.reduce(0, +)
        let sum = tally.ratingCounts.enumerated().map { ($0.offset + 1) * $0.element }.reduce(0, +)
        satisfactionAverage = satisfactionCount == 0 ? nil : Double(sum) / Double(satisfactionCount)
        satisfactionDistribution = tally.ratingCounts
    }

    /// `part` of `whole` in percent, nil when there is no whole.
    public static func percent(_ part: Int, of whole: Int) -> Double? {
        whole == 0 ? nil : Double(part) * 100 / Double(whole)
    }

    /// The nearest-rank percentile: the value at position ⌈p/100 · n⌉ (1-based) of the sorted values.
    public static func percentile(_ p: Double, of values: [Double]) -> Double? {
        ScorecardTally.Percentiles.rank(p, of: values.count).map { values.sorted()[$0 - 1] }
    }
}

/// How one provider compares with the others over a period, on the figures everyone has.
public struct ProviderTotals: Hashable, Sendable {
    public var providerID: Department.ID
    public var resolutionMet: Int
    public var resolutionDecided: Int
    public var ratingSum: Int
    public var ratingCount: Int

    public init(providerID: Department.ID, resolutionMet: Int, resolutionDecided: Int, ratingSum: Int, ratingCount: Int) {
        self.providerID = providerID
        self.resolutionMet = resolutionMet
        self.resolutionDecided = resolutionDecided
        self.ratingSum = ratingSum
        self.ratingCount = ratingCount
    }
}

/// A place in a ranking: 1 is best; providers with equal values share a place (1, 2, 2, 4).
public struct ScorecardRank: Hashable, Sendable, Codable {
    public var place: Int
    /// How many providers were ranked (those with a value for the figure).
    public var of: Int

    public init(place: Int, of: Int) {
        self.place = place
        self.of = of
    }

    /// The provider's place by a figure where higher is better; nil when it has no value.
    public static func rank(_ provider: Department.ID, among totals: [ProviderTotals], by value: (ProviderTotals) -> Double?)
        -> ScorecardRank?
    {
        let ranked = totals.compactMap { total in value(total).map { (total.providerID, $0) } }
        guard let own = ranked.first(where: { $0.0 == provider })?.1 else { return nil }
        return ScorecardRank(place: ranked.filter { $0.1 > own }.count + 1, of: ranked.count)
    }
}

/// A scorecard (部门服务记分卡): a provider's figures over a period — or a pair's, the provider
/// serving one requesting department — beside the previous period's, with its rank among the
/// providers and, for a provider, the departments it served.
public struct Scorecard: Hashable, Sendable, Codable {
    /// One requesting department's share of a provider's period.
    public struct Served: Hashable, Sendable, Codable {
        public var departmentID: Department.ID
        public var volume: Int
        public var satisfactionAverage: Double?
        enum CodingKeys: String, CodingKey { case departmentID = "department_id", volume, satisfactionAverage = "satisfaction_average" }
    }

    public struct Ranks: Hashable, Sendable, Codable {
        /// By the share of resolution targets met.
        public var serviceLevel: ScorecardRank?
        /// By the satisfaction average.
        public var satisfaction: ScorecardRank?
        enum CodingKeys: String, CodingKey { case serviceLevel = "service_level", satisfaction }
    }

    public var providerID: Department.ID
    public var requesterID: Department.ID?
    public var period: ReportingPeriod
    public var figures: ScorecardFigures
    public var previousPeriod: ReportingPeriod
    public var previous: ScorecardFigures
    /// For a provider's scorecard (not a pair's).
    public var ranks: Ranks?
    /// For a provider's scorecard: the departments it served in the period, most needs first.
    public var served: [Served]?
    /// What the period's evaluation cycle found (for a pair: the one department's answer), and
    /// the previous period's, when there were cycles.
    public var evaluation: EvaluationScores?
    public var previousEvaluation: EvaluationScores?
    /// For a provider's scorecard: its improvement plans made before the period, with the figure
    /// each targeted then and now.
    public var plans: [PlanProgress]?
    /// What this reader is not shown, because too few needs or answers would point at people
    /// (`PairDisclosure`): a pair's figures of the period or the previous one (then all zero),
    /// the evaluation, and how many served departments are left out of `served`.
    public var figuresWithheld = false
    public var previousWithheld = false
    public var evaluationWithheld = false
    public var servedWithheld = 0

    enum CodingKeys: String, CodingKey {
        case providerID = "provider_id", requesterID = "requester_id", period, figures, previousPeriod = "previous_period", previous, ranks,
            served
        case evaluation, previousEvaluation = "previous_evaluation", plans, figuresWithheld = "figures_withheld"
        case previousWithheld = "previous_withheld", evaluationWithheld = "evaluation_withheld", servedWithheld = "served_withheld"
    }

    /// Clears a pair's figures the reader may not see.
    public mutating func withholdFigures(current: Bool, previous: Bool) {
        if current {
            figures = ScorecardFigures(ScorecardTally())
            figuresWithheld = true
        }
        if previous {
            self.previous = ScorecardFigures(ScorecardTally())
            previousWithheld = true
        }
    }

    /// Keeps only the served departments the reader may see.
    public mutating func showServed(only departments: Set<Department.ID>) {
        guard let all = served else { return }
        served = all.filter { departments.contains($0.departmentID) }
        servedWithheld = all.count - served!.count
    }

    /// Builds the scorecard from the needs of the two periods (already narrowed to the provider,
    /// and to the pair when `requester` is given) and the totals of every provider.
    public init(
        provider: Department.ID, requester: Department.ID?, period: ReportingPeriod, needs: [ScoredNeed], previousNeeds: [ScoredNeed],
        totals: [ProviderTotals]
    ) {
        self.init(
            provider: provider, requester: requester, period: period, tally: ScorecardTally(needs),
            previousTally: ScorecardTally(previousNeeds), totals: totals)
    }

    /// Builds the scorecard from the tallies of the two periods and the totals of every provider.
    public init(
        provider: Department.ID, requester: Department.ID?, period: ReportingPeriod, tally: ScorecardTally, previousTally: ScorecardTally,
        totals: [ProviderTotals]
    ) {
        providerID = provider
        requesterID = requester
        self.period = period
        figures = ScorecardFigures(tally)
        previousPeriod = period.previous
        previous = ScorecardFigures(previousTally)
        guard requester == nil else { return }
        ranks = Ranks(
            serviceLevel: ScorecardRank.rank(provider, among: totals) {
                ScorecardFigures.percent($0.resolutionMet, of: $0.resolutionDecided)
            },
            satisfaction: ScorecardRank.rank(provider, among: totals) {
                $0.ratingCount == 0 ? nil : Double($0.ratingSum) / Double($0.ratingCount)
            })
        served = tally.served.map { department, share in
            Served(
                departmentID: department, volume: share.volume,
                satisfactionAverage: share.ratingCount == 0 ? nil : Double(share.ratingSum) / Double(share.ratingCount))
        }.sorted { ($0.volume, $1.departmentID) > ($1.volume, $0.departmentID) }
    }
}
