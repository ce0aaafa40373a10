import Foundation
import TandemCore
import Vapor

/// The signed-in person's profile: language, password and personal API tokens.
struct ProfilePages: RouteCollection {
    struct ProfileContext: Encodable {
        struct Token: Encodable {
            var id: String
            var name: String
            var created: String
            var lastUsed: String?
            var expires: String?
            var isUsable: Bool
            var revoked: Bool
        }
        var layout: LayoutContext
        var displayName: String
        var login: String
        var email: String?
        var emailNotifications: Bool
        var department: String
        var roles: String
        var languages: [Choice]
        var tokens: [Token]?
        var newTokenName: String?
        var newTokenSecret: String?
        var errors: [String: String]
        var general: String?
    }

    static let fields = ["current_password", "new_password", "repeat_password", "name", "expires_in_days"]

    func boot(routes: any RoutesBuilder) throws {
        let profile = routes.grouped("profile")
        profile.get(use: show)
        profile.post("password", use: changePassword)
        profile.post("notifications", use: saveNotifications)
        profile.post("tokens", use: createToken)
        profile.post("tokens", ":tokenID", "revoke", use: revokeToken)
    }

    func show(_ request: Request) async throws -> Response {
        try await request.page("profile", context(request, errors: FieldErrors()))
    }

    func changePassword(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let form = try PageForm.read(request)
        do {
            if form.text("new_password") != form.text("repeat_password") {
                throw TandemError.invalid("repeat_password", .init(translated: request.t("profile.passwords_differ")))
            }
            try await request.tandem.organisation.setPassword(
                of: actor.id, current: form.text("current_password"), new: form.text("new_password"),
                revokeTokens: form.flag("revoke_tokens"), by: actor)
            return try await SignInPages.startNewSession(
                actor, password: form.text("new_password"), then: Site.profile + "?done=saved", request)
        } catch let error as TandemError where error.isAboutInput {
            return try await request.page("profile", context(request, errors: FieldErrors(error, request)), status: .unprocessableEntity)
        }
    }

    /// Whether notifications also come by e-mail (the inbox always has them).
    func saveNotifications(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let form = try PageForm.read(request)
        _ = try await request.tandem.organisation.updatePerson(
            actor.id, PersonInput(emailNotifications: form.flag("email_notifications")), by: actor)
        return request.seeOther(Site.profile + "?done=saved")
    }

    func createToken(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let form = try PageForm.read(request)
        do {
            let days = try form.string("expires_in_days").map { text -> Int in
                guard let days = Int(text) else {
                    throw TandemError.invalid("expires_in_days", .init(translated: request.t("profile.days_number")))
                }
                return days
            }
            let (token, secret) = try await request.tandem.accounts.createToken(name: form.text("name"), expiresInDays: days, by: actor)
            var page = try await context(request, errors: FieldErrors())
            page.newTokenName = token.name
            page.newTokenSecret = secret
            return try await request.page("profile", page, status: .created)
        } catch let error as TandemError where error.isAboutInput {
            return try await request.page("profile", context(request, errors: FieldErrors(error, request)), status: .unprocessableEntity)
        }
    }

    func revokeToken(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        _ = try PageForm.read(request)
        _ = try await request.tandem.accounts.revokeToken(request.id("tokenID", "token"), by: actor)
        return request.seeOther(Site.profile + "?done=saved")
    }

    private func context(_ request: Request, errors: FieldErrors) async throws -> ProfileContext {
        let actor = try request.actor()
        let format = PageFormat(request)
        let now = request.tandem.accounts.clock.now()
        let department = try await request.tandem.organisation.department(actor.departmentID, for: actor)
        let tokens = try await request.tandem.accounts.tokens(for: actor).map { token in
            ProfileContext.Token(
                id: token.id.description, name: token.name, created: format.dateTime(token.createdAt),
                lastUsed: token.lastUsedAt.map(format.dateTime), expires: token.expiresAt.map(format.dateTime),
                isUsable: token.isUsable(at: now), revoked: token.revokedAt != nil)
        }
        return ProfileContext(
            layout: LayoutContext(request, title: request.t("profile.title"), section: "profile"),
            displayName: actor.displayName, login: actor.login, email: actor.email, emailNotifications: actor.emailNotifications,
            department: department.name,
            roles: PeoplePages.roleNames(actor.roles, request),
            languages: Language.allCases.map {
                Choice(value: $0.rawValue, label: request.t("language.\($0.rawValue)"), selected: $0 == actor.language)
            },
            tokens: tokens.nonEmpty, errors: errors.messages(for: Self.fields), general: errors.general(besides: Self.fields))
    }
}
