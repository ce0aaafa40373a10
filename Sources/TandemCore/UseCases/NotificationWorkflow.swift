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
    /// Where channels may send: never inside the server's network unless allowed.
    public let destinations: OutboundPolicy
    public let resolver: any HostResolver

    public init(
        store: any NotificationStore, needs: any NeedStore, organisation: any OrganisationStore, clock: any Clock, ids: any IDGenerator,
        sendsEmail: Bool, destinations: OutboundPolicy, resolver: any HostResolver
    ) {
        self.destinations = destinations
        self.resolver = resolver
        self.store = store
        self.needs = needs
        self.organisation = organisation
        self.clock = clock
        self.ids = ids
        self.sendsEmail = sendsEmail
    }

    // MARK: jobs

    public static let emailKind = "deliver.email"
    public static let channelKind = "deliver.channel"

    /// The input of a fan-out (and of a need's follow-up job): events of one need, written together.
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

    /// Decides who hears of the events and stores their inbox notifications and deliveries (one
    /// transaction; running it again adds nothing).
    public func fanOut(_ input: NeedEvents) async throws {
        guard let need = try await needs.need(input.needID) else { return }
        let wanted = Set(input.eventIDs)
        let heard: Set<NeedEvent.Kind> = [
            .raised, .assigned, .replied, .transitioned, .serviceLevelWarning, .serviceLevelBreach, .rated, .merged,
        ]
        var events = try await needs.events(of: need.id).filter { wanted.contains($0.id) && heard.contains($0.kind) }
        // A need raised with its default assignees: the raise tells them; no second "assigned".
        if events.contains(where: { $0.kind == .raised }) { events.removeAll { $0.kind == .assigned } }
        guard !events.isEmpty else { return }
        let providers = try await organisation.people(in: need.providingDepartmentID)
            .filter { $0.isActive && AccessPolicy.worksFor(need.providingDepartmentID, $0) }
        let named = try await organisation.people([need.requesterID] + need.assigneeIDs + need.followerIDs)
        let people = Dictionary((providers + named).map { ($0.id, $0) }) { first, _ in first }
        let channels = try await store.channels(of: need.providingDepartmentID).filter(\.isActive)
        let now = clock.now()

        var notifications: [InboxNotification] = []
        var jobs: [Job] = []
        // NB: one change makes one line per person: a step taken with a reply tells of the step.
        var told: Set<Person.ID> = []
        for event in events {
            for delivery in NotificationPlan.people(for: event, on: need, providers: providers, people: people)
            where told.insert(delivery.personID).inserted {
                let notification = InboxNotification(
                    id: ids.next(), personID: delivery.personID, needID: need.id, eventID: event.id, kind: delivery.kind,
                    actorID: event.actorID, detail: NotificationPlan.detail(of: event), createdAt: event.at)
                notifications.append(notification)
                if sendsEmail, let person = people[delivery.personID], person.email != nil, person.emailNotifications {
                    jobs.append(
                        try Job.make(
                            Self.emailKind, Email(notificationID: notification.id), id: ids.next(), at: now,
                            dedupKey: "email:\(event.id):\(person.id)"))
                }
            }
            if let kind = NotificationPlan.departmentKind(for: event, on: need) {
                for channel in channels where channel.events.contains(kind) {
                    let message = ChannelMessage(
                        channelID: channel.id, needID: need.id, eventID: event.id, kind: kind, actorID: event.actorID,
                        detail: NotificationPlan.detail(of: event))
                    jobs.append(
                        try Job.make(Self.channelKind, message, id: ids.next(), at: now, dedupKey: "channel:\(event.id):\(channel.id)"))
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
        /// The need, for a notification about one.
        public var need: Need?
        public var actor: Person?
        /// The start of the reply, for a reply.
        public var excerpt: String?
    }

    /// The facts of an e-mail, or nil when there is nothing to send any more: the notification,
    /// the need or the address is gone, the person turned e-mail off or may no longer read the need.
    public func emailFacts(_ input: Email) async throws -> EmailFacts? {
        guard let notification = try await store.notification(input.notificationID),
            let recipient = try await organisation.person(notification.personID), recipient.isActive, recipient.email != nil,
            recipient.emailNotifications
        else { return nil }
        guard let needID = notification.needID else {
            return EmailFacts(notification: notification, recipient: recipient, need: nil, actor: nil, excerpt: nil)
        }
        guard let need = try await needs.need(needID), AccessPolicy.canRead(need, recipient) else { return nil }
        let actor = try await notification.actorID.asyncMap { try await organisation.person($0) } ?? nil
        var excerpt: String?
        if notification.kind == .replied,
            let event = try await needs.events(of: need.id).first(where: { $0.id == notification.eventID }), event.visibility == .public,
            let commentID = event.commentID
        {
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
}
