import Foundation
import TandemCore
import Vapor

/// Evaluation cycles, their invitations and the departments' answers.
struct EvaluationController: RouteCollection {
    struct OpenBody: StrictBody {
        var name: String?
        var period: String?
        var providerID: Department.ID?
        var dimensions: [EvaluationDimension]?
        var asksRecommendation: Bool?
        var closesOn: String?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case name, period, providerID = "provider_id", dimensions, asksRecommendation = "asks_recommendation", closesOn = "closes_on"
        }
    }

    struct AnswerBody: StrictBody {
        var scores: [String: Int]?
        var recommendation: Int?
        var comment: String?
        enum CodingKeys: String, CodingKey, CaseIterable { case scores, recommendation, comment }
    }

    /// A cycle with how far its invitations are answered (and, in detail, the invitations).
    struct CycleResponse: Encodable {
        var cycle: EvaluationCycle
        var invited: Int
        var answered: Int
        var invitations: [EvaluationInvitation]?
        enum CodingKeys: String, CodingKey { case invited, answered, invitations }

        init(_ cycle: EvaluationCycle, _ invitations: [EvaluationInvitation], detailed: Bool) {
            self.cycle = cycle
            invited = invitations.count
            answered = invitations.filter { $0.submittedAt != nil }.count
            self.invitations = detailed ? invitations : nil
        }

        func encode(to encoder: any Encoder) throws {
            try cycle.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(invited, forKey: .invited)
            try container.encode(answered, forKey: .answered)
            try container.encodeIfPresent(invitations, forKey: .invitations)
        }
    }

    /// What an invitation is sent with: the department's answer (null until given) and whether
    /// the reader may give it.
    struct InvitationExtras: Encodable {
        var response: EvaluationResponse?
        var canAnswer: Bool
        enum CodingKeys: String, CodingKey { case response, canAnswer = "can_answer" }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(response, forKey: .response)
            try container.encode(canAnswer, forKey: .canAnswer)
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("evaluation-cycles", use: cycles)
        routes.post("evaluation-cycles", use: open)
        routes.get("evaluation-cycles", ":cycleID", use: cycle)
        routes.post("evaluation-cycles", ":cycleID", "close", use: close)
        routes.post("evaluation-cycles", ":cycleID", "remind", use: remind)
        routes.get("me", "evaluations", use: pending)
        routes.get("evaluation-invitations", ":invitationID", use: invitation)
        routes.put("evaluation-invitations", ":invitationID", "response", use: answer)
    }

    func cycles(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let workflow = request.tandem.evaluations
        var items: [CycleResponse] = []
        for cycle in try await workflow.cycles(for: actor) {
            items.append(CycleResponse(cycle, try await workflow.store.invitations(of: cycle.id), detailed: false))
        }
        return try json(ItemList(items: items))
    }

    func open(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let body = try request.decodeBody(OpenBody.self)
        let workflow = request.tandem.evaluations
        let cycle = try await workflow.open(
            .init(
                name: body.name, period: body.period, providerID: body.providerID, dimensions: body.dimensions,
                asksRecommendation: body.asksRecommendation, closesOn: body.closesOn), by: actor)
        let (stored, invitations) = try await workflow.cycle(cycle.id, for: actor)
        return try json(CycleResponse(stored, invitations, detailed: true), status: .created)
    }

    func cycle(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let (cycle, invitations) = try await request.tandem.evaluations.cycle(request.id("cycleID", "evaluation cycle"), for: actor)
        return try json(CycleResponse(cycle, invitations, detailed: true))
    }

    func close(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let workflow = request.tandem.evaluations
        let closed = try await workflow.close(request.id("cycleID", "evaluation cycle"), by: actor)
        return try json(CycleResponse(closed, try await workflow.store.invitations(of: closed.id), detailed: true))
    }

    struct Reminded: Encodable {
        var reminded: Int
    }

    func remind(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        return try json(
            Reminded(reminded: try await request.tandem.evaluations.remind(request.id("cycleID", "evaluation cycle"), by: actor)))
    }

    func pending(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        return try json(ItemList(items: try await request.tandem.evaluations.pending(for: actor)))
    }

    func invitation(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let found = try await request.tandem.evaluations.invitation(request.id("invitationID", "evaluation invitation"), for: actor)
        return try json(WithExtras(found.invitation, InvitationExtras(response: found.response, canAnswer: found.canAnswer)))
    }

    func answer(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let body = try request.decodeBody(AnswerBody.self)
        let id: EvaluationInvitation.ID = try request.id("invitationID", "evaluation invitation")
        let response = try await request.tandem.evaluations.answer(
            id, .init(scores: body.scores ?? [:], recommendation: body.recommendation, comment: body.comment), by: actor)
        return try json(response)
    }
}
