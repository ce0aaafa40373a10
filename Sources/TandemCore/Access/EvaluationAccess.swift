import Foundation

/// Who opens, answers, reads and closes evaluation cycles (定期评估). A department answers
/// through its managers.
public enum EvaluationAccess {
    /// Opening a cycle: administrators for every provider or one; a manager for their own
    /// department only (`provider` nil: every provider).
    public static func canOpen(for provider: Department.ID?, _ actor: Person) -> Bool {
        actor.has(.admin) || provider.map { AccessPolicy.manages($0, actor) } == true
    }

    /// Closing a cycle and reminding its departments: administrators, or the manager who opened it.
    public static func canConduct(_ cycle: EvaluationCycle, _ actor: Person) -> Bool {
        actor.has(.admin) || (actor.has(.manager) && cycle.openedBy == actor.id)
    }

    /// Who reads one department's answer: administrators and the managers of the two departments.
    public static func seesResponse(_ invitation: EvaluationInvitation, _ actor: Person) -> Bool {
        actor.has(.admin) || AccessPolicy.manages(invitation.raterID, actor) || AccessPolicy.manages(invitation.providerID, actor)
    }

    /// Who answers for the rating department: its managers, administrators.
    public static func mayAnswer(_ invitation: EvaluationInvitation, _ actor: Person) -> Bool {
        actor.has(.admin) || AccessPolicy.manages(invitation.raterID, actor)
    }

    /// Whether the person answers for their department (an active manager): a department
    /// without one is not invited, and they are the ones told of a cycle.
    public static func answersForDepartment(_ person: Person) -> Bool {
        person.isActive && AccessPolicy.manages(person.departmentID, person)
    }
}
