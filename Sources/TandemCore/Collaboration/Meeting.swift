import Foundation

/// A meeting record (会议纪要): when, which departments and people met, what was said. Needs
/// raised from it link back to it; its action items are followed up.
public struct Meeting: Hashable, Sendable, Codable, Identifiable {
    public typealias ID = Identifier<Meeting>

    public var id: ID
    public var title: String
    public var heldOn: CalendarDate
    public var departmentIDs: [Department.ID]
    public var attendeeIDs: [Person.ID]
    public var minutes: String
    public var recordedBy: Person.ID
    public var createdAt: Date

    public init(
        id: ID, title: String, heldOn: CalendarDate, departmentIDs: [Department.ID], attendeeIDs: [Person.ID], minutes: String,
        recordedBy: Person.ID, createdAt: Date
    ) {
        self.id = id
        self.title = title
        self.heldOn = heldOn
        self.departmentIDs = departmentIDs
        self.attendeeIDs = attendeeIDs
        self.minutes = minutes
        self.recordedBy = recordedBy
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, title, heldOn = "held_on", departmentIDs = "department_ids", attendeeIDs = "attendee_ids", minutes
        case recordedBy = "recorded_by", createdAt = "created_at"
    }
}

/// A follow-up (行动项) of a meeting or of an improvement plan: what, who, by when, how far.
public struct ActionItem: Hashable, Sendable, Codable, Identifiable {
    public typealias ID = Identifier<ActionItem>

    public enum Status: String, Hashable, Sendable, Codable, CaseIterable { case open, done, cancelled }

    /// What the action belongs to.
    public enum Parent: Hashable, Sendable {
        case meeting(Meeting.ID)
        case plan(ImprovementPlan.ID)

        public var kind: String {
            switch self {
            case .meeting: return "meeting"
            case .plan: return "plan"
            }
        }

        public var id: UUID {
            switch self {
            case .meeting(let id): return id.rawValue
            case .plan(let id): return id.rawValue
            }
        }
    }

    public var id: ID
    public var parent: Parent
    public var title: String
    public var ownerID: Person.ID
    public var dueOn: CalendarDate?
    public var status: Status
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: ID, parent: Parent, title: String, ownerID: Person.ID, dueOn: CalendarDate?, status: Status, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.parent = parent
        self.title = title
        self.ownerID = ownerID
        self.dueOn = dueOn
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, parentKind = "parent_kind", parentID = "parent_id", title, ownerID = "owner_id", dueOn = "due_on", status
        case createdAt = "created_at", updatedAt = "updated_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(parent.kind, forKey: .parentKind)
        try container.encode(parent.id, forKey: .parentID)
        try container.encode(title, forKey: .title)
        try container.encode(ownerID, forKey: .ownerID)
        try container.encode(dueOn, forKey: .dueOn)
        try container.encode(status, forKey: .status)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(ID.self, forKey: .id)
        let kind = try container.decode(String.self, forKey: .parentKind), parentID = try container.decode(UUID.self, forKey: .parentID)
        parent = kind == "plan" ? .plan(.init(parentID)) : .meeting(.init(parentID))
        title = try container.decode(String.self, forKey: .title)
        ownerID = try container.decode(Person.ID.self, forKey: .ownerID)
        dueOn = try container.decodeIfPresent(CalendarDate.self, forKey: .dueOn)
        status = try container.decode(Status.self, forKey: .status)
        createdAt = try container.decode(Date.self, forKey: .createdAt)
        updatedAt = try container.decode(Date.self, forKey: .updatedAt)
    }
}

/// A suggestion (意见箱) addressed to a department: named, or anonymous — then it keeps neither
/// its author nor their department, and only the day it came in. The department answers it
/// publicly, turns it into a need, or closes it.
public struct Suggestion: Hashable, Sendable, Codable, Identifiable {
    public typealias ID = Identifier<Suggestion>

    public enum Status: String, Hashable, Sendable, Codable, CaseIterable { case open, answered, converted, closed }

    public var id: ID
    public var departmentID: Department.ID
    public var body: String
    public var authorID: Person.ID?
    public var authorDepartmentID: Department.ID?
    public var submittedOn: CalendarDate
    public var status: Status
    public var answer: String?
    public var answeredBy: Person.ID?
    public var answeredAt: Date?
    public var needID: Need.ID?

    public init(
        id: ID, departmentID: Department.ID, body: String, authorID: Person.ID?, authorDepartmentID: Department.ID?,
        submittedOn: CalendarDate, status: Status = .open, answer: String? = nil, answeredBy: Person.ID? = nil, answeredAt: Date? = nil,
        needID: Need.ID? = nil
    ) {
        self.id = id
        self.departmentID = departmentID
        self.body = body
        self.authorID = authorID
        self.authorDepartmentID = authorDepartmentID
        self.submittedOn = submittedOn
        self.status = status
        self.answer = answer
        self.answeredBy = answeredBy
        self.answeredAt = answeredAt
        self.needID = needID
    }

    public var isAnonymous: Bool { authorID == nil }

    enum CodingKeys: String, CodingKey {
        case id, departmentID = "department_id", body, authorID = "author_id", authorDepartmentID = "author_department_id"
        case submittedOn = "submitted_on", status, answer, answeredBy = "answered_by", answeredAt = "answered_at", needID = "need_id"
    }
}
