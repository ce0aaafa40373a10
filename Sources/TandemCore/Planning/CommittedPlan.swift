import Foundation

/// A provider's plan for a period as its manager committed it.
public struct CommittedPlan: Hashable, Sendable, Codable {
    public var departmentID: Department.ID
    public var period: ReportingPeriod
    public var proposal: PlanProposal
    public var committedAt: Date
    public var committedBy: Person.ID

    public init(departmentID: Department.ID, period: ReportingPeriod, proposal: PlanProposal, committedAt: Date, committedBy: Person.ID) {
        self.departmentID = departmentID
        self.period = period
        self.proposal = proposal
        self.committedAt = committedAt
        self.committedBy = committedBy
    }

    enum CodingKeys: String, CodingKey {
        case departmentID = "department_id", period, proposal, committedAt = "committed_at", committedBy = "committed_by"
    }
}

/// Plan against actual: of the planned needs, which were resolved in the period; which needs
/// were resolved without being planned; and the person-days each stands for.
public struct PlanReview: Hashable, Sendable, Codable {
    public var planned: Int
    public var plannedDone: Int
    public var unplannedDone: Int
    public var plannedDays: Double
    public var plannedDoneDays: Double
    public var unplannedDoneDays: Double
    public var capacityDays: Double
    /// The planned needs not resolved in the period.
    public var missed: [Need.ID]
    /// The needs resolved in the period that were not planned.
    public var unplanned: [Need.ID]

    enum CodingKeys: String, CodingKey {
        case planned, plannedDone = "planned_done", unplannedDone = "unplanned_done", plannedDays = "planned_days"
        case plannedDoneDays = "planned_done_days", unplannedDoneDays = "unplanned_done_days", capacityDays = "capacity_days", missed,
            unplanned
    }

    /// `resolved`: the provider's needs resolved within the plan's period.
    public init(plan: CommittedPlan, resolved: [Need], hoursPerDay: Double) {
        let plannedLines = plan.proposal.lines.filter(\.isPlanned)
        let plannedIDs = Set(plannedLines.compactMap(\.needID))
        let resolvedIDs = Set(resolved.map(\.id))
        let days = { (need: Need) in need.effortHours.map { NSDecimalNumber(decimal: $0).doubleValue / hoursPerDay } ?? 0 }
        planned = plannedLines.count
        plannedDone = plannedLines.filter { $0.needID.map(resolvedIDs.contains) ?? false }.count
        plannedDays = plan.proposal.plannedDays
        plannedDoneDays = plannedLines.filter { $0.needID.map(resolvedIDs.contains) ?? false }.compactMap(\.effortDays).reduce(0, +)
        let unplannedNeeds = resolved.filter { !plannedIDs.contains($0.id) }
        unplannedDone = unplannedNeeds.count
        unplannedDoneDays = unplannedNeeds.map(days).reduce(0, +)
        capacityDays = plan.proposal.capacityDays
        missed = plannedLines.compactMap(\.needID).filter { !resolvedIDs.contains($0) }
        unplanned = unplannedNeeds.map(\.id)
    }

    /// The review as a reader sees it: the counts and days stand (they are the provider's work,
    /// which its agents see as "confidential needs" on the plan), the lists name only the needs
    /// the reader may read.
    public func seen(by visibility: NeedVisibility, needs: [Need.ID: Need]) -> PlanReview {
        var review = self
        let readable = { (id: Need.ID) in needs[id].map(visibility.admits) ?? (visibility == .everything) }
        review.missed = missed.filter(readable)
        review.unplanned = unplanned.filter(readable)
        return review
    }
}
