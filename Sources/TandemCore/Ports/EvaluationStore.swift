import Foundation

/// Evaluation cycles, their invitations and responses.
public protocol EvaluationStore: Sendable {
    /// Stores a new cycle with its invitations and the jobs that tell the departments, in one transaction.
    func insert(_ cycle: EvaluationCycle, invitations: [EvaluationInvitation], jobs: [Job]) async throws
    func update(_ cycle: EvaluationCycle) async throws
    func cycle(_ id: EvaluationCycle.ID) async throws -> EvaluationCycle?
    /// The most recently opened cycles first.
    func cycles(limit: Int) async throws -> [EvaluationCycle]
    /// The cycles of a period, most recently opened first.
    func cycles(period: ReportingPeriod) async throws -> [EvaluationCycle]
    func invitations(of cycle: EvaluationCycle.ID) async throws -> [EvaluationInvitation]
    func invitation(_ id: EvaluationInvitation.ID) async throws -> EvaluationInvitation?
    /// The unanswered invitations of a department in open cycles.
    func pendingInvitations(rater: Department.ID) async throws -> [EvaluationInvitation]
    /// Stores a response in place of an earlier one and marks its invitation submitted, in one transaction.
    func save(_ response: EvaluationResponse) async throws
    func response(to invitation: EvaluationInvitation.ID) async throws -> EvaluationResponse?
    func responses(of cycle: EvaluationCycle.ID) async throws -> [EvaluationResponse]
    /// Every (requesting, providing) pair of different departments with needs raised within the
    /// interval, to one provider when given, with how many.
    func servicePairs(raisedIn interval: DateInterval, provider: Department.ID?) async throws
        -> [(rater: Department.ID, provider: Department.ID, needs: Int)]
}
