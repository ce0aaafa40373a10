import Foundation

/// What a requester submits to raise a need.
public struct RaiseNeedInput: Sendable {
    public var title: String
    public var description: String
    public var kind: NeedKind?
    public var providingDepartmentID: Department.ID?
    public var offeringID: ServiceOffering.ID?
    public var urgency: Urgency
    public var importance: Importance
    public var effortHours: Decimal?
    public var desiredDate: CalendarDate?
    public var strategicGoalID: StrategicGoal.ID?
    /// `nil` takes the offering's default.
    public var isConfidential: Bool?
    public var formAnswers: [String: FormAnswer]

    public init(
        title: String, description: String = "", kind: NeedKind? = nil, providingDepartmentID: Department.ID? = nil,
        offeringID: ServiceOffering.ID? = nil, urgency: Urgency = .medium, importance: Importance = .medium,
        effortHours: Decimal? = nil, desiredDate: CalendarDate? = nil, strategicGoalID: StrategicGoal.ID? = nil,
        isConfidential: Bool? = nil, formAnswers: [String: FormAnswer] = [:]
    ) {
        self.title = title
        self.description = description
        self.kind = kind
        self.providingDepartmentID = providingDepartmentID
        self.offeringID = offeringID
        self.urgency = urgency
        self.importance = importance
        self.effortHours = effortHours
        self.desiredDate = desiredDate
        self.strategicGoalID = strategicGoalID
        self.isConfidential = isConfidential
        self.formAnswers = formAnswers
    }
}

extension NeedWorkflow {
    /// Raises a need (提出需求) for the actor's department.
    public func raise(_ input: RaiseNeedInput, by actor: Person) async throws -> Need {
        try await raise(input, for: actor, recordedBy: actor, origin: nil)
    }

    /// Raises a need that someone else wrote (a survey answer, a suggestion), recorded by the
    /// provider who turns it into a need: for its author when named and still active, from their
    /// department; when anonymous (or gone), for the recorder but from `requestingDepartment`,
    /// the department the recorder says it comes from, so that scorecards and the map count the
    /// right pair.
    func raise(
        _ input: RaiseNeedInput, writtenBy author: Person.ID?, from requestingDepartment: Department.ID?,
        recordedBy recorder: Person, origin: NeedOrigin
    ) async throws -> Need {
        if let author, let person = try await organisation.person(author), person.isActive {
            return try await raise(input, for: person, recordedBy: recorder, origin: origin)
        }
        guard let requestingDepartment else {
            throw TandemError.invalid("requesting_department_id", "choose the department the need comes from", .required)
        }
        guard try await organisation.department(requestingDepartment) != nil else {
            throw TandemError.invalid("requesting_department_id", "no department has this id", .unknownRecord)
        }
        return try await raise(input, for: recorder, recordedBy: recorder, origin: origin, from: requestingDepartment)
    }

