import Foundation
import TandemCore
import Vapor

/// Company settings: the urgency × importance priority matrix.
struct SettingsController: RouteCollection {
    struct MatrixBody: StrictBody {
        var cells: [[Priority]]
        enum CodingKeys: String, CodingKey, CaseIterable { case cells }
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("settings", "priority-matrix", use: matrix)
        routes.put("settings", "priority-matrix", use: setMatrix)
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
