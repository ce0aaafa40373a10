import Foundation

/// What a notification is about.
public enum NotificationKind: String, Hashable, Sendable, Codable, CaseIterable {
    case needRaised = "need_raised"
    case assigned
    case replied
    case statusChanged = "status_changed"
    case serviceLevelWarning = "sla_warning"
    case serviceLevelBreach = "sla_breach"
    /// The requester rated the need.
    case rated
    /// A low rating that the providing department asked its managers to hear of.
    case lowRating = "low_rating"
    /// A department's managers are asked to rate a provider (`subjectID`: the invitation).
    case evaluationRequested = "evaluation_requested"
    /// …and reminded while their answer is still missing.
    case evaluationReminder = "evaluation_reminder"
    /// A survey's round opened for the person (`subjectID`: the survey).
    case surveyRequested = "survey_requested"
    case surveyReminder = "survey_reminder"
    /// The person's need was merged into another (`detail`: that need's number).
    case merged = "need_merged"
}

/// A notification in a person's in-app inbox (站内通知): about one event of one need, or about
/// something else the person is asked to do (rate a provider: `subjectID`). The texts are
/// written when it is shown, in the reader's language, from the need as it is then (or from
/// `detail` for the others).
public struct InboxNotification: Hashable, Sendable, Codable, Identifiable {
    public typealias ID = Identifier<InboxNotification>

    public var id: ID
    public var personID: Person.ID
    /// The need, for notifications about one.
    public var needID: Need.ID?
    /// The need's event; for other notifications an id of the occasion (one request, one round
    /// of reminders), so that a person hears of each once.
    public var eventID: NeedEvent.ID
    /// What a notification that is not about a need is about (an evaluation invitation …).
    public var subjectID: UUID?
    public var kind: NotificationKind
    public var actorID: Person.ID?
    /// What changed, when the kind needs it: the new status (`resolved`) for a status change.
    public var detail: String?
    public var createdAt: Date
    public var readAt: Date?

    public init(
        id: ID, personID: Person.ID, needID: Need.ID?, eventID: NeedEvent.ID, kind: NotificationKind, actorID: Person.ID?,
        detail: String?, createdAt: Date, readAt: Date? = nil, subjectID: UUID? = nil
    ) {
        self.id = id
        self.personID = personID
        self.needID = needID
        self.eventID = eventID
        self.subjectID = subjectID
        self.kind = kind
        self.actorID = actorID
        self.detail = detail
        self.createdAt = createdAt
        self.readAt = readAt
    }

    enum CodingKeys: String, CodingKey {
        case id, personID = "person_id", needID = "need_id", eventID = "event_id", kind, actorID = "actor_id", detail
        case createdAt = "created_at", readAt = "read_at", subjectID = "subject_id"
    }
}
