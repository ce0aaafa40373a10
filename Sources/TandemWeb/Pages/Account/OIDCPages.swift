import Foundation
import TandemConnect
import TandemCore
import Vapor

/// Single sign-on with the company's OpenID provider: `/auth/oidc/login` sends the browser to the
/// provider (state, nonce and the PKCE verifier kept in a short-lived cookie), `/auth/oidc/callback`
/// takes the code back, verifies the ID token and opens a session.
struct OIDCPages: RouteCollection {
    /// The cookie that carries a sign-in attempt from `login` to `callback`; SameSite=Lax, since
    /// the provider sends the browser back with a top-level navigation.
    static let attemptCookie = "tandem_oidc"
    /// The ID token of the session, the hint for signing out at the provider.
    static let idTokenCookie = "tandem_oidc_id"

    func boot(routes: any RoutesBuilder) throws {
        let oidc = routes.grouped("auth", "oidc")
        oidc.get("login", use: login)
        oidc.get("callback", use: callback)
    }

    static func redirectURI(_ request: Request) -> String { request.tandem.configuration.publicURL + Site.singleSignOnCallback }

    func login(_ request: Request) async throws -> Response {
        guard let client = request.tandem.oidc else { throw TandemError.notFound("page") }
        let next = Site.safeReturnPath(request.query[String.self, at: "next"])
        let (attempt, url) = try await client.begin(redirectURI: Self.redirectURI(request), next: next)
        let response = request.redirect(to: url)
        response.cookies[Self.attemptCookie] = HTTPCookies.Value(
            string: Data(try JSONEncoder().encode(attempt)).base64URLEncoded, maxAge: 600, path: Site.singleSignOn,
            isSecure: request.tandem.configuration.secureCookies, isHTTPOnly: true, sameSite: .lax)
        return response
    }

    func callback(_ request: Request) async throws -> Response {
        guard let client = request.tandem.oidc else { throw TandemError.notFound("page") }
        let query = try QueryParameters(request, allowed: ["code", "state", "error", "error_description", "session_state", "iss"])
        do {
            guard let text = request.cookies[Self.attemptCookie]?.string, let data = Data(base64URLEncoded: text),
                let attempt = try? JSONDecoder().decode(OIDCClient.Attempt.self, from: data), query.string("state") == attempt.state
            else { throw TandemError(.unauthenticated, "this sign-in was not started here, or took too long; start it again") }
            if query.string("error") != nil { throw TandemError(.unauthenticated, "the identity provider did not sign you in") }
            guard let code = query.string("code") else { throw TandemError(.unauthenticated, "the identity provider did not sign you in") }
            let (account, idToken) = try await client.finish(code: code, attempt: attempt, redirectURI: Self.redirectURI(request))
            let (person, secret) = try await request.tandem.accounts.signIn(
                external: account, provider: "oidc", policy: client.settings.policy)
            if let old = request.cookies[SessionCookie.name]?.string, !old.isEmpty {
                try await request.tandem.accounts.signOut(sessionSecret: old)
            }
            CSRF.renew(request)
            let pending = try await request.tandem.setup.isPending(for: person)
            let response = request.seeOther(pending ? Site.setup : attempt.next)
            SessionCookie.set(secret, on: response, request)
            response.cookies[Self.idTokenCookie] = HTTPCookies.Value(
                string: idToken, maxAge: Int(request.tandem.accounts.sessionLifetime), path: "/",
                isSecure: request.tandem.configuration.secureCookies, isHTTPOnly: true, sameSite: .lax)
            response.cookies[Self.attemptCookie] = HTTPCookies.Value(string: "", maxAge: 0, path: Site.singleSignOn)
            return response
        } catch let error as TandemError where [.unauthenticated, .forbidden, .unavailable].contains(error.code) {
            let status: HTTPResponseStatus =
                error.code == .unavailable ? .serviceUnavailable : error.code == .forbidden ? .forbidden : .unauthorized
            return try await SignInPages.form(request, login: "", next: Site.home, error: request.message(of: error), status: status)
        }
    }
}
