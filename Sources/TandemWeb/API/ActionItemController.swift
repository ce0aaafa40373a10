import Foundation
import TandemCore
import Vapor

/// Action items (行动项) of meetings and improvement plans: added by their parent's routes, their
/// status set here.
struct ActionItemController: RouteCollection {
    struct ActionBody: StrictBody {
        var title: String?
        var ownerID: Person.ID?
        var dueOn: String?
        enum CodingKeys: String, CodingKey, CaseIterable { case title, ownerID = "owner_id", dueOn = "due_on" }
    }

    struct ActionStatusBody: StrictBody {
        var status: ActionItem.Status?
        enum CodingKeys: String, CodingKey, CaseIterable { case status }
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.patch("actions", ":actionID", use: setActionStatus)
    }

    func setActionStatus(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let body = try request.decodeBody(ActionStatusBody.self)
        guard let status = body.status else { throw TandemError.invalid("status", "status is required", .required) }
        return try json(try await request.tandem.actions.setStatus(request.id("actionID", "action"), status, by: actor))
    }

    /// Adds an action to a meeting or a plan, from the request's body.
    static func add(to parent: ActionItem.Parent, _ request: Request) async throws -> Response {
        let actor = try request.actor()
        let body = try request.decodeBody(ActionBody.self)
        let item = try await request.tandem.actions.add(
            to: parent, title: body.title ?? "", ownerID: body.ownerID, dueOn: body.dueOn, by: actor)
        return try json(item, status: .created)
    }
}
