import Foundation

/// Improvement plans.
public protocol ImprovementPlanStore: Sendable {
    func insert(_ plan: ImprovementPlan) async throws
    func update(_ plan: ImprovementPlan) async throws
    func plan(_ id: ImprovementPlan.ID) async throws -> ImprovementPlan?
    /// A department's plans (every department's when nil), newest first.
    func plans(of department: Department.ID?) async throws -> [ImprovementPlan]
}
