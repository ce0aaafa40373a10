import Foundation
import TandemCore
import Vapor

/// Scorecards of provider departments, and of pairs (a provider serving one department); the
/// supply-chain map of all the pairs.
struct ScorecardController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("departments", ":departmentID", "scorecard", use: scorecard)
        routes.get("supply-chain", use: supplyChain)
    }

    /// The supply-chain map of a period (default: this quarter).
    func supplyChain(_ request: Request) async throws -> Response {
        let query = try QueryParameters(request, allowed: ["period"])
        let workflow = request.tandem.scorecards
        return try json(try await workflow.supplyChain(period: try workflow.period(query.string("period")), for: try request.actor()))
    }

    func scorecard(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let query = try QueryParameters(request, allowed: ["period", "requesting_department_id"])
        let workflow = request.tandem.scorecards
        let scorecard = try await workflow.scorecard(
            provider: request.id("departmentID", "department"), requester: try query.id("requesting_department_id"),
            period: try workflow.period(query.string("period")), for: actor)
        return try json(scorecard)
    }
}
