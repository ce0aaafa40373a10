import Foundation
import TandemCore
import Vapor

/// Refuses a request to the API from someone not signed in (401) before its route reads
/// anything of it — its body included — unless the API document marks the route public
/// (signing in, the rating links of e-mails, the document itself).
struct SignInRequired: AsyncMiddleware {
    /// The public routes' paths, a parameter (`:token`) standing for any one segment.
    static let publicPaths: [[Substring]] = OpenAPIDocument.operations.filter { $0.audience == .anyone }.map {
        $0.path.split(separator: "/")
    }

    static func isPublic(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        return publicPaths.contains { pattern in
            pattern.count == parts.count && zip(pattern, parts).allSatisfy { $0.hasPrefix(":") || $0 == $1 }
        }
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.signedInPerson == nil, !Self.isPublic(request.url.path) { throw TandemError(.unauthenticated, "sign in first") }
        return try await next.respond(to: request)
    }
}
