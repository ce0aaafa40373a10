import Foundation
import TandemCore
import Vapor

/// Meetings (需求沟通会): recorded, read, their minutes changed, needs raised and actions added from them.
struct MeetingController: RouteCollection {
    struct MeetingBody: StrictBody {
        var title: String?
        var heldOn: String?
        var departmentIDs: [Department.ID]?
        var attendeeIDs: [Person.ID]?
        var minutes: String?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case title, heldOn = "held_on", departmentIDs = "department_ids", attendeeIDs = "attendee_ids", minutes
        }
    }

    struct MinutesBody: StrictBody {
        var minutes: String?
        enum CodingKeys: String, CodingKey, CaseIterable { case minutes }
    }

    /// What a meeting is sent with: its actions and the needs raised from it (those the reader may see).
    struct MeetingExtras: Encodable {
        var actions: [ActionItem]
        var needIDs: [Need.ID]
        enum CodingKeys: String, CodingKey { case actions, needIDs = "need_ids" }
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("meetings", use: meetings)
        routes.post("meetings", use: recordMeeting)
        routes.get("meetings", ":meetingID", use: meeting)
        routes.patch("meetings", ":meetingID", use: updateMinutes)
        routes.post("meetings", ":meetingID", "needs", use: raiseFromMeeting)
        routes.post("meetings", ":meetingID", "actions", use: addAction)
    }

    func meetings(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        return try json(ItemList(items: try await request.tandem.meetings.meetings(for: actor)))
    }

    func recordMeeting(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let body = try request.decodeBody(MeetingBody.self)
        let meeting = try await request.tandem.meetings.record(
            .init(
                title: body.title ?? "", heldOn: body.heldOn ?? "", departmentIDs: body.departmentIDs ?? [],
                attendeeIDs: body.attendeeIDs ?? [], minutes: body.minutes ?? ""), by: actor)
        return try json(WithExtras(meeting, MeetingExtras(actions: [], needIDs: [])), status: .created)
    }

    func meeting(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        return try json(try await view(request.id("meetingID", "meeting"), request, actor))
    }

    private func view(_ id: Meeting.ID, _ request: Request, _ actor: Person) async throws -> WithExtras<Meeting, MeetingExtras> {
        let services = request.tandem
        let meeting = try await services.meetings.meeting(id, for: actor)
        return WithExtras(
            meeting,
            MeetingExtras(
                actions: try await services.actions.items(of: .meeting(id), for: actor),
                needIDs: try await services.meetings.needs(of: id, for: actor).map(\.id)))
    }

    func updateMinutes(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let body = try request.decodeBody(MinutesBody.self)
        let meeting = try await request.tandem.meetings.updateMinutes(request.id("meetingID", "meeting"), body.minutes ?? "", by: actor)
        return try json(try await view(meeting.id, request, actor))
    }

    func raiseFromMeeting(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let body = try request.decodeBody(NeedController.RaiseBody.self)
        let need = try await request.tandem.meetings.raiseNeed(from: request.id("meetingID", "meeting"), body.input, by: actor)
        return try json(NeedResponse(need, for: actor), status: .created)
    }

    func addAction(_ request: Request) async throws -> Response {
        try await ActionItemController.add(to: .meeting(request.id("meetingID", "meeting")), request)
    }
}
