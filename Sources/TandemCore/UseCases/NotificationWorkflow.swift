import Foundation

/// Notifications: the fan-out of a need's events to the inbox, e-mail and the providing
/// department's channels (run as a job after the change committed), the inbox itself, and the
/// channels a department's managers set up.
public struct NotificationWorkflow: Sendable {
    public let store: any NotificationStore
    public let needs: any NeedStore
    public let organisation: any OrganisationStore
    public let clock: any Clock
    public let ids: any IDGenerator
    /// Whether a mail server is configured (without one, nobody gets e-mail).
    public let sendsEmail: Bool

    public init(store: any NotificationStore, needs: any NeedStore, organisation: any OrganisationStore, clock: any Clock, ids: any IDGenerator,
                sendsEmail: Bool) {
        self.store = store
        self.needs = needs
        self.organisation = organisation
        self.clock = clock
        self.ids = ids
        self.sendsEmail = sendsEmail
    }

    // MARK: jobs

    public static let fanOutKind = "notify.need_events"
    public static let emailKind = "deliver.email"
    public static let channelKind = "deliver.channel"

    /// The input of a fan-out: events of one need, written together.
    public struct NeedEvents: Codable, Sendable {
        public var needID: Need.ID
        public var eventIDs: [NeedEvent.ID]
        public init(needID: Need.ID, eventIDs: [NeedEvent.ID]) {
            self.needID = needID
            self.eventIDs = eventIDs
        }
        enum CodingKeys: String, CodingKey { case needID = "need_id", eventIDs = "event_ids" }
    }

    /// The input of an e-mail delivery: the notification it tells of.
    public struct Email: Codable, Sendable {
        public var notificationID: InboxNotification.ID
        enum CodingKeys: String, CodingKey { case notificationID = "notification_id" }
    }

    /// The input of a channel delivery.
    public struct ChannelMessage: Codable, Sendable {
        public var channelID: NotificationChannel.ID
        public var needID: Need.ID
        public var eventID: NeedEvent.ID
        public var kind: NotificationKind
        public var actorID: Person.ID?
        public var detail: String?
        enum CodingKeys: String, CodingKey {
            case channelID = "channel_id", needID = "need_id", eventID = "event_id", kind, actorID = "actor_id", detail
        }
    }

    /// The fan-out job a need's change asks for, when it has events anyone hears of.
    public static func fanOutJobs(for write: NeedWrite, id: Job.ID, at now: Date) throws -> [Job] {
        let heard: Set<NeedEvent.Kind> = [.raised, .assigned, .replied, .transitioned, .serviceLevelWarning, .serviceLevelBreach]
        let events = write.events.filter { heard.contains($0.kind) }
        guard !events.isEmpty else { return [] }
        return [try Job.make(fanOutKind, NeedEvents(needID: write.need.id, eventIDs: events.map(\.id)), id: id, at: now)]
    }

    /// Decides who hears of the events and stores their inbox notifications and deliveries (one
    /// transaction; running it again adds nothing).
    public func fanOut(_ input: NeedEvents) async throws {
        guard let need = try await needs.need(input.needID) else { return }
        let wanted = Set(input.eventIDs)
        var events = try await needs.events(of: need.id).filter { wanted.contains($0.id) }
        // A need raised with its default assignees: the raise tells them; no second "assigned".
        if events.contains(where: { $0.kind == .raised }) { events.removeAll { $0.kind == .assigned } }
        guard !events.isEmpty else { return }
        let providers = try await organisation.people(in: need.providingDepartmentID)
            .filter { $0.isActive && ($0.has(.agent) || $0.has(.manager)) }
        let named = try await organisation.people([need.requesterID] + need.assigneeIDs)
        let people = Dictionary((providers + named).map { ($0.id, $0) }) { first, _ in first }
        let channels = try await store.channels(of: need.providingDepartmentID).filter(\.isActive)
        let now = clock.now()

        var notifications: [InboxNotification] = []
        var jobs: [Job] = []
        for event in events {
            for delivery in NotificationPlan.people(for: event, on: need, providers: providers, people: people) {
                let notification = InboxNotification(
                    id: ids.next(), personID: delivery.personID, needID: need.id, eventID: event.id, kind: delivery.kind,
                    actorID: event.actorID, detail: NotificationPlan.detail(of: event), createdAt: event.at)
                notifications.append(notification)
                if sendsEmail, let person = people[delivery.personID], person.email != nil, person.emailNotifications {
                    jobs.append(try Job.make(Self.emailKind, Email(notificationID: notification.id), id: ids.next(), at: now,
                                             dedupKey: "email:\(event.id):\(person.id)"))
                }
            }
            if let kind = NotificationPlan.departmentKind(for: event, on: need) {
                for channel in channels where channel.events.contains(kind) {
                    let message = ChannelMessage(channelID: channel.id, needID: need.id, eventID: event.id, kind: kind, actorID: event.actorID,
                                                 detail: NotificationPlan.detail(of: event))
                    jobs.append(try Job.make(Self.channelKind, message, id: ids.next(), at: now, dedupKey: "channel:\(event.id):\(channel.id)"))
                }
            }
        }
        try await store.record(notifications, jobs: jobs)
    }

    // MARK: what a delivery tells

    /// What an e-mail about a notification says, gathered when it is sent.
    public struct EmailFacts: Sendable {
        public var notification: InboxNotification
        public var recipient: Person
        public var need: Need
        public var actor: Person?
        /// The start of the reply, for a reply.
        public var excerpt: String?
    }

