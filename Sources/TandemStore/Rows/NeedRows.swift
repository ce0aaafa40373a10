import Foundation
import TandemCore

struct NeedRow: Codable, Sendable {
    var id: UUID
    var number: String
    var title: String
    var description: String
    var kind: String
    var requesterId: UUID
    var requestingDepartmentId: UUID
    var providingDepartmentId: UUID
    var offeringId: UUID?
    var urgency: String
    var importance: String
    var priority: String
    var effortHours: Double?
    var desiredDate: String?
    var strategicGoalId: UUID?
    var isConfidential: Bool
    var status: String
    var formAnswers: String
    var assigneeIds: String
    var createdAt: Date
    var updatedAt: Date
    var resolvedAt: Date?
    var closedAt: Date?
    var version: Int

    init(_ need: Need) throws {
        id = need.id.rawValue
        number = need.number.description
        title = need.title
        description = need.description
        kind = need.kind.rawValue
        requesterId = need.requesterID.rawValue
        requestingDepartmentId = need.requestingDepartmentID.rawValue
        providingDepartmentId = need.providingDepartmentID.rawValue
        offeringId = need.offeringID?.rawValue
        urgency = need.urgency.rawValue
        importance = need.importance.rawValue
        priority = need.priority.rawValue
        effortHours = need.effortHours.map { NSDecimalNumber(decimal: $0).doubleValue }
        desiredDate = need.desiredDate?.description
        strategicGoalId = need.strategicGoalID?.rawValue
        isConfidential = need.isConfidential
        status = need.status.rawValue
        formAnswers = try JSONText.encode(need.formAnswers)
        assigneeIds = try JSONText.encode(need.assigneeIDs)
        createdAt = need.createdAt.storable
        updatedAt = need.updatedAt.storable
        resolvedAt = need.resolvedAt?.storable
        closedAt = need.closedAt?.storable
        version = need.version
    }

    func need() throws -> Need {
        guard let number = NeedNumber(number), let kind = NeedKind(rawValue: kind), let urgency = Urgency(rawValue: urgency),
            let importance = Importance(rawValue: importance), let priority = Priority(rawValue: priority),
            let status = NeedStatus(rawValue: status)
        else { throw CorruptRow(table: "needs", id: id) }
        return Need(
            id: .init(id), number: number, title: title, description: description, kind: kind,
            requesterID: .init(requesterId), requestingDepartmentID: .init(requestingDepartmentId),
            providingDepartmentID: .init(providingDepartmentId), offeringID: offeringId.map(ServiceOffering.ID.init),
            urgency: urgency, importance: importance, priority: priority,
            effortHours: effortHours.map { Decimal(string: String($0)) ?? Decimal($0) },
            desiredDate: desiredDate.flatMap(CalendarDate.init), strategicGoalID: strategicGoalId.map(StrategicGoal.ID.init),
            isConfidential: isConfidential, status: status,
            assigneeIDs: try JSONText.decode([Person.ID].self, from: assigneeIds),
            formAnswers: try JSONText.decode([String: FormAnswer].self, from: formAnswers),
            createdAt: createdAt, updatedAt: updatedAt, resolvedAt: resolvedAt, closedAt: closedAt, version: version)
    }
}

/// A row the store cannot turn back into a domain value: a bug or a hand edit, never user input.
struct CorruptRow: Error, CustomStringConvertible {
    var table: String
    var id: UUID
    var description: String { "corrupt row \(id) in \(table)" }
}

struct NeedEventRow: Codable, Sendable {
    var id: UUID
    var needId: UUID
    var needVersion: Int
    var ordinal: Int
    var actorId: UUID
    var at: Date
    var kind: String
    var visibility: String
    var changes: String
    var commentId: UUID?
    var attachmentId: UUID?

    init(_ event: NeedEvent, needVersion: Int, ordinal: Int) throws {
        id = event.id.rawValue
        needId = event.needID.rawValue
        self.needVersion = needVersion
        self.ordinal = ordinal
        actorId = event.actorID.rawValue
        at = event.at
        kind = event.kind.rawValue
        visibility = event.visibility.rawValue
        changes = try JSONText.encode(event.changes)
        commentId = event.commentID?.rawValue
        attachmentId = event.attachmentID?.rawValue
    }

    func event() throws -> NeedEvent {
        guard let kind = NeedEvent.Kind(rawValue: kind), let visibility = NeedEvent.Visibility(rawValue: visibility) else {
            throw CorruptRow(table: "need_events", id: id)
        }
        return NeedEvent(id: .init(id), needID: .init(needId), actorID: .init(actorId), at: at, kind: kind,
                         visibility: visibility, changes: try JSONText.decode([NeedEvent.Change].self, from: changes),
                         commentID: commentId.map(NeedComment.ID.init), attachmentID: attachmentId.map(Attachment.ID.init))
    }
}

struct NeedCommentRow: Codable, Sendable {
    var id: UUID
    var needId: UUID
    var authorId: UUID
    var body: String
    var visibility: String
    var createdAt: Date

    init(_ comment: NeedComment) {
        id = comment.id.rawValue
        needId = comment.needID.rawValue
        authorId = comment.authorID.rawValue
        body = comment.body
        visibility = comment.visibility.rawValue
        createdAt = comment.createdAt
    }

    var comment: NeedComment {
        NeedComment(id: .init(id), needID: .init(needId), authorID: .init(authorId), body: body,
                    visibility: NeedEvent.Visibility(rawValue: visibility) ?? .internal, createdAt: createdAt)
    }
}

struct AttachmentRow: Codable, Sendable {
    var id: UUID
    var needId: UUID
    var uploaderId: UUID
    var fileName: String
    var contentType: String
    var byteCount: Int
    var sha256: String
    var storageKey: String
    var createdAt: Date

    init(_ attachment: Attachment) {
        id = attachment.id.rawValue
        needId = attachment.needID.rawValue
        uploaderId = attachment.uploaderID.rawValue
        fileName = attachment.fileName
        contentType = attachment.contentType
        byteCount = attachment.byteCount
        sha256 = attachment.sha256
        storageKey = attachment.storageKey
        createdAt = attachment.createdAt
    }

    var attachment: Attachment {
        Attachment(id: .init(id), needID: .init(needId), uploaderID: .init(uploaderId), fileName: fileName,
                   contentType: contentType, byteCount: byteCount, sha256: sha256, storageKey: storageKey, createdAt: createdAt)
    }
}
