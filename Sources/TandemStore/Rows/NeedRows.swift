import Foundation
import SQLKit
import TandemCore

struct NeedRow: Encodable, Sendable {
    var id: UUID
    var number: String
    var title: String
    var description: String
    var kind: String
    var requester_id: UUID
    var requesting_department_id: UUID
    var providing_department_id: UUID
    var offering_id: UUID?
    var urgency: String
    var importance: String
    var priority: String
    var effort_hours: Double?
    var desired_date: String?
    var strategic_goal_id: UUID?
    var is_confidential: Bool
    var status: String
    var form_answers: String
    var assignee_ids: String
    var created_at: Date
    var updated_at: Date
    var resolved_at: Date?
    var closed_at: Date?
    var version: Int
    var follower_ids: String
    var merged_into_id: UUID?

    init(_ need: Need) throws {
        id = need.id.rawValue
        number = need.number.description
        title = need.title
        description = need.description
        kind = need.kind.rawValue
        requester_id = need.requesterID.rawValue
        requesting_department_id = need.requestingDepartmentID.rawValue
        providing_department_id = need.providingDepartmentID.rawValue
        offering_id = need.offeringID?.rawValue
        urgency = need.urgency.rawValue
        importance = need.importance.rawValue
        priority = need.priority.rawValue
        effort_hours = need.effortHours.map { NSDecimalNumber(decimal: $0).doubleValue }
        desired_date = need.desiredDate?.description
        strategic_goal_id = need.strategicGoalID?.rawValue
        is_confidential = need.isConfidential
        status = need.status.rawValue
        form_answers = try JSONText.encode(need.formAnswers)
        assignee_ids = need.assigneeIDs.map(\.description).joined(separator: ",")
        created_at = need.createdAt.storable
        updated_at = need.updatedAt.storable
        resolved_at = need.resolvedAt?.storable
        closed_at = need.closedAt?.storable
        version = need.version
        follower_ids = need.followerIDs.map(\.description).joined(separator: ",")
        merged_into_id = need.mergedIntoID?.rawValue
    }

    /// Reads a row column by column (faster than the keyed decoding machinery, which showed in
    /// the profile of every list).
    init(row: any SQLRow) throws {
        id = try row.uuid("id")
        number = try row.value("number")
        title = try row.value("title")
        description = try row.value("description")
        kind = try row.value("kind")
        requester_id = try row.uuid("requester_id")
        requesting_department_id = try row.uuid("requesting_department_id")
        providing_department_id = try row.uuid("providing_department_id")
        offering_id = try row.optionalUUID("offering_id")
        urgency = try row.value("urgency")
        importance = try row.value("importance")
        priority = try row.value("priority")
        effort_hours = try row.value("effort_hours")
        desired_date = try row.value("desired_date")
        strategic_goal_id = try row.optionalUUID("strategic_goal_id")
        is_confidential = try row.value("is_confidential")
        status = try row.value("status")
        form_answers = try row.value("form_answers")
        assignee_ids = try row.value("assignee_ids")
        created_at = try row.value("created_at")
        updated_at = try row.value("updated_at")
        resolved_at = try row.value("resolved_at")
        closed_at = try row.value("closed_at")
        version = try row.value("version")
        follower_ids = try row.value("follower_ids")
        merged_into_id = try row.optionalUUID("merged_into_id")
    }

    /// The stored service-level deadlines of a need row (kept apart from the row a write
    /// writes: only the refresh sets them), `nil` when no clock runs.
    static func deadlines(_ row: any SQLRow) throws -> ServiceLevelDeadlines? {
        let deadlines = ServiceLevelDeadlines(
            responseDueAt: try row.value("response_due_at"), resolutionDueAt: try row.value("resolution_due_at"),
            resolutionWarningAt: try row.value("resolution_warning_at"), checkAt: try row.value("sla_check_at"))
        return deadlines == ServiceLevelDeadlines() ? nil : deadlines
    }

