import Foundation

/// Scorecards of provider departments and of pairs. They are published inside the company:
/// every signed-in person may read them (they show figures, never a need). Each reader's figures
/// count the needs that count for them (`NeedVisibility.countsInFigures`: no confidential need
/// they may not read), and a pair's figures and answers reach those outside it only from the
/// minimum group (`PairDisclosure`).
public struct ScorecardWorkflow: Sendable {
    public let store: any ScorecardStore
    public let evaluations: EvaluationWorkflow
    public let plans: any ImprovementPlanStore
    public let settings: any SettingsStore
    public var organisation: any OrganisationStore { evaluations.organisation }
    public var clock: any Clock { evaluations.clock }
    public var timeZone: TimeZone { evaluations.timeZone }

    public init(store: any ScorecardStore, evaluations: EvaluationWorkflow, plans: any ImprovementPlanStore, settings: any SettingsStore) {
        self.store = store
        self.evaluations = evaluations
        self.plans = plans
        self.settings = settings
    }

    /// The current quarter, the period a scorecard shows unless told otherwise.
    public var currentPeriod: ReportingPeriod { ReportingPeriod.containing(clock.now(), .quarter, in: timeZone) }

    /// The scorecard of a provider over a period, or of the pair it forms with a requesting department.
    public func scorecard(
        provider: Department.ID, requester: Department.ID? = nil, period: ReportingPeriod,
        for actor: Person
    ) async throws -> Scorecard {
        guard actor.isActive else { throw TandemError(.unauthenticated, "sign in first") }
        guard try await organisation.department(provider) != nil else { throw TandemError.notFound("department") }
        if let requester, try await organisation.department(requester) == nil {
            throw TandemError.invalid("requesting_department_id", "no such department", .unknownRecord)
        }
        let visibility = NeedVisibility(for: actor)
        let pairs = PairDisclosure(reader: actor, group: try await settings.minimumGroup())
        let tally = try await store.tally(
            provider: provider, requester: requester, raisedIn: period.interval(in: timeZone), visibility: visibility)
        let previousTally = try await store.tally(
            provider: provider, requester: requester, raisedIn: period.previous.interval(in: timeZone),
            visibility: visibility)
        let totals = requester == nil ? try await store.providerTotals(raisedIn: period.interval(in: timeZone), visibility: visibility) : []
        var scorecard = Scorecard(
            provider: provider, requester: requester, period: period, tally: tally, previousTally: previousTally,
            totals: totals)
        let evaluation = try await evaluations.scores(provider: provider, rater: requester, period: period, for: actor, group: pairs.group)
        scorecard.evaluation = evaluation.scores
        scorecard.evaluationWithheld = evaluation == .withheld
        scorecard.previousEvaluation = try await evaluations.scores(
            provider: provider, rater: requester, period: period.previous, for: actor,
            group: pairs.group
        ).scores
        if let requester {
            scorecard.withholdFigures(
                current: !pairs.shows(requester: requester, provider: provider, volume: tally.volume),
                previous: !pairs.shows(requester: requester, provider: provider, volume: previousTally.volume))
        } else {
            scorecard.showServed(only: pairs.shown(tally.served.mapValues(\.volume), provider: provider))
            // The plans made from earlier periods, beside the figure each targeted.
            scorecard.plans = try await plans.plans(of: provider).filter { $0.baselinePeriod < period && $0.status != .cancelled }
                .map { PlanProgress(plan: $0, scorecard: scorecard) }
        }
        return scorecard
    }

    /// The supply-chain map of a period: every pair of departments with the needs between them,
    /// departments in the order of their tree. Published like scorecards: each pair as the reader
    /// may see it (`PairDisclosure`), the others counted as withheld.
    public func supplyChain(period: ReportingPeriod, for actor: Person) async throws -> SupplyChainMap {
        guard actor.isActive else { throw TandemError(.unauthenticated, "sign in first") }
        let order = DepartmentTree.ordered(try await organisation.departments()).map(\.department.id)
        let disclosure = PairDisclosure(reader: actor, group: try await settings.minimumGroup())
        let pairs = try await store.pairTotals(raisedIn: period.interval(in: timeZone), visibility: NeedVisibility(for: actor))
        var shown: [SupplyChainEdge] = []
        for (provider, edges) in Dictionary(grouping: pairs, by: \.providingDepartmentID) {
            let visible = disclosure.shown(
                Dictionary(edges.map { ($0.requestingDepartmentID, $0.volume) }, uniquingKeysWith: +), provider: provider)
            shown += edges.filter { visible.contains($0.requestingDepartmentID) }
        }
        var map = SupplyChainMap(period: period, order: order, pairs: shown)
        map.withheldPairs = pairs.filter { $0.volume > 0 }.count - map.edges.count
        return map
    }

    /// A period as typed (`2026-Q4`, `2026-11`, `2026`), or the current quarter when none is.
    public func period(_ text: String?, field: String = "period") throws -> ReportingPeriod {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return currentPeriod }
        return try ReportingPeriod.parse(text, field: field)
    }
}
