import Foundation
import TandemCore
import Vapor

/// Satisfaction ratings of needs, the links that rate without signing in, and the providing
/// departments' rating policies.
struct SatisfactionController: RouteCollection {
    struct RateBody: StrictBody {
        var score: Int?
        var comment: String?
        enum CodingKeys: String, CodingKey, CaseIterable { case score, comment }

        func checkedScore() throws -> Int {
            guard let score else { throw TandemError.invalid("score", "score is required", .required) }
            return score
        }
    }

    struct PolicyBody: StrictBody {
        var ratingDays: Int?
        var lowScore: Int?
        var onLowRating: SatisfactionPolicy.LowRatingAction?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case ratingDays = "rating_days", lowScore = "low_score", onLowRating = "on_low_rating"
        }

        /// The body's fields over the current policy (a field left out keeps its value).
        func applied(to policy: SatisfactionPolicy) -> SatisfactionPolicy {
            SatisfactionPolicy(
                ratingDays: ratingDays ?? policy.ratingDays, lowScore: lowScore ?? policy.lowScore,
                onLowRating: onLowRating ?? policy.onLowRating)
        }
    }

    /// A need's rating as the reader sees it.
    struct RatingResponse: Encodable {
        var rating: SatisfactionRating?
        var canRate: Bool
        var openUntil: Date?
        enum CodingKeys: String, CodingKey { case rating, canRate = "can_rate", openUntil = "open_until" }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(rating, forKey: .rating)
            try container.encode(canRate, forKey: .canRate)
            try container.encode(openUntil, forKey: .openUntil)
        }

        init(_ state: SatisfactionWorkflow.RatingState) {
            rating = state.rating
            canRate = state.canRate
            openUntil = state.openUntil
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("needs", ":needID", "rating", use: rating)
        routes.put("needs", ":needID", "rating", use: rate)
        routes.post("rating-links", ":token", use: rateByLink)
        routes.get("departments", ":departmentID", "satisfaction-policy", use: policy)
        routes.put("departments", ":departmentID", "satisfaction-policy", use: setPolicy)
    }

    func rating(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let id = try await NeedController.needID(request, actor: actor)
        return try json(RatingResponse(try await request.tandem.satisfaction.rating(of: id, for: actor)))
    }

    func rate(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let id = try await NeedController.needID(request, actor: actor, beforeBody: true)
        let body = try request.decodeBody(RateBody.self)
        try await request.tandem.satisfaction.rate(id, score: try body.checkedScore(), comment: body.comment, by: actor)
        return try json(RatingResponse(try await request.tandem.satisfaction.rating(of: id, for: actor)))
    }

    /// No sign-in: the token stands for the requester, once.
    func rateByLink(_ request: Request) async throws -> Response {
        let token = request.parameters.get("token") ?? ""
        let body = try request.decodeBody(RateBody.self)
        let rating = try await request.tandem.satisfaction.rate(token: token, score: try body.checkedScore(), comment: body.comment)
        return try json(rating)
    }

    func policy(_ request: Request) async throws -> Response {
        _ = try request.actor()
        return try json(try await request.tandem.satisfaction.policy(of: request.id("departmentID", "department")))
    }

    func setPolicy(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let department: Department.ID = try request.id("departmentID", "department")
        let body = try request.decodeBody(PolicyBody.self)
        let current = try await request.tandem.satisfaction.policy(of: department)
        return try json(try await request.tandem.satisfaction.setPolicy(body.applied(to: current), of: department, by: actor))
    }
}
