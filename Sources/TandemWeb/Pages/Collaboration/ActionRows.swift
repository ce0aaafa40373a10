import Foundation
import TandemCore
import Vapor

/// Action items as pages list them, with the steps the reader may take on each.
struct ActionRow: Encodable {
    var id: String
    var title: String
    var owner: String
    var due: String
    var status: String
    var statusLabel: String
    var canMove: Bool

    static func rows(_ items: [ActionItem], runs: Bool, _ request: Request) async throws -> [ActionRow] {
        let actor = try request.actor()
        let people = Dictionary(try await request.tandem.organisation.store.people(items.map(\.ownerID)).map { ($0.id, $0) }) { a, _ in a }
        let format = PageFormat(request)
        return items.map { item in
            ActionRow(
                id: item.id.description, title: item.title, owner: people[item.ownerID]?.displayName ?? "—",
                due: item.dueOn.map(format.date) ?? "—", status: item.status.rawValue,
                statusLabel: request.t("action_status.\(item.status.rawValue)"),
                canMove: runs || item.ownerID == actor.id)
        }
    }

    /// Who an action is given to: any active colleague, or nobody yet.
    static let ownerPicker = PeoplePicker("owner_id")

    /// The field that chooses an action's owner.
    static func ownerField(_ request: Request) -> PickerContext {
        .people(
            id: "action-owner", ownerPicker, multiple: false, chosen: [Choice(value: "", label: "—", selected: true)], request)
    }
}

/// Moving an action on from a page: `/actions/{id}` with `status`, back to where it was shown.
struct ActionPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("actions", ":actionID", use: move)
    }

    func move(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let form = try PageForm.read(request)
        guard let status = try form.enumValue("status", ActionItem.Status.self) else {
            throw TandemError.invalid("status", "choose a status", .required)
        }
        let item = try await request.tandem.actions.setStatus(request.id("actionID", "action"), status, by: actor)
        switch item.parent {
        case .meeting(let id): return request.seeOther(Site.done(Site.meeting(id)))
        case .plan(let id): return request.seeOther(Site.done(Site.plan(id)))
        }
    }
}
