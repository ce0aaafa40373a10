import Foundation
import TandemCore
import Vapor

/// Signing in and out, the first administrator's setup, and the language switch.
struct SignInPages: RouteCollection {
    struct SignInContext: Encodable {
        var layout: LayoutContext
        var login: String
        var next: String
        var error: String?
        /// Offer "sign in with the company account" (OpenID Connect is configured).
        var singleSignOn: Bool
    }

    struct SetupContext: Encodable {
        var layout: LayoutContext
        var displayName: String
        var email: String
        var language: String
        var languages: [Choice]
        var errors: [String: String]
        var general: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("sign-in", use: signInPage)
        routes.post("sign-in", use: signIn)
        routes.post("sign-out", use: signOut)
        routes.get("setup", use: setupPage)
        routes.post("setup", use: setup)
        routes.post("language", use: switchLanguage)
    }

    func signInPage(_ request: Request) async throws -> Response {
        let next = Site.safeReturnPath(request.query[String.self, at: "next"])
        if request.signedInPerson != nil { return request.seeOther(next) }
        return try await Self.form(request, login: "", next: next, error: nil, status: .ok)
    }

    func signIn(_ request: Request) async throws -> Response {
        let form = try PageForm.read(request)
        let next = Site.safeReturnPath(form.string("next"))
        let login = form.string("login") ?? ""
        do {
            let (person, secret) = try await request.tandem.accounts.signIn(
                login: login, password: form.text("password"), address: request.clientAddress)
            // NB: a new session and a new CSRF token at every sign-in (no session fixation).
            if let old = request.cookies[SessionCookie.name]?.string, !old.isEmpty {
                try await request.tandem.accounts.signOut(sessionSecret: old)
            }
            CSRF.renew(request)
            let pending = try await request.tandem.setup.isPending(for: person)
            let response = request.seeOther(pending ? Site.setup : next)
            SessionCookie.set(secret, on: response, request)
            return response
        } catch let error as TandemError where [.unauthenticated, .tooManyRequests, .invalidInput].contains(error.code) {
            let message = request.t(error.code == .tooManyRequests ? "sign_in.throttled" : "sign_in.failed")
            return try await Self.form(
                request, login: login, next: next, error: message, status: error.code == .tooManyRequests ? .tooManyRequests : .unauthorized
            )
        } catch let error as TandemError where [.forbidden, .unavailable].contains(error.code) {
            // The directory knew the password but Tandem does not know the account yet, or the
            // directory did not answer: said on the form, which keeps the login.
            return try await Self.form(
                request, login: login, next: next, error: request.message(of: error),
                status: error.code == .forbidden ? .forbidden : .serviceUnavailable)
        }
    }

    /// The sign-in form, with what was typed and why the last attempt failed; it offers the
    /// company account when single sign-on is configured.
    static func form(_ request: Request, login: String, next: String, error: String?, status: HTTPResponseStatus) async throws
        -> Response
    {
        let context = SignInContext(
            layout: LayoutContext(request, title: request.t("sign_in.title")), login: login, next: next, error: error,
            singleSignOn: request.tandem.oidc != nil)
        return try await request.page("sign-in", context, status: status)
    }

    func signOut(_ request: Request) async throws -> Response {
        _ = try PageForm.read(request)
        if let secret = request.cookies[SessionCookie.name]?.string, !secret.isEmpty {
            try await request.tandem.accounts.signOut(sessionSecret: secret)
        }
        CSRF.renew(request)
        // Signed in with the company account: signed out at the identity provider too.
        let idToken = request.cookies[OIDCPages.idTokenCookie]?.string
        let returnTo = request.tandem.configuration.publicURL + Site.signIn
        var leaving = Site.signIn
        if let idToken, !idToken.isEmpty, let client = request.tandem.oidc,
            let url = await client.signOutURL(idToken: idToken, returnTo: returnTo)
        {
            leaving = url
        }
        let response = leaving == Site.signIn ? request.seeOther(Site.signIn) : request.redirect(to: leaving)
        SessionCookie.clear(on: response, request)
        response.cookies[OIDCPages.idTokenCookie] = HTTPCookies.Value(string: "", maxAge: 0, path: "/")
        return response
    }

    func setupPage(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        guard try await request.tandem.setup.isPending(for: actor) else { return request.seeOther(Site.home) }
        return try await request.page("setup", setupContext(request, actor: actor, errors: FieldErrors()))
    }

    func setup(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let form = try PageForm.read(request)
        guard try await request.tandem.setup.isPending(for: actor) else { return request.seeOther(Site.home) }
        let language = try form.enumValue("language", Language.self) ?? actor.language
        do {
            if form.text("new_password") != form.text("repeat_password") {
                throw TandemError.invalid("repeat_password", .init(translated: request.t("profile.passwords_differ")))
            }
            let person = try await request.tandem.setup.complete(
                displayName: form.string("display_name") ?? "", email: form.string("email"), language: language,
                currentPassword: form.text("current_password"), newPassword: form.text("new_password"), by: actor)
            return try await Self.startNewSession(person, password: form.text("new_password"), then: Site.home + "?done=saved", request)
        } catch let error as TandemError {
            var typed = actor
            typed.displayName = form.text("display_name")
            typed.email = form.string("email")
            typed.language = language
            return try await request.page(
                "setup", setupContext(request, actor: typed, errors: FieldErrors(error, request)),
                status: .unprocessableEntity)
        }
    }

    private func setupContext(_ request: Request, actor: Person, errors: FieldErrors) -> SetupContext {
        let fields = ["display_name", "email", "current_password", "new_password", "repeat_password", "language"]
        return SetupContext(
            layout: LayoutContext(request, title: request.t("setup.title")), displayName: actor.displayName,
            email: actor.email ?? "", language: actor.language.rawValue,
            languages: Language.allCases.map {
                Choice(
                    value: $0.rawValue, label: request.t("language.\($0.rawValue)"),
                    selected: $0 == actor.language)
            },
            errors: errors.messages(for: fields), general: errors.general(besides: fields))
    }

    /// A new password ends every session; this starts the person's next one with it.
    static func startNewSession(_ person: Person, password: String, then path: String, _ request: Request) async throws -> Response {
        let (_, secret) = try await request.tandem.accounts.signIn(login: person.login, password: password, address: request.clientAddress)
        CSRF.renew(request)
        let response = request.seeOther(path)
        SessionCookie.set(secret, on: response, request)
        return response
    }

    /// Switches the language: a signed-in person's setting, or a visitor's cookie.
    func switchLanguage(_ request: Request) async throws -> Response {
        let form = try PageForm.read(request)
        guard let language = try form.enumValue("language", Language.self) else {
            throw TandemError.invalid("language", "choose a language")
        }
        let response = request.seeOther(Site.safeReturnPath(form.string("return_to")))
        if let person = request.signedInPerson {
            var input = PersonInput()
            input.language = language
            _ = try await request.tandem.organisation.updatePerson(person.id, input, by: person)
        }
        response.cookies[PageLanguage.cookie] = HTTPCookies.Value(
            string: language.rawValue, maxAge: 60 * 60 * 24 * 365, path: "/",
            isSecure: request.tandem.configuration.secureCookies, isHTTPOnly: true, sameSite: .lax)
        return response
    }
}

/// One option of a `<select>` or a group of radio buttons.
struct Choice: Encodable {
    var value: String
    var label: String
    var selected: Bool
}
