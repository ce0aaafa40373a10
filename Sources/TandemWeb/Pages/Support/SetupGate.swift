import Foundation
import TandemCore
import Vapor

/// Sends the first administrator to the setup page until they have chosen their own password.
struct SetupGate: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let person = request.signedInPerson, try await request.tandem.setup.isPending(for: person) {
            return request.seeOther(Site.setup)
        }
        return try await next.respond(to: request)
    }
}
