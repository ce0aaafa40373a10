import Foundation
import TandemCore
import Vapor

/// The signed-in person's inbox, and the notification channels of a department.
struct NotificationController: RouteCollection {
    /// A notification as the API shows it: with its need's number and title and the line a
    /// person reads, in their language.
    struct Entry: Encodable {
        var notification: InboxNotification
        var needNumber: String?
        var needTitle: String?
        var text: String
        /// The page the notification leads to.
        var path: String
        enum CodingKeys: String, CodingKey { case needNumber = "need_number", needTitle = "need_title", text, path }

        func encode(to encoder: Encoder) throws {
            try notification.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(needNumber, forKey: .needNumber)
            try container.encodeIfPresent(needTitle, forKey: .needTitle)
            try container.encode(text, forKey: .text)
            try container.encode(path, forKey: .path)
        }
    }

    struct Inbox: Encodable {
        var items: [Entry]
        var unreadCount: Int
        /// More than `unread_count` are unread (counting stops at 999).
        var unreadMore: Bool
        enum CodingKeys: String, CodingKey { case items, unreadCount = "unread_count", unreadMore = "unread_more" }
    }

    struct ReadBody: StrictBody {
        var ids: [InboxNotification.ID]?
        enum CodingKeys: String, CodingKey, CaseIterable { case ids }
    }

    struct ChannelBody: StrictBody {
        var kind: NotificationChannel.Kind?
        var name: String?
        var url: String?
        var secret: String??
        var events: Set<NotificationKind>?
        var language: Language?
        var isActive: Bool?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case kind, name, url, secret, events, language, isActive = "is_active"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            kind = try container.decodeIfPresent(NotificationChannel.Kind.self, forKey: .kind)
            name = try container.decodeIfPresent(String.self, forKey: .name)
            url = try container.decodeIfPresent(String.self, forKey: .url)
            secret = try container.decodeNullable(String.self, forKey: .secret)
            events = try container.decodeIfPresent(Set<NotificationKind>.self, forKey: .events)
            language = try container.decodeIfPresent(Language.self, forKey: .language)
            isActive = try container.decodeIfPresent(Bool.self, forKey: .isActive)
        }

        var input: ChannelInput {
            ChannelInput(kind: kind, name: name, url: url, secret: secret, events: events, language: language, isActive: isActive)
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("me", "notifications", use: inbox)
        routes.post("me", "notifications", "read", use: markRead)
        routes.get("departments", ":departmentID", "channels", use: channels)
        routes.post("departments", ":departmentID", "channels", use: createChannel)
        routes.patch("channels", ":channelID", use: updateChannel)
        routes.delete("channels", ":channelID", use: deleteChannel)
    }

    func inbox(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let query = try QueryParameters(request, allowed: ["unread", "before", "limit"])
        let unread = try query.enumValue("unread", of: Flag.self) == .true
        let entries = try await request.tandem.notifications.inbox(
            for: actor, unreadOnly: unread, before: try query.date("before"),
            limit: try query.int("limit") ?? 50)
        let text = request.tandem.notificationText
        let items = entries.map { entry in
            Entry(
                notification: entry.notification, needNumber: entry.need?.number.description, needTitle: entry.need?.title,
                text: text.line(
                    entry.notification.kind, need: entry.need, actor: entry.actor, detail: entry.notification.detail, actor.language),
                path: NotificationText.path(entry.notification, need: entry.need))
        }
        let unreadCount = try await request.tandem.notifications.unreadCount(for: actor, cappedAt: 999)
        return try json(
            Inbox(
                items: items, unreadCount: unreadCount.value,
                unreadMore: { if case .atLeast = unreadCount { true } else { false } }()))
    }

    func markRead(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let body = try request.decodeBody(ReadBody.self)
        try await request.tandem.notifications.markRead(body.ids, by: actor)
        return Response(status: .noContent)
    }

    func channels(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let channels = try await request.tandem.notifications.channels(of: request.id("departmentID", "department"), for: actor)
        return try json(ItemList(items: channels.map(NotificationChannel.Shown.init)))
    }

    func createChannel(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let department: Department.ID = try request.id("departmentID", "department")
        let body = try request.decodeBody(ChannelBody.self)
        let channel = try await request.tandem.notifications.createChannel(body.input, in: department, by: actor)
        return try json(NotificationChannel.Shown(channel), status: .created)
    }

    func updateChannel(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let body = try request.decodeBody(ChannelBody.self)
        let channel = try await request.tandem.notifications.updateChannel(request.id("channelID", "channel"), body.input, by: actor)
        return try json(NotificationChannel.Shown(channel))
    }

    func deleteChannel(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        try await request.tandem.notifications.deleteChannel(request.id("channelID", "channel"), by: actor)
        return Response(status: .noContent)
    }

    enum Flag: String { case `true`, `false` }
}
