import Foundation

/// Capacity-aware planning: providers declare person-days per period, the planner proposes the
/// needs that fit in score order (`CapacityPlanner`), the manager adjusts by pinning needs in or
/// out and commits; after the period, the plan is set against what was resolved.
public struct PlanningWorkflow: Sendable {
    public let store: any PlanningStore
    public let organisation: any OrganisationStore
    public let clock: any Clock
    public let timeZone: TimeZone

    public init(store: any PlanningStore, organisation: any OrganisationStore, clock: any Clock, timeZone: TimeZone) {
        self.store = store
        self.organisation = organisation
        self.clock = clock
        self.timeZone = timeZone
    }

    public var currentPeriod: ReportingPeriod { ReportingPeriod.containing(clock.now(), .month, in: timeZone) }

    public func weights() async throws -> PlanningWeights { try await store.weights() }

    /// Throws unless the actor may set the planning weights (callers check before reading a body).
    public func checkMaySetWeights(by actor: Person) throws {
        guard AccessPolicy.canManageSettings(actor) else { throw TandemError.forbidden("only administrators set the planning weights") }
    }

    public func setWeights(_ weights: PlanningWeights, by actor: Person) async throws -> PlanningWeights {
        try checkMaySetWeights(by: actor)
        let weights = try weights.validated()
        try await store.setWeights(weights)
        return weights
    }

    func provider(_ id: Department.ID, readable actor: Person) async throws -> Department {
        guard let department = try await organisation.department(id), department.isProvider else {
            throw TandemError.notFound("department")
        }
        guard InsightAccess.canReadPlans(of: id, actor) else {
            throw TandemError.forbidden("only the department's agents and managers see its plans")
        }
        return department
    }

    public func capacity(of department: Department.ID, in period: ReportingPeriod, for actor: Person) async throws -> Double? {
        _ = try await provider(department, readable: actor)
        return try await store.capacity(of: department, in: period)
    }

    public func setCapacity(_ days: Double, of department: Department.ID, in period: ReportingPeriod, by actor: Person) async throws {
        _ = try await provider(department, readable: actor)
        guard InsightAccess.canPlan(department, actor) else {
            throw TandemError.forbidden("only the department's managers declare its capacity")
        }
        guard days.isFinite, (0...100_000).contains(days) else {
            throw TandemError.invalid("person_days", "person_days must be between 0 and 100000", .outOfRange, "0", "100000")
        }
        try await store.setCapacity(days, of: department, in: period)
    }

    /// What the planner proposes now for the provider's open needs and the period's capacity,
    /// as the actor may see it: a confidential need they may not read is a line without a name
    /// (`NeedDisclosure`), still taking its share of the capacity.
    public func propose(
        _ department: Department.ID, in period: ReportingPeriod, pins: [Need.ID: CapacityPlanner.Pin] = [:],
        for actor: Person
    ) async throws -> PlanProposal {
        _ = try await provider(department, readable: actor)
        let (proposal, needs) = try await fullProposal(department, in: period, pins: pins, for: actor)
        return proposal.seen(by: NeedVisibility(for: actor), needs: needs)
    }

    /// The proposal over every open need, whoever reads it (what a commit stores), and those
    /// needs by id. The caller has checked that the actor reads the provider's plans.
    private func fullProposal(
        _ department: Department.ID, in period: ReportingPeriod, pins: [Need.ID: CapacityPlanner.Pin],
        for actor: Person
    ) async throws -> (PlanProposal, [Need.ID: Need]) {
        guard let capacity = try await store.capacity(of: department, in: period) else {
            throw TandemError.invalid("person_days", "declare the department's capacity for \(period) first", .required)
        }
        let candidates = try await store.candidates(provider: department)
        let visibility = NeedVisibility(for: actor)
        let pinnable = Set(candidates.map(\.need).filter(visibility.admits).map(\.id))
        if let stranger = pins.keys.first(where: { !pinnable.contains($0) }) {
            throw TandemError.invalid("pins", "\(stranger) is not an open need of the department", .unknownRecord)
        }
        let proposal = CapacityPlanner.plan(
            candidates, capacityDays: capacity, weights: try await store.weights(), now: clock.now(), pins: pins)
        return (proposal, Dictionary(candidates.map { ($0.need.id, $0.need) }, uniquingKeysWith: { first, _ in first }))
    }

    /// Commits the proposal with the manager's pins, in place of the period's plan before.
    public func commit(_ department: Department.ID, in period: ReportingPeriod, pins: [Need.ID: CapacityPlanner.Pin], by actor: Person)
        async throws -> CommittedPlan
    {
        _ = try await provider(department, readable: actor)
        guard InsightAccess.canPlan(department, actor) else {
            throw TandemError.forbidden("only the department's managers commit its plan")
        }
        let (proposal, needs) = try await fullProposal(department, in: period, pins: pins, for: actor)
        var plan = CommittedPlan(
            departmentID: department, period: period, proposal: proposal, committedAt: clock.now(), committedBy: actor.id)
        try await store.commit(plan)
        plan.proposal = proposal.seen(by: NeedVisibility(for: actor), needs: needs)
        return plan
    }

    /// The committed plan of the period and how it went (so far, while the period runs), as the
    /// actor may see them (`PlanProposal.seen`, `PlanReview.seen`).
    public func review(_ department: Department.ID, in period: ReportingPeriod, for actor: Person) async throws -> (
        plan: CommittedPlan, review: PlanReview
    )? {
        _ = try await provider(department, readable: actor)
        guard var plan = try await store.plan(of: department, in: period) else { return nil }
        let resolved = try await store.resolved(provider: department, in: period.interval(in: timeZone))
        let review = PlanReview(plan: plan, resolved: resolved, hoursPerDay: try await store.weights().hoursPerDay)
        let needs = Dictionary(
            try await store.needs(plan.proposal.lines.compactMap(\.needID)).map { ($0.id, $0) } + resolved.map { ($0.id, $0) },
            uniquingKeysWith: { a, _ in a })
        let visibility = NeedVisibility(for: actor)
        plan.proposal = plan.proposal.seen(by: visibility, needs: needs)
        return (plan, review.seen(by: visibility, needs: needs))
    }

    /// The pins of the period's committed plan on needs still open that the actor may read:
    /// what a new proposal starts from until the manager changes them.
    public func committedPins(_ department: Department.ID, in period: ReportingPeriod, for actor: Person) async throws -> [Need.ID:
        CapacityPlanner.Pin]
    {
        _ = try await provider(department, readable: actor)
        guard let plan = try await store.plan(of: department, in: period) else { return [:] }
        let visibility = NeedVisibility(for: actor)
        let open = Set(try await store.candidates(provider: department).map(\.need).filter(visibility.admits).map(\.id))
        var pins: [Need.ID: CapacityPlanner.Pin] = [:]
        for line in plan.proposal.lines {
            if let id = line.needID, let pin = line.pin, open.contains(id) { pins[id] = pin }
        }
        return pins
    }
}
