import Foundation

/// Action items (行动项) of meetings and improvement plans: added by whoever runs the parent,
/// moved on by their owner or by them.
public struct ActionItemWorkflow: Sendable {
    public let store: any ActionItemStore
    public let meetings: any MeetingStore
    public let plans: any ImprovementPlanStore
    public let organisation: any OrganisationStore
    public let clock: any Clock
    public let ids: any IDGenerator

    public init(
        store: any ActionItemStore, meetings: any MeetingStore, plans: any ImprovementPlanStore, organisation: any OrganisationStore,
        clock: any Clock, ids: any IDGenerator
    ) {
        self.store = store
        self.meetings = meetings
        self.plans = plans
        self.organisation = organisation
        self.clock = clock
        self.ids = ids
    }

    /// Who runs a parent: a meeting's recorder, the plan department's managers, administrators.
    /// Who may read it: a meeting's people; a plan, everyone.
    private func rules(of parent: ActionItem.Parent, _ actor: Person) async throws -> (reads: Bool, runs: Bool) {
        switch parent {
        case .meeting(let id):
            guard let meeting = try await meetings.meeting(id) else { return (false, false) }
            return (CollaborationAccess.reads(meeting, actor), CollaborationAccess.runs(meeting, actor))
        case .plan(let id):
            guard let plan = try await plans.plan(id) else { return (false, false) }
            return (actor.isActive, AccessPolicy.canManageCatalog(of: plan.departmentID, actor))
        }
    }

    public func items(of parent: ActionItem.Parent, for actor: Person) async throws -> [ActionItem] {
        guard try await rules(of: parent, actor).reads else { throw TandemError.notFound(parent.kind) }
        return try await store.items(of: parent)
    }

    /// Adds an action: whoever runs the parent.
    public func add(to parent: ActionItem.Parent, title: String, ownerID: Person.ID?, dueOn: String?, by actor: Person) async throws
        -> ActionItem
    {
        let (reads, runs) = try await rules(of: parent, actor)
        guard reads else { throw TandemError.notFound(parent.kind) }
        guard runs else { throw TandemError.forbidden("whoever runs the \(word: parent.kind, family: "record") adds its actions") }
        var problems = InputProblems()
        let text = try problems.check { try Validate.requiredText(title, field: "title", max: 300) }
        var owner: Person?
        if let ownerID { owner = try await organisation.person(ownerID).flatMap { $0.isActive ? $0 : nil } }
        if owner == nil {
            problems.add(.invalid("owner_id", "the owner must be an active person", ownerID == nil ? .required : .unknownRecord))
        }
        let due =
            try problems.check { () throws -> CalendarDate? in
                guard let text = dueOn?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
                guard let date = CalendarDate(text) else {
                    throw TandemError.invalid("due_on", "due_on must be a date (YYYY-MM-DD)", .notADate)
                }
                return date
            } ?? nil
        try problems.throwIfAny()
        guard let text, let owner else { throw TandemError.invalid("title", "title is required", .required) }
        let now = clock.now()
        let item = ActionItem(
            id: ids.next(), parent: parent, title: text, ownerID: owner.id, dueOn: due, status: .open, createdAt: now, updatedAt: now)
        try await store.insert(item)
        return item
    }

    /// Moves an action on: its owner, or whoever runs the parent.
    public func setStatus(_ id: ActionItem.ID, _ status: ActionItem.Status, by actor: Person) async throws -> ActionItem {
        guard var item = try await store.item(id) else { throw TandemError.notFound("action") }
        let (reads, runs) = try await rules(of: item.parent, actor)
        guard reads || item.ownerID == actor.id else { throw TandemError.notFound("action") }
        guard runs || item.ownerID == actor.id else { throw TandemError.forbidden("the owner moves an action on") }
        item.status = status
        item.updatedAt = clock.now()
        try await store.update(item)
        return item
    }
}
