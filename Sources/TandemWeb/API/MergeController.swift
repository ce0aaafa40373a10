import Foundation
import TandemCore
import Vapor

/// Duplicates at triage: a need's likely duplicates among the open needs addressed to its
/// provider, and merging one need into another.
struct MergeController: RouteCollection {
    struct MergeBody: StrictBody {
        var into: String
        enum CodingKeys: String, CodingKey, CaseIterable { case into }
    }

    struct MergeResponse: Encodable {
        var merged: NeedResponse
        var into: NeedResponse
    }

    func boot(routes: any RoutesBuilder) throws {
        let needs = routes.grouped("needs")
        needs.get(":needID", "duplicates", use: duplicates)
        needs.post(":needID", "merge", use: merge)
    }

    func duplicates(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let id = try await NeedController.needID(request, actor: actor)
        let hints = try await request.tandem.search.likelyDuplicates(of: id, for: actor)
        return try json(
            ItemList(items: hints.map { SimilarNeedResponse(need: NeedResponse($0.need, for: actor), similarity: $0.similarity) }))
    }

    func merge(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let id = try await NeedController.needID(request, actor: actor, beforeBody: true)
        let body = try request.decodeBody(MergeBody.self)
        let result = try await request.tandem.needs.merge(id, into: body.into, by: actor)
        return try json(MergeResponse(merged: NeedResponse(result.merged, for: actor), into: NeedResponse(result.into, for: actor)))
    }
}
