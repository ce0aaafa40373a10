import Foundation
import TandemCore
import Vapor

/// The suggestion box (意见箱): suggestions submitted to a department, answered, turned into needs, closed.
struct SuggestionController: RouteCollection {
    struct SuggestionBody: StrictBody {
        var departmentID: Department.ID?
        var body: String?
        var anonymous: Bool?
        enum CodingKeys: String, CodingKey, CaseIterable { case departmentID = "department_id", body, anonymous }
    }

    struct AnswerBody: StrictBody {
        var answer: String?
        enum CodingKeys: String, CodingKey, CaseIterable { case answer }
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("suggestions", use: suggestions)
        routes.post("suggestions", use: submitSuggestion)
        routes.post("suggestions", ":suggestionID", "answer", use: answerSuggestion)
        routes.post("suggestions", ":suggestionID", "convert", use: convertSuggestion)
        routes.post("suggestions", ":suggestionID", "close", use: closeSuggestion)
    }

    func suggestions(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let query = try QueryParameters(request, allowed: ["department_id"])
        return try json(ItemList(items: try await request.tandem.suggestions.board(to: try query.id("department_id"), for: actor)))
    }

    func submitSuggestion(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let body = try request.decodeBody(SuggestionBody.self)
        let suggestion = try await request.tandem.suggestions.submit(
            to: body.departmentID, body: body.body ?? "", anonymous: body.anonymous ?? false,
            by: actor)
        return try json(suggestion, status: .created)
    }

    func answerSuggestion(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let body = try request.decodeBody(AnswerBody.self)
        return try json(try await request.tandem.suggestions.answer(request.id("suggestionID", "suggestion"), body.answer ?? "", by: actor))
    }

    func convertSuggestion(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let choice = try ConvertBody.conversion(of: request)
        let need = try await request.tandem.suggestions.convert(request.id("suggestionID", "suggestion"), choice, by: actor)
        return try json(NeedResponse(need, for: actor), status: .created)
    }

    func closeSuggestion(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        return try json(try await request.tandem.suggestions.close(request.id("suggestionID", "suggestion"), by: actor))
    }
}
