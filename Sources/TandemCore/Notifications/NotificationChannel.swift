import Foundation

/// Where a department wants to hear about its needs besides the inbox: a group bot of WeCom
/// (企业微信), DingTalk (钉钉) or Feishu (飞书), a Slack incoming webhook, or any HTTPS endpoint
/// (a signed generic webhook).
public struct NotificationChannel: Hashable, Sendable, Identifiable {
    public typealias ID = Identifier<NotificationChannel>

    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case wecom, dingtalk, feishu, slack, webhook
    }

    public var id: ID
    public var departmentID: Department.ID
    public var kind: Kind
    public var name: String
    public var url: String
    /// DingTalk's and Feishu's signing secret, the webhook's HMAC key. Never shown again.
    public var secret: String?
    public var events: Set<NotificationKind>
    /// The language of the messages.
    public var language: Language
    public var isActive: Bool
    public var createdAt: Date

    public init(
        id: ID, departmentID: Department.ID, kind: Kind, name: String, url: String, secret: String?, events: Set<NotificationKind>,
        language: Language, isActive: Bool, createdAt: Date
    ) {
        self.id = id
        self.departmentID = departmentID
        self.kind = kind
        self.name = name
        self.url = url
        self.secret = secret
        self.events = events
        self.language = language
        self.isActive = isActive
        self.createdAt = createdAt
    }

    /// The kinds a department channel may carry (a reply or an assignment is for the people
    /// concerned, not for a group).
    public static let departmentKinds: [NotificationKind] = [.needRaised, .statusChanged, .serviceLevelWarning, .serviceLevelBreach]

    /// The channel as the API shows it: the secret only as "set or not".
    public struct Shown: Encodable, Sendable {
        public var channel: NotificationChannel
        public init(_ channel: NotificationChannel) { self.channel = channel }
        enum CodingKeys: String, CodingKey {
            case id, departmentID = "department_id", kind, name, url, hasSecret = "has_secret", events, language, isActive = "is_active"
            case createdAt = "created_at"
        }
        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(channel.id, forKey: .id)
            try container.encode(channel.departmentID, forKey: .departmentID)
            try container.encode(channel.kind, forKey: .kind)
            try container.encode(channel.name, forKey: .name)
            try container.encode(channel.url, forKey: .url)
            try container.encode(channel.secret != nil, forKey: .hasSecret)
            try container.encode(channel.events.map(\.rawValue).sorted(), forKey: .events)
            try container.encode(channel.language, forKey: .language)
            try container.encode(channel.isActive, forKey: .isActive)
            try container.encode(channel.createdAt, forKey: .createdAt)
        }
    }
}
