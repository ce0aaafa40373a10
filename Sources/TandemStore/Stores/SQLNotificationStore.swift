import Foundation
import SQLKit
import TandemCore
import TandemSQLite

/// The inbox in `notifications`, the channels in `notification_channels`.
public struct SQLNotificationStore: NotificationStore {
    let database: StoreDatabase

    public init(_ database: StoreDatabase) { self.database = database }

    struct Row: Codable, Sendable {
        var id: UUID
        var person_id: UUID
        var need_id: UUID?
        var event_id: UUID
        var kind: String
        var actor_id: UUID?
        var detail: String?
        var created_at: Date
        var read_at: Date?
        var subject_id: UUID?

        init(_ notification: InboxNotification) {
            id = notification.id.rawValue
            person_id = notification.personID.rawValue
            need_id = notification.needID?.rawValue
            event_id = notification.eventID.rawValue
            kind = notification.kind.rawValue
            actor_id = notification.actorID?.rawValue
            detail = notification.detail
            created_at = notification.createdAt.storable
            read_at = notification.readAt?.storable
            subject_id = notification.subjectID
        }

        var notification: InboxNotification? {
            guard let kind = NotificationKind(rawValue: kind) else { return nil }
            return InboxNotification(
                id: .init(id), personID: .init(person_id), needID: need_id.map { .init($0) }, eventID: .init(event_id),
                kind: kind, actorID: actor_id.map { .init($0) }, detail: detail, createdAt: created_at, readAt: read_at,
                subjectID: subject_id)
        }

        static let columns = [
            "id", "person_id", "need_id", "event_id", "kind", "actor_id", "detail", "created_at", "read_at", "subject_id",
        ].map { SQLIdentifier($0) }
    }

    struct ChannelRow: Codable, Sendable {
        var id: UUID
        var department_id: UUID
        var kind: String
        var name: String
        var url: String
        var secret: String?
        var events: String
        var language: String
        var is_active: Bool
        var created_at: Date

        init(_ channel: NotificationChannel) {
            id = channel.id.rawValue
            department_id = channel.departmentID.rawValue
            kind = channel.kind.rawValue
            name = channel.name
            url = channel.url
            secret = channel.secret
            events = channel.events.map(\.rawValue).sorted().joined(separator: ",")
            language = channel.language.rawValue
            is_active = channel.isActive
            created_at = channel.createdAt.storable
        }

        var channel: NotificationChannel? {
            guard let kind = NotificationChannel.Kind(rawValue: kind) else { return nil }
            return NotificationChannel(
                id: .init(id), departmentID: .init(department_id), kind: kind, name: name, url: url, secret: secret,
                events: Set(events.split(separator: ",").compactMap { NotificationKind(rawValue: String($0)) }),
                language: Language(rawValue: language) ?? .zhCN, isActive: is_active, createdAt: created_at)
        }
    }

    public func record(_ notifications: [InboxNotification], jobs: [Job]) async throws {
        guard !notifications.isEmpty || !jobs.isEmpty else { return }
        try await database.write { sql in
            // NB: one statement for a change's whole fan-out (a department of agents is some
            // fifteen people): one statement each was most of the writer's work per raised need.
            for chunk in notifications.map(Row.init).chunked(500) {
                try await sql.insertRows(Array(chunk), into: "notifications", ignoringConflicts: true)
            }
            try await SQLJobStore.insert(jobs, on: sql)
        }
    }

    public func notification(_ id: InboxNotification.ID) async throws -> InboxNotification? {
        try await database.read { sql in
            try await sql.select().columns(Row.columns).from("notifications").where("id", .equal, id.rawValue).firstRow(Row.self)?
                .notification
        }
    }

    public func notifications(of person: Person.ID, unreadOnly: Bool, before: Date?, limit: Int) async throws -> [InboxNotification] {
        try await database.read { sql in
            var select = sql.select().columns(Row.columns).from("notifications").where("person_id", .equal, person.rawValue)
            if unreadOnly { select = select.where("read_at", .is, SQLLiteral.null) }
            if let before { select = select.where("created_at", .lessThan, before.storable) }
            return try await select.orderBy("created_at", .descending).orderBy("id", .descending).limit(limit)
                .allRows(Row.self).compactMap(\.notification)
        }
    }

    public func unreadCount(of person: Person.ID, upTo limit: Int) async throws -> Int {
        try await database.read { sql in
            // NB: counting stops at `limit`: a person with 100,000 unread costs no more than one with 100.
            try await sql.countRows(
                sql.select().column(SQLLiteral.numeric("1")).from("notifications")
                    .where("person_id", .equal, person.rawValue).where("read_at", .is, SQLLiteral.null).limit(limit))
        }
    }

    public func markRead(_ ids: [InboxNotification.ID]?, of person: Person.ID, at now: Date) async throws {
        if let ids, ids.isEmpty { return }
        try await database.write { sql in
            var update = sql.update("notifications").set("read_at", to: now.storable)
                .where("person_id", .equal, person.rawValue).where("read_at", .is, SQLLiteral.null)
            if let ids { update = update.where("id", .in, ids.map(\.rawValue)) }
            try await update.run()
        }
    }

    public func channels(of department: Department.ID) async throws -> [NotificationChannel] {
        try await database.read { sql in
            try await sql.select().column("*").from("notification_channels").where("department_id", .equal, department.rawValue)
                .orderBy("created_at").allRows(ChannelRow.self).compactMap(\.channel)
        }
    }

    public func channel(_ id: NotificationChannel.ID) async throws -> NotificationChannel? {
        try await database.read { sql in
            try await sql.select().column("*").from("notification_channels").where("id", .equal, id.rawValue).firstRow(ChannelRow.self)?
                .channel
        }
    }

    public func insert(_ channel: NotificationChannel) async throws {
        try await database.write { sql in try await sql.insertRow(ChannelRow(channel), into: "notification_channels") }
    }

    public func update(_ channel: NotificationChannel) async throws {
        _ = try await database.write { sql in
            try await sql.updateRow(ChannelRow(channel), in: "notification_channels", id: channel.id.rawValue)
        }
    }

    public func delete(_ id: NotificationChannel.ID) async throws {
        try await database.write { sql in try await sql.delete(from: "notification_channels").where("id", .equal, id.rawValue).run() }
    }
}
