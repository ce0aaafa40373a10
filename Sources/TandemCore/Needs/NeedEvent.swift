import Foundation

/// One entry of a need's append-only history: who did what, when, and what changed.
public struct NeedEvent: Hashable, Sendable, Codable, Identifiable {
    public typealias ID = Identifier<NeedEvent>

    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case raised
        case transitioned
        case assigned
        case updated
        case replied
        case noted
        case attached
        /// The watcher saw a target's warning share used (`target` names which).
        case serviceLevelWarning = "sla_warning"
        /// The watcher saw a target missed; may raise the priority in the same event.
        case serviceLevelBreach = "sla_breach"
        /// The requester rated the need (`score` old → new; `low_rating` names the action a low
        /// score took: `reopen` or `notify_managers`).
        case rated
        /// Merged: on the need merged away (`status` → merged, `merged_into` its number) and on
        /// the need it went into (`merged_from`, with what came over: `followers`, `comments`,
        /// `attachments`).
        case merged
    }

    /// Who acts when Tandem itself does (the service-level watcher).
    public static let systemActor = Person.ID(UUID(uuidString: "00000000-0000-0000-0000-000000000000")!)

    /// Who may see an event: internal notes (and what they carry) never reach requesters.
    public enum Visibility: String, Hashable, Sendable, Codable {
        case `public`
        case `internal`
    }

    /// One field's change, as text (`status: new → accepted`).
    public struct Change: Hashable, Sendable, Codable {
        public var field: String
        public var old: String?
        public var new: String?

        public init(field: String, old: String?, new: String?) {
            self.field = field
            self.old = old
            self.new = new
        }
    }

    public var id: ID
    public var needID: Need.ID
    public var actorID: Person.ID
    public var at: Date
    public var kind: Kind
    public var visibility: Visibility
    public var changes: [Change]
    /// The reply or note this event added, if any.
    public var commentID: NeedComment.ID?
    /// The attachment this event added, if any.
    public var attachmentID: Attachment.ID?

    public init(
        id: ID, needID: Need.ID, actorID: Person.ID, at: Date, kind: Kind, visibility: Visibility = .public,
        changes: [Change] = [], commentID: NeedComment.ID? = nil, attachmentID: Attachment.ID? = nil
    ) {
        self.id = id
        self.needID = needID
        self.actorID = actorID
        self.at = at
        self.kind = kind
        self.visibility = visibility
        self.changes = changes
        self.commentID = commentID
        self.attachmentID = attachmentID
    }

    /// The JSON spelling (snake_case), written out so that no key conversion runs per value.
    enum CodingKeys: String, CodingKey {
        case id, needID = "need_id", actorID = "actor_id", at, kind, visibility, changes, commentID = "comment_id"
        case attachmentID = "attachment_id"
    }
}

/// A public reply (回复) or an internal note (内部备注) on a need.
public struct NeedComment: Hashable, Sendable, Codable, Identifiable {
    public typealias ID = Identifier<NeedComment>

    public var id: ID
    public var needID: Need.ID
    public var authorID: Person.ID
    public var body: String
    public var visibility: NeedEvent.Visibility
    public var createdAt: Date

    public init(id: ID, needID: Need.ID, authorID: Person.ID, body: String, visibility: NeedEvent.Visibility, createdAt: Date) {
        self.id = id
        self.needID = needID
        self.authorID = authorID
        self.body = body
        self.visibility = visibility
        self.createdAt = createdAt
    }

    /// The JSON spelling (snake_case), written out so that no key conversion runs per value.
    enum CodingKeys: String, CodingKey {
        case id, needID = "need_id", authorID = "author_id", body, visibility, createdAt = "created_at"
    }
}

/// A file attached to a need; the bytes live in a `BlobStore` under `storageKey`.
public struct Attachment: Hashable, Sendable, Codable, Identifiable {
    public typealias ID = Identifier<Attachment>

    public var id: ID
    public var needID: Need.ID
    public var uploaderID: Person.ID
    public var fileName: String
    public var contentType: String
    public var byteCount: Int
    /// SHA-256 of the content, hex.
    public var sha256: String
    public var storageKey: String
    public var createdAt: Date

    public init(
        id: ID, needID: Need.ID, uploaderID: Person.ID, fileName: String, contentType: String, byteCount: Int,
        sha256: String, storageKey: String, createdAt: Date
    ) {
        self.id = id
        self.needID = needID
        self.uploaderID = uploaderID
        self.fileName = fileName
        self.contentType = contentType
        self.byteCount = byteCount
        self.sha256 = sha256
        self.storageKey = storageKey
        self.createdAt = createdAt
    }

    /// The JSON spelling (snake_case), written out so that no key conversion runs per value.
    enum CodingKeys: String, CodingKey {
        case id, needID = "need_id", uploaderID = "uploader_id", fileName = "file_name"
        case contentType = "content_type", byteCount = "byte_count", sha256, storageKey = "storage_key"
        case createdAt = "created_at"
    }
}
