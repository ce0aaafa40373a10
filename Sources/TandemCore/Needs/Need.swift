import Foundation

/// A need (需求): what one department needs from another, raised by a person.
/// The row is a projection of its events, kept in the same transaction.
public struct Need: Hashable, Sendable, Codable, Identifiable {
    public typealias ID = Identifier<Need>

    public var id: ID
    public var number: NeedNumber
    public var title: String
    public var description: String
    public var kind: NeedKind
    public var requesterID: Person.ID
    public var requestingDepartmentID: Department.ID
    public var providingDepartmentID: Department.ID
    public var offeringID: ServiceOffering.ID?
    public var urgency: Urgency
    public var importance: Importance
    public var priority: Priority
    /// Estimated effort in person-hours, as the provider judges it.
    public var effortHours: Decimal?
    public var desiredDate: CalendarDate?
    public var strategicGoalID: StrategicGoal.ID?
    public var isConfidential: Bool
    public var status: NeedStatus
    public var assigneeIDs: [Person.ID]
    public var formAnswers: [String: FormAnswer]
    public var createdAt: Date
    public var updatedAt: Date
    public var resolvedAt: Date?
    public var closedAt: Date?
    /// Incremented by every change; a change made against an older version is refused.
    public var version: Int
    /// People who follow the need without having raised it: they read it (not its internal
    /// notes) and hear of it as its requester does — the requesters of needs merged into it.
    public var followerIDs: [Person.ID]
    /// The need this one was merged into (status `merged`).
    public var mergedIntoID: Need.ID?

    public init(
        id: ID, number: NeedNumber, title: String, description: String, kind: NeedKind,
        requesterID: Person.ID, requestingDepartmentID: Department.ID, providingDepartmentID: Department.ID,
        offeringID: ServiceOffering.ID?, urgency: Urgency, importance: Importance, priority: Priority,
        effortHours: Decimal?, desiredDate: CalendarDate?, strategicGoalID: StrategicGoal.ID?,
        isConfidential: Bool, status: NeedStatus, assigneeIDs: [Person.ID], formAnswers: [String: FormAnswer],
        createdAt: Date, updatedAt: Date, resolvedAt: Date?, closedAt: Date?, version: Int, followerIDs: [Person.ID] = [],
        mergedIntoID: Need.ID? = nil
    ) {
        self.id = id
        self.number = number
        self.title = title
        self.description = description
        self.kind = kind
        self.requesterID = requesterID
        self.requestingDepartmentID = requestingDepartmentID
        self.providingDepartmentID = providingDepartmentID
        self.offeringID = offeringID
        self.urgency = urgency
        self.importance = importance
        self.priority = priority
        self.effortHours = effortHours
        self.desiredDate = desiredDate
        self.strategicGoalID = strategicGoalID
        self.isConfidential = isConfidential
        self.status = status
        self.assigneeIDs = assigneeIDs
        self.formAnswers = formAnswers
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.resolvedAt = resolvedAt
        self.closedAt = closedAt
        self.version = version
        self.followerIDs = followerIDs
        self.mergedIntoID = mergedIntoID
    }

    /// The JSON spelling (snake_case), written out so that no key conversion runs per value.
    enum CodingKeys: String, CodingKey {
        case id, number, title, description, kind, requesterID = "requester_id"
        case requestingDepartmentID = "requesting_department_id", providingDepartmentID = "providing_department_id"
        case offeringID = "offering_id", urgency, importance, priority, effortHours = "effort_hours"
        case desiredDate = "desired_date", strategicGoalID = "strategic_goal_id", isConfidential = "is_confidential"
        case status, assigneeIDs = "assignee_ids", formAnswers = "form_answers", createdAt = "created_at"
        case updatedAt = "updated_at", resolvedAt = "resolved_at", closedAt = "closed_at", version
        case followerIDs = "follower_ids", mergedIntoID = "merged_into_id"
    }
}
