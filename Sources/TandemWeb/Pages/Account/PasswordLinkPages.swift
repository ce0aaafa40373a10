import Foundation
import TandemCore
import Vapor

/// Setting one's own password by e-mail, before signing in: "forgot password" asks for a link,
/// the link's page sets the password and signs in. Invitations lead to the same page.
struct PasswordLinkPages: RouteCollection {
    struct ForgotContext: Encodable {
        var layout: LayoutContext
        var canSend: Bool
        var sent: Bool
        var login: String
        var error: String?
    }

    /// A link that does not work (unknown, used, expired), with the way to a new one.
    struct BrokenLinkContext: Encodable {
        var layout: LayoutContext
        var problem: String
    }

    struct SetContext: Encodable {
        var layout: LayoutContext
        var token: String
        var login: String
        var isInvitation: Bool
        var errors: [String: String]
        var general: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        let password = routes.grouped("password")
        password.get("forgot", use: forgotPage)
        password.post("forgot", use: forgot)
        password.get("set", use: setPage)
        password.post("set", use: set)
    }

    func forgotPage(_ request: Request) async throws -> Response {
        try await request.page("password-forgot", forgotContext(request, sent: false, login: "", error: nil))
    }

    /// Always the same answer, whether the account exists or not.
    func forgot(_ request: Request) async throws -> Response {
        let form = try PageForm.read(request)
        let login = form.text("login")
        guard request.tandem.configuration.smtp != nil else {
            return try await request.page("password-forgot", forgotContext(request, sent: false, login: login, error: nil))
        }
        do {
            try await request.tandem.passwordLinks.requestReset(login)
        } catch let error as TandemError where error.isAboutInput {
            return try await request.page(
                "password-forgot", forgotContext(request, sent: false, login: login, error: request.message(of: error)),
                status: .unprocessableEntity)
        }
        request.tandem.jobRunner.wake()
        return try await request.page("password-forgot", forgotContext(request, sent: true, login: "", error: nil))
    }

    func setPage(_ request: Request) async throws -> Response {
        let token = request.query[String.self, at: "token"] ?? ""
        do {
            let (link, person) = try await request.tandem.passwordLinks.holder(of: token)
            return try await request.page("password-set", setContext(request, token: token, link, person, errors: FieldErrors()))
        } catch let error as TandemError where [.notFound, .conflict, .invalidTransition].contains(error.code) {
            return try await brokenLink(request, error)
        }
    }

    /// Says why the link does not work and offers a new one.
    private func brokenLink(_ request: Request, _ error: TandemError) async throws -> Response {
        let context = BrokenLinkContext(
            layout: LayoutContext(request, title: request.t("password.set_title")),
            problem: error.code == .notFound ? request.t("password.link_unknown") : request.message(of: error))
        return try await request.page(
            "password-broken-link", context, status: error.code == .notFound ? .notFound : .conflict)
    }

    func set(_ request: Request) async throws -> Response {
        let form = try PageForm.read(request)
        let token = form.text("token")
        let link: PasswordLink
        let person: Person
        do { (link, person) = try await request.tandem.passwordLinks.holder(of: token) } catch let error as TandemError
            where [.notFound, .conflict, .invalidTransition].contains(error.code)
        {
            return try await brokenLink(request, error)
        }
        let password = form.text("new_password")
        do {
            guard password == form.text("repeat_password") else {
                throw TandemError.invalid("repeat_password", .init(translated: request.t("password.mismatch")))
            }
            _ = try await request.tandem.passwordLinks.setPassword(token: token, to: password)
        } catch let error as TandemError where error.isAboutInput {
            return try await request.page(
                "password-set", setContext(request, token: token, link, person, errors: FieldErrors(error, request)),
                status: .unprocessableEntity)
        }
        // Signed in with the new password, as at the sign-in form.
        let (_, secret) = try await request.tandem.accounts.signIn(login: person.login, password: password, address: request.clientAddress)
        CSRF.renew(request)
        let response = request.seeOther(Site.home)
        SessionCookie.set(secret, on: response, request)
        return response
    }

    private func forgotContext(_ request: Request, sent: Bool, login: String, error: String?) async throws -> ForgotContext {
        ForgotContext(
            layout: LayoutContext(request, title: request.t("password.forgot_title")), canSend: request.tandem.configuration.smtp != nil,
            sent: sent, login: login, error: error)
    }

    private func setContext(
        _ request: Request, token: String, _ link: PasswordLink, _ person: Person, errors: FieldErrors
    ) -> SetContext {
        let fields = ["new_password", "repeat_password"]
        return SetContext(
            layout: LayoutContext(request, title: request.t("password.set_title")), token: token, login: person.login,
            isInvitation: link.purpose == .invitation, errors: errors.messages(for: fields), general: errors.general(besides: fields))
    }
}