    func need() throws -> Need {
        guard let number = NeedNumber(number), let kind = NeedKind(rawValue: kind), let urgency = Urgency(rawValue: urgency),
            let importance = Importance(rawValue: importance), let priority = Priority(rawValue: priority),
            let status = NeedStatus(rawValue: status)
        else { throw CorruptRow(table: "needs", id: id) }
        return Need(
            id: .init(id), number: number, title: title, description: description, kind: kind,
            requesterID: .init(requester_id), requestingDepartmentID: .init(requesting_department_id),
            providingDepartmentID: .init(providing_department_id), offeringID: offering_id.map(ServiceOffering.ID.init),
            urgency: urgency, importance: importance, priority: priority,
            effortHours: effort_hours.map { Decimal(string: String($0)) ?? Decimal($0) },
            desiredDate: desired_date.flatMap(CalendarDate.init), strategicGoalID: strategic_goal_id.map(StrategicGoal.ID.init),
            isConfidential: is_confidential, status: status,
            assigneeIDs: assignee_ids.split(separator: ",").compactMap { Person.ID(String($0)) },
            formAnswers: form_answers == "{}"
                ? [:] : try FormAnswer.answers(fromJSON: form_answers).orThrow(CorruptRow(table: "needs", id: id)),
            createdAt: created_at, updatedAt: updated_at, resolvedAt: resolved_at, closedAt: closed_at, version: version,
            followerIDs: follower_ids.split(separator: ",").compactMap { Person.ID(String($0)) },
            mergedIntoID: merged_into_id.map(Need.ID.init))
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
    var need_id: UUID
    var need_version: Int
    var ordinal: Int
    var actor_id: UUID
    var at: Date
    var kind: String
    var visibility: String
    var changes: String
    var comment_id: UUID?
    var attachment_id: UUID?

    init(_ event: NeedEvent, needVersion: Int, ordinal: Int) throws {
        id = event.id.rawValue
        need_id = event.needID.rawValue
        self.need_version = needVersion
        self.ordinal = ordinal
        actor_id = event.actorID.rawValue
        at = event.at
        kind = event.kind.rawValue
        visibility = event.visibility.rawValue
        changes = try JSONText.encode(event.changes)
        comment_id = event.commentID?.rawValue
        attachment_id = event.attachmentID?.rawValue
    }

    func event() throws -> NeedEvent {
        guard let kind = NeedEvent.Kind(rawValue: kind), let visibility = NeedEvent.Visibility(rawValue: visibility) else {
            throw CorruptRow(table: "need_events", id: id)
        }
        return NeedEvent(
            id: .init(id), needID: .init(need_id), actorID: .init(actor_id), at: at, kind: kind,
            visibility: visibility, changes: try JSONText.decode([NeedEvent.Change].self, from: changes),
            commentID: comment_id.map(NeedComment.ID.init), attachmentID: attachment_id.map(Attachment.ID.init))
    }
}

struct NeedCommentRow: Codable, Sendable {
    var id: UUID
    var need_id: UUID
    var author_id: UUID
    var body: String
    var visibility: String
    var created_at: Date

    init(_ comment: NeedComment) {
        id = comment.id.rawValue
        need_id = comment.needID.rawValue
        author_id = comment.authorID.rawValue
        body = comment.body
        visibility = comment.visibility.rawValue
        created_at = comment.createdAt
    }

    var comment: NeedComment {
        NeedComment(
            id: .init(id), needID: .init(need_id), authorID: .init(author_id), body: body,
            visibility: NeedEvent.Visibility(rawValue: visibility) ?? .internal, createdAt: created_at)
    }
}

struct AttachmentRow: Codable, Sendable {
    var id: UUID
    var need_id: UUID
    var uploader_id: UUID
    var file_name: String
    var content_type: String
    var byte_count: Int
    var sha256: String
    var storage_key: String
    var created_at: Date

    init(_ attachment: Attachment) {
        id = attachment.id.rawValue
        need_id = attachment.needID.rawValue
        uploader_id = attachment.uploaderID.rawValue
        file_name = attachment.fileName
        content_type = attachment.contentType
        byte_count = attachment.byteCount
        sha256 = attachment.sha256
        storage_key = attachment.storageKey
        created_at = attachment.createdAt
    }

    var attachment: Attachment {
        Attachment(
            id: .init(id), needID: .init(need_id), uploaderID: .init(uploader_id), fileName: file_name,
            contentType: content_type, byteCount: byte_count, sha256: sha256, storageKey: storage_key, createdAt: created_at)
    }
}

extension Optional {
    func orThrow(_ error: @autoclosure () -> any Error) throws -> Wrapped {
        guard let self else { throw error() }
        return self
    }
}

extension NeedRow {
    /// The needs of `ids`, in that order (those that exist).
    static func needs(_ ids: [Need.ID], _ sql: any SQLDatabase) async throws -> [Need] {
        guard !ids.isEmpty else { return [] }
        var found: [Need] = []
        for chunk in ids.chunked(500) {
            found += try await sql.select().column("*").from("needs").where("id", .in, chunk.map(\.rawValue)).all()
                .map { try NeedRow(row: $0).need() }
        }
        let byID = Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byID[$0] }
    }
}
