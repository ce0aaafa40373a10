import Foundation

/// The in-app inbox and the departments' notification channels.
public protocol NotificationStore: Sendable {
    /// Stores a fan-out's notifications and delivery jobs in one transaction. A notification
    /// already stored for the same event and person, and a job whose `dedupKey` is taken, are
    /// left out: a fan-out that runs twice notifies once.
    func record(_ notifications: [InboxNotification], jobs: [Job]) async throws
    func notification(_ id: InboxNotification.ID) async throws -> InboxNotification?
    /// A person's notifications, newest first, up to `limit`, older than `before` when given.
    func notifications(of person: Person.ID, unreadOnly: Bool, before: Date?, limit: Int) async throws -> [InboxNotification]
    /// How many of the person's notifications are unread, counting no further than `limit`.
    func unreadCount(of person: Person.ID, upTo limit: Int) async throws -> Int
    /// Marks the given notifications of the person read (all of theirs when `ids` is nil).
    func markRead(_ ids: [InboxNotification.ID]?, of person: Person.ID, at now: Date) async throws

    func channels(of department: Department.ID) async throws -> [NotificationChannel]
    func channel(_ id: NotificationChannel.ID) async throws -> NotificationChannel?
    func insert(_ channel: NotificationChannel) async throws
    func update(_ channel: NotificationChannel) async throws
    func delete(_ id: NotificationChannel.ID) async throws
}
