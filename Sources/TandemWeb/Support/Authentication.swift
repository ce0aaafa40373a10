import Foundation
import TandemCore
import Vapor

/// Finds the person behind a request: a personal API token (`Authorization: Bearer tdm_…`)
/// or a session cookie. Nothing here decides what the person may do; the core does.
struct ActorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let accounts = request.tandem.accounts
        if let bearer = request.headers.bearerAuthorization {
            guard let person = try await accounts.person(tokenSecret: bearer.token) else {
                throw TandemError(.unauthenticated, "the API token is not valid")
            }
            request.storage[ActorKey.self] = person
        } else if let secret = request.cookies[SessionCookie.name]?.string, !secret.isEmpty {
            request.storage[ActorKey.self] = try await accounts.person(sessionSecret: secret)
        }
        return try await next.respond(to: request)
    }
}

private struct ActorKey: StorageKey { typealias Value = Person }

extension Request {
    /// The signed-in person, or an `unauthenticated` error.
    func actor() throws -> Person {
        guard let person = storage[ActorKey.self] else { throw TandemError(.unauthenticated, "sign in first") }
        return person
    }

    /// The signed-in person, if any.
    var signedInPerson: Person? { storage[ActorKey.self] }

    /// The client address used to throttle sign-ins (see `clientAddress(peer:forwardedFor:trusted:)`).
    var clientAddress: String {
        Self.clientAddress(
            peer: remoteAddress?.ipAddress, forwardedFor: headers[.xForwardedFor],
            trusted: tandem.configuration.trustedProxies)
    }

    /// The peer's address, or — when the peer is a trusted reverse proxy (`TANDEM_TRUSTED_PROXIES`)
    /// — the last address in `X-Forwarded-For` that is not one of them: what the outermost trusted
    /// proxy saw. Earlier entries are only the client's own word.
    static func clientAddress(peer: String?, forwardedFor: [String], trusted proxies: [AddressRange]) -> String {
        guard let peer else { return "unknown" }
        func trusted(_ text: String) -> Bool { IPAddress(text).map { address in proxies.contains { $0.contains(address) } } ?? false }
        guard trusted(peer) else { return peer }
        let forwarded = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        return forwarded.last { !trusted($0) } ?? peer
    }

    /// A typed id from a path parameter; a malformed id is a 404, like a missing record.
    func id<Subject>(_ name: String, _ what: String) throws -> Identifier<Subject> {
        guard let text = parameters.get(name), let id = Identifier<Subject>(text) else { throw TandemError.notFound(what) }
        return id
    }
}
