import Foundation
import TandemCore
import Vapor

/// Guards a page route that takes a file: the person must be signed in and the form's CSRF token,
/// which upload forms also carry in their action's query (`?_csrf=…`), must match — both checked
/// before the body is read, so nobody can make the server hold a large upload in memory without
/// a session. The handler still checks the token in the body, as every form does.
struct UploadGate: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        _ = try request.actor()
        try CSRF.verify(request, submitted: request.query[String.self, at: CSRF.field])
        return try await next.respond(to: request)
    }
}
