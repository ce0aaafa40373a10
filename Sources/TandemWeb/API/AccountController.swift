import Foundation
import TandemCore
import Vapor

/// Signing in and out, the signed-in person, their password and API tokens.
struct AccountController: RouteCollection {
    struct SignInBody: StrictBody {
        var login: String
        var password: String
        enum CodingKeys: String, CodingKey, CaseIterable { case login, password }
    }

    struct PasswordBody: StrictBody {
        var currentPassword: String?
        var newPassword: String
        /// Also revoke every API token of mine.
        var revokeTokens: Bool?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case currentPassword = "current_password", newPassword = "new_password", revokeTokens = "revoke_tokens"
        }
    }

    struct TokenBody: StrictBody {
        var name: String
        var expiresInDays: Int?
        enum CodingKeys: String, CodingKey, CaseIterable { case name, expiresInDays = "expires_in_days" }
    }

    struct SignedIn: Encodable {
        var person: Person
        /// The session secret, for clients that cannot keep cookies.
        var sessionToken: String
        enum CodingKeys: String, CodingKey { case person, sessionToken = "session_token" }
    }

    struct CreatedToken: Encodable {
        var token: APIToken
        /// Shown once; only its digest is kept.
        var secret: String
    }

    func boot(routes: any RoutesBuilder) throws {
        let auth = routes.grouped("auth")
        auth.post("sign-in", use: signIn)
        auth.post("sign-out", use: signOut)
        let me = routes.grouped("me")
        me.get(use: current)
        me.put("password", use: changePassword)
        me.get("tokens", use: tokens)
        me.post("tokens", use: createToken)
        me.delete("tokens", ":tokenID", use: revokeToken)
    }

    func signIn(_ request: Request) async throws -> Response {
        let body = try request.decodeBody(SignInBody.self)
        let (person, secret) = try await request.tandem.accounts.signIn(
            login: body.login, password: body.password, address: request.clientAddress)
        let response = try json(SignedIn(person: person, sessionToken: secret))
        SessionCookie.set(secret, on: response, request)
        return response
    }

    func signOut(_ request: Request) async throws -> Response {
        if let secret = request.cookies[SessionCookie.name]?.string {
            try await request.tandem.accounts.signOut(sessionSecret: secret)
        }
        let response = Response(status: .noContent)
        SessionCookie.clear(on: response, request)
        return response
    }

    func current(_ request: Request) async throws -> Response {
        try json(try request.actor())
    }

    func changePassword(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let body = try request.decodeBody(PasswordBody.self)
        try await request.tandem.organisation.setPassword(
            of: actor.id, current: body.currentPassword, new: body.newPassword,
            revokeTokens: body.revokeTokens ?? false, by: actor)
        return Response(status: .noContent)
    }

    func tokens(_ request: Request) async throws -> Response {
        try json(ItemList(items: try await request.tandem.accounts.tokens(for: request.actor())))
    }

    func createToken(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let body = try request.decodeBody(TokenBody.self)
        let (token, secret) = try await request.tandem.accounts.createToken(name: body.name, expiresInDays: body.expiresInDays, by: actor)
        return try json(CreatedToken(token: token, secret: secret), status: .created)
    }

    func revokeToken(_ request: Request) async throws -> Response {
        let token = try await request.tandem.accounts.revokeToken(request.id("tokenID", "token"), by: request.actor())
        return try json(token)
    }
}
