import Foundation

/// What a directory sync changes, worked out before anything is written: shown as a dry run,
/// applied as one transaction. Nothing is ever deleted.
public struct DirectorySyncPlan: Sendable, Equatable {
    public enum DepartmentAction: String, Sendable, Codable, CaseIterable {
        /// A Tandem department found by its code is linked to its unit (first sync).
        case link, create, rename, move, reactivate, deactivate
    }

    public enum PersonAction: String, Sendable, Codable, CaseIterable {
        /// A Tandem person found by login is linked to their account (first sync).
        case link, create, update, move
        /// Given the manager role: they manage someone of their own department upstream.
        case promote
        case reactivate, deactivate
    }

    public struct DepartmentChange: Sendable, Equatable {
        public var actions: [DepartmentAction]
        public var subject: String
        /// The department as it will be.
        public var department: Department
        public var before: Department?
    }

    public struct PersonChange: Sendable, Equatable {
        public var actions: [PersonAction]
        public var subject: String
        /// The person as they will be.
        public var person: Person
        public var before: Person?
    }

    /// What the sync leaves for an administrator: a department removed upstream that something
    /// open still depends on, an account without a department, a login taken.
    public struct Flag: Sendable, Equatable {
        public enum Kind: String, Sendable, Codable, CaseIterable {
            case departmentInUse = "department_in_use"
            case noDepartment = "no_department"
            case loginTaken = "login_taken"
        }

        public var kind: Kind
        /// The department's or person's name as the directory or Tandem has it.
        public var name: String
        public var dependents: DepartmentDependents?
    }

    public var departments: [DepartmentChange] = []
    public var people: [PersonChange] = []
    public var flags: [Flag] = []

    public init() {}

    public var isEmpty: Bool { departments.isEmpty && people.isEmpty }

    /// How many records each action touches, e.g. `create: 12` (departments and people apart).
    public var departmentCounts: [DepartmentAction: Int] {
        departments.reduce(into: [:]) { counts, change in for action in change.actions { counts[action, default: 0] += 1 } }
    }

    public var personCounts: [PersonAction: Int] {
        people.reduce(into: [:]) { counts, change in for action in change.actions { counts[action, default: 0] += 1 } }
    }
}
