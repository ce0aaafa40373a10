import Foundation
import TandemCore
import Vapor

/// A change made through the API by a browser's session cookie must prove it comes from a Tandem
/// page, not from a form on another site that the browser sends the cookie with: either a JSON
/// body (`Content-Type: application/json`, which a cross-site form cannot send) or the CSRF
/// token in `X-CSRF-Token`. Requests signed with an API token (`Authorization: Bearer`) carry no
/// cookie and need neither. SameSite=Lax alone leaves older browsers and same-site attackers.
struct CookieWriteProof: AsyncMiddleware {
    static let header = "X-CSRF-Token"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let changes = ![.GET, .HEAD, .OPTIONS].contains(request.method)
        let byCookie = request.headers.bearerAuthorization == nil && request.cookies[SessionCookie.name] != nil
        // NB: compared by name: HTTPMediaType's == takes a `*/*` for any type.
        let json = request.headers.contentType.map { $0.type == "application" && $0.subType == "json" } ?? false
        if changes, byCookie, !json {
            do {
                try CSRF.verify(request, submitted: request.headers.first(name: Self.header))
            } catch {
                throw TandemError(.forbidden, "a change signed in by cookie needs a JSON body or the \(Self.header) header")
            }
        }
        return try await next.respond(to: request)
    }
}
