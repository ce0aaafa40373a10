import Foundation

/// The fields of a need that can be changed after it was raised. `nil` leaves a field as it is;
/// for clearable fields `.some(nil)` clears it.
public struct NeedPatch: Sendable {
    public var title: String?
    public var description: String?
    public var desiredDate: CalendarDate??
    public var formAnswers: [String: FormAnswer]?
    public var urgency: Urgency?
    public var importance: Importance?
    public var effortHours: Decimal??
    public var strategicGoalID: StrategicGoal.ID??
    public var isConfidential: Bool?

    public init() {}

    public var isEmpty: Bool {
        title == nil && description == nil && desiredDate == nil && formAnswers == nil && urgency == nil
            && importance == nil && effortHours == nil && strategicGoalID == nil && isConfidential == nil
    }
}

extension NeedWorkflow {
    /// Changes fields of a need. The requester edits their own words while the need is open;
    /// the provider also judges urgency, importance, effort and goal; confidentiality is the
    /// requester's, the providing managers' and administrators' to change.
    public func update(_ id: Need.ID, _ patch: NeedPatch, by actor: Person) async throws -> Need {
        guard !patch.isEmpty else { throw TandemError.invalid("body", "nothing to change") }
        let matrix = try await settings.priorityMatrix()
        return try await mutate(id, by: actor) { current in
            var need = current
            var changes: [NeedEvent.Change] = []
            func record(_ field: String, _ old: String?, _ new: String?) {
                if old != new { changes.append(.init(field: field, old: old, new: new)) }
            }

            let editsRequest = patch.title != nil || patch.description != nil || patch.desiredDate != nil || patch.formAnswers != nil
            if editsRequest && !AccessPolicy.canEditRequest(current, actor) {
                throw TandemError.forbidden("you may not edit this need's request")
            }
            let triages = patch.urgency != nil || patch.importance != nil || patch.effortHours != nil || patch.strategicGoalID != nil
            if triages && !AccessPolicy.canTriage(current, actor) {
                throw TandemError.forbidden("only the providing department judges urgency, importance, effort and goal")
            }
            if patch.isConfidential != nil && !AccessPolicy.canChangeConfidentiality(current, actor) {
                throw TandemError.forbidden("you may not change this need's confidentiality")
            }

            var problems = InputProblems()
            if let title = patch.title, let checked = try problems.check({ try NeedRules.title(title) }) {
                need.title = checked
                record("title", current.title, need.title)
            }
            if let description = patch.description, let checked = try problems.check({ try NeedRules.description(description) }) {
                need.description = checked
                record("description", current.description, need.description)
            }
            if let desired = patch.desiredDate {
                need.desiredDate = desired
                record("desired_date", current.desiredDate?.description, desired?.description)
            }
            if let answers = patch.formAnswers {
                if let fields = try await current.offeringID.asyncMap({ try await catalog.offering($0)?.formFields }) ?? nil {
                    need.formAnswers = try problems.check { try FormField.validateAnswers(answers, against: fields) } ?? current.formAnswers
                    if need.formAnswers != current.formAnswers { changes.append(.init(field: "form", old: nil, new: nil)) }
                } else if let key = answers.keys.sorted().first {
                    problems.add(TandemError.invalid("form.\(key)", "form answers need an offering"))
                }
            }
            if let urgency = patch.urgency {
                need.urgency = urgency
                record("urgency", current.urgency.rawValue, urgency.rawValue)
            }
            if let importance = patch.importance {
                need.importance = importance
                record("importance", current.importance.rawValue, importance.rawValue)
            }
            // NB: the priority follows the matrix only when the need is triaged again; editing the
            // request's words keeps the priority it has, even if the matrix changed since.
            if patch.urgency != nil || patch.importance != nil {
                need.priority = matrix.priority(urgency: need.urgency, importance: need.importance)
                record("priority", current.priority.rawValue, need.priority.rawValue)
            }
            if let effort = patch.effortHours, let checked = try problems.check({ try NeedRules.effort(effort) }) {
                need.effortHours = checked
                record("effort_hours", current.effortHours?.plainText, checked?.plainText)
            }
            if let goalID = patch.strategicGoalID {
                if let goalID {
                    let goal = try await goals.goal(goalID)
                    _ = try problems.check { try NeedRules.goal(goal, linkedOn: CalendarDate(clock.now(), in: timeZone)) }
                }
                need.strategicGoalID = goalID
                record("strategic_goal_id", current.strategicGoalID?.description, goalID?.description)
            }
            if let confidential = patch.isConfidential {
                need.isConfidential = confidential
                record("confidential", String(current.isConfidential), String(confidential))
            }
            try problems.throwIfAny()
            guard !changes.isEmpty else { return NeedWrite(need: current, events: []) }
            let now = clock.now()
            need.updatedAt = now
            return NeedWrite(need: need, events: [event(.updated, on: need, by: actor, at: now, changes: changes)])
        }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
