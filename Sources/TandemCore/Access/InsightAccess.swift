import Foundation

/// Who reads and makes a provider's capacity plans and who sees which dashboard. (The planning
/// weights and the company's goals are settings: `AccessPolicy.canManageSettings`.)
public enum InsightAccess {
    /// A provider's capacity and plans: the people who work for it, administrators.
    public static func canReadPlans(of department: Department.ID, _ actor: Person) -> Bool {
        actor.has(.admin) || AccessPolicy.worksFor(department, actor)
    }

    /// Declaring capacity and committing plans: the provider's managers, administrators.
    public static func canPlan(_ department: Department.ID, _ actor: Person) -> Bool {
        actor.has(.admin) || AccessPolicy.manages(department, actor)
    }

    /// The company's dashboard: administrators and managers; a department's: its people and
    /// administrators; a person's: that person and administrators. (What it counts for the reader
    /// is `DashboardAudience`.)
    public static func canSee(_ scope: DashboardScope, _ actor: Person) -> Bool {
        if actor.has(.admin) { return true }
        switch scope {
        case .company: return actor.has(.manager)
        case .department(let id, _): return actor.departmentID == id
        case .person(let id): return actor.id == id
        }
    }
}
