import Foundation

/// Meeting records (定期会议): managers record who met and what was said; the people of the
/// meeting raise needs from it (they link back) and follow its action items.
public struct MeetingWorkflow: Sendable {
    public let store: any MeetingStore
    public let needs: NeedWorkflow
    public var organisation: any OrganisationStore { needs.organisation }

    public init(store: any MeetingStore, needs: NeedWorkflow) {
        self.store = store
        self.needs = needs
    }

    public struct Input: Sendable {
        public var title: String
        public var heldOn: String
        public var departmentIDs: [Department.ID]
        public var attendeeIDs: [Person.ID]
        public var minutes: String

        public init(title: String, heldOn: String, departmentIDs: [Department.ID], attendeeIDs: [Person.ID] = [], minutes: String = "") {
            self.title = title
            self.heldOn = heldOn
            self.departmentIDs = departmentIDs
            self.attendeeIDs = attendeeIDs
            self.minutes = minutes
        }
    }

    /// Records a meeting: managers and administrators.
    public func record(_ input: Input, by actor: Person) async throws -> Meeting {
        guard CollaborationAccess.canRecordMeetings(actor) else {
            throw TandemError.forbidden("managers and administrators record meetings")
        }
        var problems = InputProblems()
        let title = try problems.check { try Validate.requiredText(input.title, field: "title", max: 200) }
        let heldOn = CalendarDate(input.heldOn.trimmingCharacters(in: .whitespaces))
        if heldOn == nil { problems.add(.invalid("held_on", "held_on must be a date (YYYY-MM-DD)", .notADate)) }
        let minutes = try problems.check { try Validate.optionalText(input.minutes, field: "minutes", max: 50_000) } ?? nil
        let known = Set(try await organisation.departments().map(\.id))
        let departments = Array(Set(input.departmentIDs)).sorted()
        if departments.isEmpty { problems.add(.invalid("department_ids", "name the departments that met", .required)) }
        if !Set(departments).isSubset(of: known) { problems.add(.invalid("department_ids", "every department must exist", .unknownRecord)) }
        let attendees = Array(Set(input.attendeeIDs)).sorted()
        if try await organisation.people(attendees).count != attendees.count {
            problems.add(.invalid("attendee_ids", "every attendee must be a person", .unknownRecord))
        }
        try problems.throwIfAny()
        guard let title, let heldOn else { throw TandemError.invalid("title", "title is required", .required) }
        let meeting = Meeting(
            id: needs.ids.next(), title: title, heldOn: heldOn, departmentIDs: departments, attendeeIDs: attendees,
            minutes: minutes ?? "", recordedBy: actor.id, createdAt: needs.clock.now())
        try await store.insert(meeting)
        return meeting
    }

    /// A meeting the actor may read (attendees, its departments' people, administrators); else "not found".
    public func meeting(_ id: Meeting.ID, for actor: Person) async throws -> Meeting {
        guard let meeting = try await store.meeting(id), actor.isActive, CollaborationAccess.reads(meeting, actor) else {
            throw TandemError.notFound("meeting")
        }
        return meeting
    }

    public func meetings(for actor: Person) async throws -> [Meeting] {
        try await store.meetings(limit: 500).filter { CollaborationAccess.reads($0, actor) }
    }

    /// Changes the minutes: the recorder and administrators.
    public func updateMinutes(_ id: Meeting.ID, _ minutes: String, by actor: Person) async throws -> Meeting {
        var meeting = try await meeting(id, for: actor)
        guard CollaborationAccess.runs(meeting, actor) else { throw TandemError.forbidden("the recorder changes the minutes") }
        meeting.minutes = try Validate.optionalText(minutes, field: "minutes", max: 50_000) ?? ""
        try await store.update(meeting)
        return meeting
    }

    /// Raises a need from the meeting, for the actor's department (one of the people of the meeting).
    public func raiseNeed(from id: Meeting.ID, _ input: RaiseNeedInput, by actor: Person) async throws -> Need {
        let meeting = try await meeting(id, for: actor)
        return try await needs.raise(input, for: actor, recordedBy: actor, origin: .meeting(meeting.id))
    }

    /// The needs raised from the meeting that the actor may read.
    public func needs(of id: Meeting.ID, for actor: Person) async throws -> [Need] {
        let meeting = try await meeting(id, for: actor)
        return try await needs.needs.needs(from: .meeting(meeting.id)).filter { AccessPolicy.canRead($0, actor) }
    }
}
