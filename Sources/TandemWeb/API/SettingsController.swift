import Foundation
import TandemCore
import Vapor

/// Company settings: the urgency × importance priority matrix, the minimum group for anonymous
/// and per-pair results.
struct SettingsController: RouteCollection {
    struct MatrixBody: StrictBody {
        var cells: [[Priority]]
        enum CodingKeys: String, CodingKey, CaseIterable { case cells }
    }

    struct PrivacyBody: StrictBody {
        var minimumGroup: Int
        enum CodingKeys: String, CodingKey, CaseIterable { case minimumGroup = "minimum_group" }
    }

    struct Privacy: Encodable {
        var minimumGroup: Int
        var floor = MinimumGroup.floor
        enum CodingKeys: String, CodingKey { case minimumGroup = "minimum_group", floor }
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("settings", "priority-matrix", use: matrix)
        routes.put("settings", "priority-matrix", use: setMatrix)
        routes.get("settings", "privacy", use: privacy)
        routes.put("settings", "privacy", use: setPrivacy)
    }

    func privacy(_ request: Request) async throws -> Response {
        try json(Privacy(minimumGroup: try await request.tandem.settings.minimumGroup(for: request.actor()).size))
    }

    func setPrivacy(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        try request.tandem.settings.checkMayChange(by: actor)
        let body = try request.decodeBody(PrivacyBody.self)
        let group = try await request.tandem.settings.setMinimumGroup(try MinimumGroup(body.minimumGroup), by: actor)
        return try json(Privacy(minimumGroup: group.size))
    }

    func matrix(_ request: Request) async throws -> Response {
        try json(try await request.tandem.settings.priorityMatrix(for: request.actor()))
    }

    func setMatrix(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        try request.tandem.settings.checkMayChange(by: actor)
        let body = try request.decodeBody(MatrixBody.self)
        return try json(try await request.tandem.settings.setPriorityMatrix(PriorityMatrix(cells: body.cells), by: actor))
    }
}
