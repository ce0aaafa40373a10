import Foundation

/// Which needs a person may read, as data: the core's `admits` decides one need, and the store
/// translates the same description into a query filter, so lists and single reads can never
/// disagree. The rules:
/// - administrators read everything;
/// - everyone reads the needs they raised, follow and are assigned;
/// - everyone reads the non-confidential needs raised by their own department;
/// - agents and managers read the non-confidential needs addressed to their department;
/// - managers also read the confidential needs addressed to their department.
public enum NeedVisibility: Hashable, Sendable {
    case everything
    case scoped(Scope)

    public struct Scope: Hashable, Sendable {
        public var personID: Person.ID
        public var departmentID: Department.ID
        /// Non-confidential needs addressed to `departmentID` (agents and managers).
        public var seesProvidedNeeds: Bool
        /// Confidential needs addressed to `departmentID` too (managers).
        public var seesConfidentialProvidedNeeds: Bool
    }

    public init(for person: Person) {
        if person.has(.admin) {
            self = .everything
            return
        }
        self = .scoped(
            Scope(
                personID: person.id, departmentID: person.departmentID,
                seesProvidedNeeds: AccessPolicy.worksFor(person.departmentID, person),
                seesConfidentialProvidedNeeds: AccessPolicy.manages(person.departmentID, person)))
    }

    public func admits(_ need: Need) -> Bool {
        switch self {
        case .everything:
            return true
        case .scoped(let scope):
            if need.requesterID == scope.personID || need.assigneeIDs.contains(scope.personID)
                || need.followerIDs.contains(scope.personID)
            {
                return true
            }
            if need.requestingDepartmentID == scope.departmentID && !need.isConfidential { return true }
            if need.providingDepartmentID == scope.departmentID {
                return need.isConfidential ? scope.seesConfidentialProvidedNeeds : scope.seesProvidedNeeds
            }
            return false
        }
    }

    /// Whether the person also reads the need's internal notes: they read it and work it — an
    /// administrator, an assignee, or an agent or manager of the providing department. Search
    /// applies the same rule in SQL to decide whose notes a query may match.
    public func admitsInternal(_ need: Need) -> Bool {
        guard admits(need) else { return false }
        switch self {
        case .everything:
            return true
        case .scoped(let scope):
            return need.assigneeIDs.contains(scope.personID)
                || (need.providingDepartmentID == scope.departmentID && scope.seesProvidedNeeds)
        }
    }
}
