import Foundation

/// The inbox (站内通知): a person's notifications about needs they may still read.
extension NotificationWorkflow {
    /// A notification with the need it is about (as it is now; nil for one about something else)
    /// and who acted.
    public struct InboxEntry: Sendable {
        public var notification: InboxNotification
        public var need: Need?
        public var actor: Person?
    }

    /// The actor's notifications about needs they may still read, and their other notifications, newest first.
    public func inbox(for actor: Person, unreadOnly: Bool = false, before: Date? = nil, limit: Int = 50) async throws -> [InboxEntry] {
        guard (1...200).contains(limit) else {
            throw TandemError.invalid("limit", "limit must be between 1 and 200", .outOfRange, "1", "200")
        }
        let notifications = try await store.notifications(of: actor.id, unreadOnly: unreadOnly, before: before, limit: limit)
        var readable: [Need.ID: Need?] = [:]
        for id in Set(notifications.compactMap(\.needID)) {
            readable[id] = try await needs.need(id).flatMap { AccessPolicy.canRead($0, actor) ? $0 : nil }
        }
        let actors = Dictionary(try await organisation.people(Array(Set(notifications.compactMap(\.actorID)))).map { ($0.id, $0) }) {
            a, _ in a
        }
        return notifications.compactMap { notification in
            let actor = notification.actorID.flatMap { actors[$0] }
            guard let needID = notification.needID else { return InboxEntry(notification: notification, need: nil, actor: actor) }
            guard let need = readable[needID] ?? nil else { return nil }
            return InboxEntry(notification: notification, need: need, actor: actor)
        }
    }

    /// One of the actor's own notifications, if its need (when it has one) is still theirs to read.
    public func entry(_ id: InboxNotification.ID, for actor: Person) async throws -> InboxEntry? {
        guard let notification = try await store.notification(id), notification.personID == actor.id else { return nil }
        guard let needID = notification.needID else { return InboxEntry(notification: notification, need: nil, actor: nil) }
        guard let need = try await needs.need(needID), AccessPolicy.canRead(need, actor) else { return nil }
        return InboxEntry(notification: notification, need: need, actor: nil)
    }

    /// Tells people of something they are asked to do that is not a need (rate a provider …):
    /// one notification each, and an e-mail to those who take them. `occasion` makes it once
    /// per person: telling again with the same occasion adds nothing.
    public func tell(_ people: [Person], _ kind: NotificationKind, about subject: UUID, detail: String, occasion: UUID) async throws {
        let now = clock.now()
        var notifications: [InboxNotification] = []
        var jobs: [Job] = []
        for person in people where person.isActive {
            let notification = InboxNotification(
                id: ids.next(), personID: person.id, needID: nil, eventID: .init(occasion), kind: kind,
                actorID: nil, detail: detail, createdAt: now, subjectID: subject)
            notifications.append(notification)
            if sendsEmail, person.email != nil, person.emailNotifications {
                jobs.append(
                    try Job.make(
                        Self.emailKind, Email(notificationID: notification.id), id: ids.next(), at: now,
                        dedupKey: "email:\(occasion):\(person.id)"))
            }
        }
        try await store.record(notifications, jobs: jobs)
    }

    /// How many of the actor's notifications are unread: exactly up to `cap`, `.atLeast(cap)` beyond.
    public func unreadCount(for actor: Person, cappedAt cap: Int = 99) async throws -> CappedCount {
        let counted = try await store.unreadCount(of: actor.id, upTo: cap + 1)
        return counted > cap ? .atLeast(cap) : .exactly(counted)
    }

    /// Marks some of the actor's notifications read, or all of them when `ids` is nil.
    public func markRead(_ ids: [InboxNotification.ID]?, by actor: Person) async throws {
        try await store.markRead(ids, of: actor.id, at: clock.now())
    }

}
