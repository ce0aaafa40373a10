import Foundation

/// Scorecards of provider departments and of pairs. They are published inside the company:
/// every signed-in person may read them (they show figures, never a need).
public struct ScorecardWorkflow: Sendable {
    public let store: any ScorecardStore
    public let evaluations: EvaluationWorkflow
    public let plans: any ImprovementPlanStore
    public var organisation: any OrganisationStore { evaluations.organisation }
    public var clock: any Clock { evaluations.clock }
    public var timeZone: TimeZone { evaluations.timeZone }

    public init(store: any ScorecardStore, evaluations: EvaluationWorkflow, plans: any ImprovementPlanStore) {
        self.store = store
        self.evaluations = evaluations
        self.plans = plans
    }

    /// The current quarter, the period a scorecard shows unless told otherwise.
    public var currentPeriod: ReportingPeriod { ReportingPeriod.containing(clock.now(), .quarter, in: timeZone) }

    /// The scorecard of a provider over a period, or of the pair it forms with a requesting department.
    public func scorecard(provider: Department.ID, requester: Department.ID? = nil, period: ReportingPeriod,
                          for actor: Person) async throws -> Scorecard {
        guard actor.isActive else { throw TandemError(.unauthenticated, "sign in first") }
        guard try await organisation.department(provider) != nil else { throw TandemError.notFound("department") }
        if let requester, try await organisation.department(requester) == nil {
            throw TandemError.invalid("requesting_department_id", "no such department", .unknownRecord)
        }
        let tally = try await store.tally(provider: provider, requester: requester, raisedIn: period.interval(in: timeZone))
        let previousTally = try await store.tally(provider: provider, requester: requester, raisedIn: period.previous.interval(in: timeZone))
        let totals = requester == nil ? try await store.providerTotals(raisedIn: period.interval(in: timeZone)) : []
        var scorecard = Scorecard(provider: provider, requester: requester, period: period, tally: tally, previousTally: previousTally,
                                  totals: totals)
        scorecard.evaluation = try await evaluations.scores(provider: provider, rater: requester, period: period)
        scorecard.previousEvaluation = try await evaluations.scores(provider: provider, rater: requester, period: period.previous)
        if requester == nil {
            // The plans made from earlier periods, beside the figure each targeted.
            scorecard.plans = try await plans.plans(of: provider).filter { $0.baselinePeriod < period && $0.status != .cancelled }
                .map { PlanProgress(plan: $0, scorecard: scorecard) }
        }
        return scorecard
    }

    /// The supply-chain map of a period: every pair of departments with the needs between them,
    /// departments in the order of their tree. Published like scorecards.
    public func supplyChain(period: ReportingPeriod, for actor: Person) async throws -> SupplyChainMap {
        guard actor.isActive else { throw TandemError(.unauthenticated, "sign in first") }
        let order = DepartmentTree.ordered(try await organisation.departments()).map(\.department.id)
        return SupplyChainMap(period: period, order: order, pairs: try await store.pairTotals(raisedIn: period.interval(in: timeZone)))
    }

    /// A period as typed (`2026-Q4`, `2026-11`, `2026`), or the current quarter when none is.
    public func period(_ text: String?, field: String = "period") throws -> ReportingPeriod {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return currentPeriod }
        return try ReportingPeriod.parse(text, field: field)
    }
}
