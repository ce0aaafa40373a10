import Foundation
import TandemCore
import Vapor

/// The inbox (站内通知): the latest notifications, unread ones marked; opening one marks it
/// read and goes to its need.
struct InboxPages: RouteCollection {
    struct Item: Encodable {
        var id: String
        var text: String
        var time: String
        var unread: Bool
    }

    struct InboxContext: Encodable {
        var layout: LayoutContext
        var items: [Item]?
        var unread: Int
        var olderLink: String?
        /// For those who keep a calendar: its coming year's holidays are still missing.
        var calendarNotice: String?
        var calendarLink: String?
    }

    static let pageSize = 50

    func boot(routes: any RoutesBuilder) throws {
        routes.get("inbox", use: show)
        routes.post("inbox", ":notificationID", "open", use: open)
        routes.post("inbox", "read-all", use: readAll)
    }

    func show(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let before = try request.query[String.self, at: "before"].map { text -> Date in
            guard let date = Timestamp.parse(text) else { throw TandemError.invalid("before", "before must be an ISO 8601 time") }
            return date
        }
        let entries = try await request.tandem.notifications.inbox(for: actor, before: before, limit: Self.pageSize)
        let format = PageFormat(request)
        let text = request.tandem.notificationText
        let items = entries.map { entry in
            Item(
                id: entry.notification.id.description,
                text: text.line(
                    entry.notification.kind, need: entry.need, actor: entry.actor, detail: entry.notification.detail, request.pageLanguage),
                time: format.dateTime(entry.notification.createdAt), unread: entry.notification.readAt == nil)
        }
        let older =
            entries.count == Self.pageSize
            ? entries.last.map { Site.inbox + "?before=" + Timestamp.format($0.notification.createdAt) } : nil
        var context = InboxContext(
            layout: LayoutContext(request, title: request.t("inbox.title"), section: "inbox"), items: items.nonEmpty,
            unread: try await request.tandem.notifications.unreadCount(for: actor).value, olderLink: older)
        if let (scope, year) = try await Self.missingCalendarYear(for: actor, request) {
            context.calendarNotice = request.t("admin.sla_missing_year", String(year))
            context.calendarLink = scope.map { Site.adminServiceLevels + "?department=\($0)" } ?? Site.adminServiceLevels
        }
        return try await request.page("inbox", context)
    }

    /// The calendar the reader keeps (the company's for an administrator, their department's for
    /// a manager of a providing department) and the coming year it still lacks, if it does.
    static func missingCalendarYear(for actor: Person, _ request: Request) async throws -> (Department.ID?, Int)? {
        let scope: Department.ID?
        if AccessPolicy.canManageSettings(actor) {
            scope = nil
        } else if AccessPolicy.canManageCatalog(of: actor.departmentID, actor),
            try await request.tandem.organisation.department(actor.departmentID, for: actor).isProvider
        {
            scope = actor.departmentID
        } else {
            return nil
        }
        return try await request.tandem.serviceLevels.missingYear(of: scope).map { (scope, $0) }
    }

    func open(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        _ = try PageForm.read(request)
        let id: InboxNotification.ID = try request.id("notificationID", "notification")
        guard let entry = try await request.tandem.notifications.entry(id, for: actor) else { throw TandemError.notFound("notification") }
        try await request.tandem.notifications.markRead([id], by: actor)
        return request.seeOther(NotificationText.path(entry.notification, need: entry.need))
    }

    func readAll(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        _ = try PageForm.read(request)
        try await request.tandem.notifications.markRead(nil, by: actor)
        return request.seeOther(Site.inbox + "?done=saved")
    }
}

/// Puts the signed-in person's unread count where the page layout finds it.
struct InboxCountMiddleware: AsyncMiddleware {
    struct Key: StorageKey { typealias Value = CappedCount }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.method == .GET, let person = request.signedInPerson {
            request.storage[Key.self] = try await request.tandem.notifications.unreadCount(for: person)
        }
        return try await next.respond(to: request)
    }
}
