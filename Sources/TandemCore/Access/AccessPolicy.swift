import Foundation

/// The permission rules of needs, departments, catalogs, people and settings, and the two
/// words the others are made of: who works for a department and who manages it. Reading a need
/// is `NeedVisibility` (what of it: `NeedDisclosure`); planning and dashboards `InsightAccess`;
/// evaluations `EvaluationAccess`; meetings, surveys, drafts and suggestions
/// `CollaborationAccess`; figures of two departments `PairDisclosure`. Every use case
/// asks in this folder before it reads or writes; nothing outside the core decides.
public enum AccessPolicy {
    /// Serves their department's needs: an agent or a manager.
    public static func servesNeeds(_ person: Person) -> Bool {
        person.has(.agent) || person.has(.manager)
    }

    /// Works for the department: one of its agents or managers, the people who serve its needs.
    public static func worksFor(_ department: Department.ID, _ person: Person) -> Bool {
        person.departmentID == department && servesNeeds(person)
    }

    /// May be assigned a need of their department: an active agent or manager.
    public static func isAssignable(_ person: Person) -> Bool {
        person.isActive && servesNeeds(person)
    }

    /// Has a queue of needs to work (and plans): agents, managers and administrators.
    public static func worksQueue(_ person: Person) -> Bool {
        servesNeeds(person) || person.has(.admin)
    }

    /// Chooses among every department where others see only their own (the queue, drafts,
    /// service levels, people): administrators.
    public static func seesEveryDepartment(_ person: Person) -> Bool {
        person.has(.admin)
    }

    /// Whose reply or step counts as the provider's for the service-level clocks: administrators,
    /// the need's assignees and the providing department's agents and managers.
    public static func answersForProvider(of need: Need, _ person: Person) -> Bool {
        person.has(.admin) || need.assigneeIDs.contains(person.id) || worksFor(need.providingDepartmentID, person)
    }

    /// Manages the department: one of its managers.
    public static func manages(_ department: Department.ID, _ person: Person) -> Bool {
        person.departmentID == department && person.has(.manager)
    }

    public static func canRead(_ need: Need, _ person: Person) -> Bool {
        NeedVisibility(for: person).admits(need)
    }

    /// Works the need: an administrator, an assignee, or an agent or manager of the providing
    /// department who can read it.
    public static func isProvider(of need: Need, _ person: Person) -> Bool {
        NeedVisibility(for: person).admitsInternal(need)
    }

    public static func isRequester(of need: Need, _ person: Person) -> Bool {
        need.requesterID == person.id
    }

    public static func may(_ permission: TransitionPermission, on need: Need, _ person: Person) -> Bool {
        if person.has(.admin) { return true }
        switch permission {
        case .requester: return isRequester(of: need, person)
        case .provider: return isProvider(of: need, person)
        case .requesterOrProvider: return isRequester(of: need, person) || isProvider(of: need, person)
        }
    }

    /// The actions this person may take on the need now: allowed by the lifecycle and by role.
    public static func availableActions(on need: Need, _ person: Person) -> [NeedAction] {
        NeedLifecycle.transitions
            .filter { $0.from.contains(need.status) && may($0.permission, on: need, person) }
            .map(\.action)
    }

    /// Public replies: anyone who reads the need. Internal notes: providers only.
    public static func canComment(_ visibility: NeedEvent.Visibility, on need: Need, _ person: Person) -> Bool {
        switch visibility {
        case .public: return canRead(need, person)
        case .internal: return isProvider(of: need, person)
        }
    }

    /// Whether the person sees internal notes and other internal events of the need.
    public static func seesInternal(of need: Need, _ person: Person) -> Bool {
        isProvider(of: need, person)
    }

    public static func canAssign(_ need: Need, _ person: Person) -> Bool {
        isProvider(of: need, person)
    }

    /// Who may change the requester's own words (title, description, desired date, form).
    public static func canEditRequest(_ need: Need, _ person: Person) -> Bool {
        (isRequester(of: need, person) && need.status.isOpen) || isProvider(of: need, person)
    }

    /// Who may judge the need (urgency, importance, effort, strategic goal).
    public static func canTriage(_ need: Need, _ person: Person) -> Bool {
        isProvider(of: need, person)
    }

    /// Who may mark a need confidential or lift it: its requester, the providing department's
    /// managers and administrators.
    public static func canChangeConfidentiality(_ need: Need, _ person: Person) -> Bool {
        person.has(.admin) || isRequester(of: need, person) || manages(need.providingDepartmentID, person)
    }

    /// Departments (the tree itself): administrators.
    public static func canManageDepartments(_ person: Person) -> Bool {
        person.has(.admin)
    }

    /// CSV imports bring in departments, people and needs of any department: administrators.
    public static func canImport(_ person: Person) -> Bool {
        person.has(.admin)
    }

    /// A department's catalog: its managers and administrators.
    public static func canManageCatalog(of department: Department.ID, _ person: Person) -> Bool {
        person.has(.admin) || manages(department, person)
    }

    /// A department's people: its managers and administrators. Only administrators grant the
    /// administrator role or move people between departments.
    public static func canManagePeople(of department: Department.ID, _ person: Person) -> Bool {
        person.has(.admin) || manages(department, person)
    }

    /// Moving people between departments: administrators.
    public static func canMovePeople(_ actor: Person) -> Bool {
        actor.has(.admin)
    }

    /// Changing someone's roles from `old` to `new`: managers grant and take employee, agent and
    /// manager; only administrators grant or take administrator.
    public static func canChangeRoles(from old: Set<Role>, to new: Set<Role>, _ actor: Person) -> Bool {
        new.contains(.admin) == old.contains(.admin) || canGrantAdministrator(actor)
    }

    /// Granting or taking the administrator role: administrators.
    public static func canGrantAdministrator(_ actor: Person) -> Bool {
        actor.has(.admin)
    }

    /// Whether `actor` may change `person`'s account (name, login, address, activity, password):
    /// a manager of their department, but only an administrator changes an administrator.
    public static func canManage(_ person: Person, _ actor: Person) -> Bool {
        canManagePeople(of: person.departmentID, actor) && (!person.has(.admin) || actor.has(.admin))
    }

    /// The administration pages: administrators and managers (each then changes only what the
    /// rules below allow).
    public static func canOpenAdministration(_ person: Person) -> Bool {
        person.has(.admin) || person.has(.manager)
    }

    /// The background jobs (deliveries, watches) and their failures: administrators.
    public static func canSeeJobs(_ person: Person) -> Bool {
        person.has(.admin)
    }

    /// Company-wide settings such as the priority matrix: administrators.
    public static func canManageSettings(_ person: Person) -> Bool {
        person.has(.admin)
    }
}