    /// The facts of an e-mail, or nil when there is nothing to send any more: the notification,
    /// the need or the address is gone, the person turned e-mail off or may no longer read the need.
    public func emailFacts(_ input: Email) async throws -> EmailFacts? {
        guard let notification = try await store.notification(input.notificationID),
              let recipient = try await organisation.person(notification.personID), recipient.isActive, recipient.email != nil,
              recipient.emailNotifications,
              let need = try await needs.need(notification.needID), AccessPolicy.canRead(need, recipient)
        else { return nil }
        let actor = try await notification.actorID.asyncMap { try await organisation.person($0) } ?? nil
        var excerpt: String?
        if notification.kind == .replied,
           let event = try await needs.events(of: need.id).first(where: { $0.id == notification.eventID }), event.visibility == .public,
           let commentID = event.commentID {
            excerpt = try await needs.comments(of: need.id).first { $0.id == commentID }.map { String($0.body.prefix(500)) }
        }
        return EmailFacts(notification: notification, recipient: recipient, need: need, actor: actor, excerpt: excerpt)
    }

    /// What a channel message tells, gathered when it is sent.
    public struct ChannelFacts: Sendable {
        public var channel: NotificationChannel
        public var need: Need
        public var actor: Person?
        public var message: ChannelMessage
    }

    /// The facts of a channel message, or nil when the channel was removed or switched off, or
    /// the need is gone or became confidential.
    public func channelFacts(_ input: ChannelMessage) async throws -> ChannelFacts? {
        guard let channel = try await store.channel(input.channelID), channel.isActive,
              let need = try await needs.need(input.needID), !need.isConfidential
        else { return nil }
        let actor = try await input.actorID.asyncMap { try await organisation.person($0) } ?? nil
        return ChannelFacts(channel: channel, need: need, actor: actor, message: input)
    }

    // MARK: the inbox

    /// A notification with the need it is about (as it is now) and who acted.
    public struct InboxEntry: Sendable {
        public var notification: InboxNotification
        public var need: Need
        public var actor: Person?
    }

    /// The actor's notifications about needs they may still read, newest first.
    public func inbox(for actor: Person, unreadOnly: Bool = false, before: Date? = nil, limit: Int = 50) async throws -> [InboxEntry] {
        guard (1...200).contains(limit) else { throw TandemError.invalid("limit", "limit must be between 1 and 200") }
        let notifications = try await store.notifications(of: actor.id, unreadOnly: unreadOnly, before: before, limit: limit)
        var readable: [Need.ID: Need?] = [:]
        for id in Set(notifications.map(\.needID)) {
            readable[id] = try await needs.need(id).flatMap { AccessPolicy.canRead($0, actor) ? $0 : nil }
        }
        let actors = Dictionary(try await organisation.people(Array(Set(notifications.compactMap(\.actorID)))).map { ($0.id, $0) }) { a, _ in a }
        return notifications.compactMap { notification in
            guard let need = readable[notification.needID] ?? nil else { return nil }
            return InboxEntry(notification: notification, need: need, actor: notification.actorID.flatMap { actors[$0] })
        }
    }

    /// One of the actor's own notifications, if its need is still theirs to read.
    public func entry(_ id: InboxNotification.ID, for actor: Person) async throws -> InboxEntry? {
        guard let notification = try await store.notification(id), notification.personID == actor.id,
              let need = try await needs.need(notification.needID), AccessPolicy.canRead(need, actor)
        else { return nil }
        return InboxEntry(notification: notification, need: need, actor: nil)
    }

    public func unreadCount(for actor: Person) async throws -> Int {
        try await store.unreadCount(of: actor.id)
    }

    /// Marks some of the actor's notifications read, or all of them when `ids` is nil.
    public func markRead(_ ids: [InboxNotification.ID]?, by actor: Person) async throws {
        try await store.markRead(ids, of: actor.id, at: clock.now())
    }

    // MARK: channels

    public func channels(of department: Department.ID, for actor: Person) async throws -> [NotificationChannel] {
        try Self.checkManages(department, actor)
        return try await store.channels(of: department)
    }

    public func createChannel(_ input: ChannelInput, in department: Department.ID, by actor: Person) async throws -> NotificationChannel {
        try Self.checkManages(department, actor)
        guard try await organisation.department(department) != nil else { throw TandemError.notFound("department") }
        guard let kind = input.kind else { throw TandemError.invalid("kind", "kind is required", .required) }
        var channel = NotificationChannel(id: ids.next(), departmentID: department, kind: kind, name: "", url: "", secret: nil,
                                          events: Set(NotificationChannel.departmentKinds), language: .zhCN, isActive: true, createdAt: clock.now())
        try input.apply(to: &channel, creating: true)
        try await store.insert(channel)
        return channel
    }

    public func updateChannel(_ id: NotificationChannel.ID, _ input: ChannelInput, by actor: Person) async throws -> NotificationChannel {
        var channel = try await channel(id, for: actor)
        if let kind = input.kind, kind != channel.kind { throw TandemError.invalid("kind", "a channel keeps its kind; add a new one") }
        try input.apply(to: &channel, creating: false)
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

    public init(kind: NotificationChannel.Kind? = nil, name: String? = nil, url: String? = nil, secret: String?? = nil,
                events: Set<NotificationKind>? = nil, language: Language? = nil, isActive: Bool? = nil) {
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
                problems.add(.invalid("events", "a department channel does not carry \(other.rawValue)", .notAnOption))
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
        guard trimmed.count <= 1000, let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = url.host, !host.isEmpty
        else { throw TandemError.invalid("url", "url must be an http or https address", .urlFormat) }
        return trimmed
    }
}
