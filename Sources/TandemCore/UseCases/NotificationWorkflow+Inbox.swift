import Foundation

/// The inbox (站内通知): a person's notifications about needs they may still read.
extension NotificationWorkflow {
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
