import Foundation
import TandemCore
import Vapor

/// A department's notification channels: its managers add group bots and webhooks, switch them
/// off and on, and remove them. Secrets are typed once and never shown again.
struct ChannelPages: RouteCollection {
    struct Row: Encodable {
        var id: String
        var kind: String
        var name: String
        var url: String
        var events: String
        var language: String
        var hasSecret: Bool
        var isActive: Bool
    }

    struct FormValues: Encodable {
        var kind = NotificationChannel.Kind.wecom.rawValue
        var name = ""
        var url = ""
        var events: Set<String> = Set(NotificationChannel.departmentKinds.map(\.rawValue))
        var language = Language.zhCN.rawValue
    }

    struct ChannelsContext: Encodable {
        var layout: LayoutContext
        var admin: AdminNavigation
        var departments: [Choice]
        var department: String
        var rows: [Row]?
        var form: FormValues
        var kinds: [Choice]
        var events: [Choice]
        var languages: [Choice]
        var errors: [String: String]
        var general: String?
    }

    static let fields = ["kind", "name", "url", "secret", "events", "language"]

    func boot(routes: any RoutesBuilder) throws {
        let channels = routes.grouped("admin", "channels")
        channels.get(use: show)
        channels.post(use: create)
        channels.post(":channelID", "switch", use: toggle)
        channels.post(":channelID", "delete", use: delete)
    }

    func show(_ request: Request) async throws -> Response {
        let actor = try AdminNavigation.actor(request)
        let department = try request.query[String.self, at: "department"].map { try Self.departmentID($0) } ?? actor.departmentID
        return try await request.page("admin-channels", context(request, actor, department, FormValues(), errors: FieldErrors()))
    }

    func create(_ request: Request) async throws -> Response {
        let actor = try AdminNavigation.actor(request)
        let form = try PageForm.read(request)
        let department = try Self.departmentID(form.text("department_id"))
        let values = FormValues(
            kind: form.text("kind"), name: form.text("name"), url: form.text("url"), events: Set(form.values("events")),
            language: form.text("language"))
        do {
            guard let kind = NotificationChannel.Kind(rawValue: values.kind) else {
                throw TandemError.invalid("kind", "kind has an unknown value", .notAnOption)
            }
            let events = Set(values.events.compactMap(NotificationKind.init(rawValue:)))
            let input = ChannelInput(
                kind: kind, name: values.name, url: values.url, secret: .some(form.string("secret")), events: events,
                language: Language(rawValue: values.language))
            _ = try await request.tandem.notifications.createChannel(input, in: department, by: actor)
            return request.seeOther(Site.adminChannels(of: department) + "&done=saved")
        } catch let error as TandemError where error.isAboutInput {
            return try await request.page(
                "admin-channels", context(request, actor, department, values, errors: FieldErrors(error, request)),
                status: .unprocessableEntity)
        }
    }

    func toggle(_ request: Request) async throws -> Response {
        let actor = try AdminNavigation.actor(request)
        _ = try PageForm.read(request)
        let channel = try await request.tandem.notifications.channel(request.id("channelID", "channel"), for: actor)
        _ = try await request.tandem.notifications.updateChannel(channel.id, ChannelInput(isActive: !channel.isActive), by: actor)
        return request.seeOther(Site.adminChannels(of: channel.departmentID) + "&done=saved")
    }

    func delete(_ request: Request) async throws -> Response {
        let actor = try AdminNavigation.actor(request)
        _ = try PageForm.read(request)
        let channel = try await request.tandem.notifications.channel(request.id("channelID", "channel"), for: actor)
        try await request.tandem.notifications.deleteChannel(channel.id, by: actor)
        return request.seeOther(Site.adminChannels(of: channel.departmentID) + "&done=saved")
    }

    private static func departmentID(_ text: String) throws -> Department.ID {
        guard let id = Department.ID(text) else { throw TandemError.invalid("department", "department is not a valid id", .unknownRecord) }
        return id
    }

    private func context(
        _ request: Request, _ actor: Person, _ department: Department.ID, _ form: FormValues,
        errors: FieldErrors
    ) async throws -> ChannelsContext {
        let channels = try await request.tandem.notifications.channels(of: department, for: actor)
        let manageable = try await request.tandem.organisation.departments(for: actor).filter {
            AccessPolicy.canManageCatalog(of: $0.id, actor)
        }
        let rows = channels.map { channel in
            Row(
                id: channel.id.description, kind: request.t("channel_kind.\(channel.kind.rawValue)"), name: channel.name, url: channel.url,
                events: request.listed(
                    NotificationChannel.departmentKinds.filter(channel.events.contains).map { request.t("channel_event.\($0.rawValue)") }),
                language: request.t("language.\(channel.language.rawValue)"), hasSecret: channel.secret != nil, isActive: channel.isActive)
        }
        return ChannelsContext(
            layout: LayoutContext(request, title: request.t("admin.channels"), section: "admin"),
            admin: AdminNavigation(request, actor, current: "channels"),
            departments: Choice.departments(manageable) { $0 == department },
            department: department.description, rows: rows.nonEmpty, form: form,
            kinds: NotificationChannel.Kind.allCases.map {
                Choice(value: $0.rawValue, label: request.t("channel_kind.\($0.rawValue)"), selected: $0.rawValue == form.kind)
            },
            events: NotificationChannel.departmentKinds.map {
                Choice(value: $0.rawValue, label: request.t("channel_event.\($0.rawValue)"), selected: form.events.contains($0.rawValue))
            },
            languages: Language.allCases.map {
                Choice(value: $0.rawValue, label: request.t("language.\($0.rawValue)"), selected: $0.rawValue == form.language)
            },
            errors: errors.messages(for: Self.fields), general: errors.general(besides: Self.fields))
    }
}