    /// Raises a need for `actor`'s department, recorded by `recorder` (a provider turning a
    /// survey's draft or a suggestion into a need), remembering where it came from.
    func raise(
        _ input: RaiseNeedInput, for actor: Person, recordedBy recorder: Person, origin: NeedOrigin?,
        from department: Department.ID? = nil
    ) async throws -> Need {
        let requestingDepartment = department ?? actor.departmentID
        var problems = InputProblems()
        let title = try problems.check { try NeedRules.title(input.title) } ?? ""
        let description = try problems.check { try NeedRules.description(input.description) } ?? ""
        _ = try problems.check { try NeedRules.effort(input.effortHours) }
        if let goalID = input.strategicGoalID {
            let goal = try await goals.goal(goalID)
            _ = try problems.check { try NeedRules.goal(goal, linkedOn: CalendarDate(clock.now(), in: timeZone)) }
        }

        let kind: NeedKind
        let providerID: Department.ID
        var answers: [String: FormAnswer] = [:]
        var confidential = input.isConfidential ?? false
        var assignees: [Person.ID] = []
        if let offeringID = input.offeringID {
            guard let offering = try await catalog.offering(offeringID), offering.isActive else {
                throw TandemError.invalid("offering_id", "no active offering has this id", .unknownRecord)
            }
            guard offering.audience.admits(requestingDepartment) else {
                throw TandemError.invalid("offering_id", "this offering is not open to your department")
            }
            if let given = input.kind, given != offering.kind {
                throw TandemError.invalid("kind", "the offering is of kind \(word: offering.kind.rawValue, family: "kind")")
            }
            if let given = input.providingDepartmentID, given != offering.providerID {
                throw TandemError.invalid("providing_department_id", "the offering belongs to another department")
            }
            guard try await organisation.department(offering.providerID)?.isActive == true else {
                throw TandemError.invalid("offering_id", "the offering's department no longer takes needs", .inactiveDepartment)
            }
            kind = offering.kind
            providerID = offering.providerID
            answers = try problems.check { try FormField.validateAnswers(input.formAnswers, against: offering.formFields) } ?? [:]
            confidential = input.isConfidential ?? offering.confidentialByDefault
            let candidates = try await organisation.people(offering.defaultAssigneeIDs)
            assignees = offering.defaultAssigneeIDs.filter { id in
                candidates.contains { $0.id == id && $0.isActive && $0.departmentID == providerID }
            }
        } else {
            guard let given = input.kind else {
                throw TandemError.invalid("kind", "kind is required when no offering is chosen", .required)
            }
            guard let providerGiven = input.providingDepartmentID else {
                throw TandemError.invalid("providing_department_id", "choose an offering or a providing department")
            }
            guard let provider = try await organisation.department(providerGiven), provider.isProvider else {
                throw TandemError.invalid("providing_department_id", "no providing department has this id", .unknownRecord)
            }
            guard provider.isActive else {
                throw TandemError.invalid("providing_department_id", "the department no longer takes needs", .inactiveDepartment)
            }
            if let key = input.formAnswers.keys.sorted().first {
                throw TandemError.invalid("form.\(key)", "form answers need an offering")
            }
            kind = given
            providerID = provider.id
        }

        try problems.throwIfAny()
        let matrix = try await settings.priorityMatrix()
        let now = clock.now()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let year = calendar.component(.year, from: now)
        let needID: Need.ID = ids.next()
        let raisedEventID: NeedEvent.ID = ids.next()
        let assignedEventID: NeedEvent.ID = ids.next()
        let followUpJobID: Job.ID = ids.next()
        return try await needs.create(year: year) { [assignees, answers, confidential] number in
            let need = Need(
                id: needID, number: number, title: title, description: description, kind: kind,
                requesterID: actor.id, requestingDepartmentID: requestingDepartment, providingDepartmentID: providerID,
                offeringID: input.offeringID, urgency: input.urgency, importance: input.importance,
                priority: matrix.priority(urgency: input.urgency, importance: input.importance),
                effortHours: input.effortHours, desiredDate: input.desiredDate, strategicGoalID: input.strategicGoalID,
                isConfidential: confidential, status: .new, assigneeIDs: assignees, formAnswers: answers,
                createdAt: now, updatedAt: now, resolvedAt: nil, closedAt: nil, version: 1)
            var events = [Self.raisedEvent(id: raisedEventID, of: need, recordedBy: recorder.id)]
            if !assignees.isEmpty {
                events.append(
                    NeedEvent(
                        id: assignedEventID, needID: needID, actorID: recorder.id, at: now, kind: .assigned,
                        changes: [.init(field: "assignees", old: nil, new: assignees.map(\.description).joined(separator: ","))]))
            }
            var write = NeedWrite(need: need, events: events)
            write.jobs = [try Self.followUpJob(for: write, id: followUpJobID, at: now)]
            write.origin = origin
            return write
        }
    }

    /// The first event of every need: raised, with its status and priority.
    static func raisedEvent(id: NeedEvent.ID, of need: Need, recordedBy recorder: Person.ID) -> NeedEvent {
        NeedEvent(
            id: id, needID: need.id, actorID: recorder, at: need.createdAt, kind: .raised,
            changes: [
                .init(field: "status", old: nil, new: NeedStatus.new.rawValue),
                .init(field: "priority", old: nil, new: need.priority.rawValue),
            ])
    }
}
