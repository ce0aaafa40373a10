import Foundation

/// Planning: the score's weights, providers' capacities, committed plans.
public protocol PlanningStore: Sendable {
    func weights() async throws -> PlanningWeights
    func setWeights(_ weights: PlanningWeights) async throws
    /// Person-days a provider declared for a period.
    func capacity(of department: Department.ID, in period: ReportingPeriod) async throws -> Double?
    func setCapacity(_ days: Double, of department: Department.ID, in period: ReportingPeriod) async throws
    /// Every open need addressed to the provider, with the weight of its goal — whoever reads:
    /// a plan must count every need's effort; `PlanningWorkflow` shows each line as its reader
    /// may see it (`PlanProposal.seen`).
    func candidates(provider: Department.ID) async throws -> [CapacityPlanner.Candidate]
    /// Keeps the plan, in place of the one committed before for the same provider and period.
    func commit(_ plan: CommittedPlan) async throws
    func plan(of department: Department.ID, in period: ReportingPeriod) async throws -> CommittedPlan?
    /// The provider's needs resolved within the interval.
    func resolved(provider: Department.ID, in interval: DateInterval) async throws -> [Need]
    /// The needs of `ids` as they are now (a committed plan's lines, to show each as its reader may see it).
    func needs(_ ids: [Need.ID]) async throws -> [Need]
}
