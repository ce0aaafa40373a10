import Foundation

/// The notification channels a department's managers set up.
extension NotificationWorkflow {
    public func channels(of department: Department.ID, for actor: Person) async throws -> [NotificationChannel] {
        try Self.checkManages(department, actor)
        return try await store.channels(of: department)
    }

    public func createChannel(_ input: ChannelInput, in department: Department.ID, by actor: Person) async throws -> NotificationChannel {
        try Self.checkManages(department, actor)
        guard try await organisation.department(department) != nil else { throw TandemError.notFound("department") }
        guard let kind = input.kind else { throw TandemError.invalid("kind", "kind is required", .required) }
        var channel = NotificationChannel(
            id: ids.next(), departmentID: department, kind: kind, name: "", url: "", secret: nil,
            events: Set(NotificationChannel.departmentKinds), language: .zhCN, isActive: true, createdAt: clock.now())
        try input.apply(to: &channel, creating: true)
        try await destinations.checkForSaving(channel.url, resolver: resolver)
        try await store.insert(channel)
        return channel
    }

    public func updateChannel(_ id: NotificationChannel.ID, _ input: ChannelInput, by actor: Person) async throws -> NotificationChannel {
        var channel = try await channel(id, for: actor)
        if let kind = input.kind, kind != channel.kind { throw TandemError.invalid("kind", "a channel keeps its kind; add a new one") }
        try input.apply(to: &channel, creating: false)
        if input.url != nil { try await destinations.checkForSaving(channel.url, resolver: resolver) }
        try await store.update(channel)
        return channel
    }

    public func deleteChannel(_ id: NotificationChannel.ID, by actor: Person) async throws {
        _ = try await channel(id, for: actor)
        try await store.delete(id)
    }

    /// A channel of a department the actor manages; any other is "not found".
    public func channel(_ id: NotificationChannel.ID, for actor: Person) async throws -> NotificationChannel {
        guard let channel = try await store.channel(id), AccessPolicy.canManageCatalog(of: channel.departmentID, actor) else {
            throw TandemError.notFound("channel")
        }
        return channel
    }

    private static func checkManages(_ department: Department.ID, _ actor: Person) throws {
        guard AccessPolicy.canManageCatalog(of: department, actor) else {
            throw TandemError.forbidden("only the department's managers set up its notification channels")
        }
    }
}

/// What a manager submits to add or change a notification channel.
public struct ChannelInput: Sendable {
    public var kind: NotificationChannel.Kind?
    public var name: String?
    public var url: String?
    /// `.some(nil)` removes the secret.
    public var secret: String??
    public var events: Set<NotificationKind>?
    public var language: Language?
    public var isActive: Bool?

    public init(
        kind: NotificationChannel.Kind? = nil, name: String? = nil, url: String? = nil, secret: String?? = nil,
        events: Set<NotificationKind>? = nil, language: Language? = nil, isActive: Bool? = nil
    ) {
        self.kind = kind
        self.name = name
        self.url = url
        self.secret = secret
        self.events = events
        self.language = language
        self.isActive = isActive
    }

    func apply(to channel: inout NotificationChannel, creating: Bool) throws {
        var problems = InputProblems()
        if creating || name != nil {
            channel.name = try problems.check { try Validate.requiredText(name ?? "", field: "name", max: 100) } ?? ""
        }
        if creating || url != nil {
            channel.url = try problems.check { try Self.checkedURL(url ?? "") } ?? ""
        }
        if let secret {
            channel.secret = try problems.check { try Validate.optionalText(secret, field: "secret", max: 500) } ?? nil
        }
        if let events {
            if let other = events.first(where: { !NotificationChannel.departmentKinds.contains($0) }) {
                problems.add(
                    .invalid("events", "a department channel does not carry \(word: other.rawValue, family: "notification")", .notAnOption))
            } else {
                channel.events = events
            }
        }
        if let language { channel.language = language }
        if let isActive { channel.isActive = isActive }
        try problems.throwIfAny()
        if channel.kind == .webhook, channel.secret == nil {
            throw TandemError.invalid("secret", "a webhook needs a secret to sign its messages with", .required)
        }
    }

    /// An absolute http(s) URL with a host.
    static func checkedURL(_ text: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw TandemError.invalid("url", "url is required", .required) }
        guard trimmed.count <= 1000, let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(),
            ["http", "https"].contains(scheme),
            let host = url.host, !host.isEmpty
        else { throw TandemError.invalid("url", "url must be an http or https address", .urlFormat) }
        return trimmed
    }
}
