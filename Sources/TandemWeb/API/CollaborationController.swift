import Foundation
import TandemCore
import Vapor

/// Meetings and their action items, the suggestion box, and improvement plans.
struct CollaborationController: RouteCollection {
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

    struct PlanBody: StrictBody {
        var departmentID: Department.ID?
        var title: String?
        var description: String?
        var sourceKind: ImprovementPlan.SourceKind?
        var sourceInvitationID: EvaluationInvitation.ID?
        var needIDs: [Need.ID]?
        var targetFigure: ScorecardFigure?
        var baselinePeriod: String?
        var targetValue: Double?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case departmentID = "department_id", title, description, sourceKind = "source_kind", sourceInvitationID = "source_invitation_id"
            case needIDs = "need_ids", targetFigure = "target_figure", baselinePeriod = "baseline_period", targetValue = "target_value"
        }
    }

    struct PlanStatusBody: StrictBody {
        var status: ImprovementPlan.Status?
        enum CodingKeys: String, CodingKey, CaseIterable { case status }
    }

    /// A meeting with its actions and the needs raised from it (those the reader may see).
    struct MeetingView: Encodable {
        var meeting: Meeting
        var actions: [ActionItem]
        var needIDs: [Need.ID]
        enum CodingKeys: String, CodingKey { case actions, needIDs = "need_ids" }

        func encode(to encoder: any Encoder) throws {
            try meeting.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(actions, forKey: .actions)
            try container.encode(needIDs, forKey: .needIDs)
        }
    }

    struct PlanView: Encodable {
        var plan: ImprovementPlan
        var actions: [ActionItem]
        enum CodingKeys: String, CodingKey { case actions }

        func encode(to encoder: any Encoder) throws {
            try plan.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(actions, forKey: .actions)
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("meetings", use: meetings)
        routes.post("meetings", use: recordMeeting)
        routes.get("meetings", ":meetingID", use: meeting)
        routes.patch("meetings", ":meetingID", use: updateMinutes)
        routes.post("meetings", ":meetingID", "needs", use: raiseFromMeeting)
        routes.post("meetings", ":meetingID", "actions", use: addMeetingAction)
        routes.patch("actions", ":actionID", use: setActionStatus)
        routes.get("suggestions", use: suggestions)
        routes.post("suggestions", use: submitSuggestion)
        routes.post("suggestions", ":suggestionID", "answer", use: answerSuggestion)
        routes.post("suggestions", ":suggestionID", "convert", use: convertSuggestion)
        routes.post("suggestions", ":suggestionID", "close", use: closeSuggestion)
        routes.get("improvement-plans", use: plans)
        routes.post("improvement-plans", use: createPlan)
        routes.get("improvement-plans", ":planID", use: plan)
        routes.patch("improvement-plans", ":planID", use: setPlanStatus)
        routes.post("improvement-plans", ":planID", "actions", use: addPlanAction)
    }

    // MARK: meetings

    func meetings(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        return try json(ItemList(items: try await request.tandem.meetings.meetings(for: actor)))
    }

    func recordMeeting(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let body = try request.decodeBody(MeetingBody.self)
        let meeting = try await request.tandem.meetings.record(.init(title: body.title ?? "", heldOn: body.heldOn ?? "", departmentIDs: body.departmentIDs ?? [],
                                                                     attendeeIDs: body.attendeeIDs ?? [], minutes: body.minutes ?? ""), by: actor)
        return try json(MeetingView(meeting: meeting, actions: [], needIDs: []), status: .created)
    }

    func meeting(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        return try json(try await view(request.id("meetingID", "meeting"), request, actor))
    }

    private func view(_ id: Meeting.ID, _ request: Request, _ actor: Person) async throws -> MeetingView {
        let services = request.tandem
        let meeting = try await services.meetings.meeting(id, for: actor)
        return MeetingView(meeting: meeting, actions: try await services.actions.items(of: .meeting(id), for: actor),
                           needIDs: try await services.meetings.needs(of: id, for: actor).map(\.id))
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

    func addMeetingAction(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let body = try request.decodeBody(ActionBody.self)
        let item = try await request.tandem.actions.add(to: .meeting(request.id("meetingID", "meeting")), title: body.title ?? "",
                                                        ownerID: body.ownerID, dueOn: body.dueOn, by: actor)
        return try json(item, status: .created)
    }

    func setActionStatus(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let body = try request.decodeBody(ActionStatusBody.self)
        guard let status = body.status else { throw TandemError.invalid("status", "status is required", .required) }
        return try json(try await request.tandem.actions.setStatus(request.id("actionID", "action"), status, by: actor))
    }

    // MARK: suggestions

    func suggestions(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let query = try QueryParameters(request, allowed: ["department_id"])
        return try json(ItemList(items: try await request.tandem.suggestions.board(to: try query.id("department_id"), for: actor)))
    }

    func submitSuggestion(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let body = try request.decodeBody(SuggestionBody.self)
        let suggestion = try await request.tandem.suggestions.submit(to: body.departmentID, body: body.body ?? "", anonymous: body.anonymous ?? false,
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
        let choice = request.body.data == nil ? Conversion() : try request.decodeBody(ConvertBody.self).conversion
        let need = try await request.tandem.suggestions.convert(request.id("suggestionID", "suggestion"), choice, by: actor)
        return try json(NeedResponse(need, for: actor), status: .created)
    }

    func closeSuggestion(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        return try json(try await request.tandem.suggestions.close(request.id("suggestionID", "suggestion"), by: actor))
    }

    // MARK: improvement plans

    func plans(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let query = try QueryParameters(request, allowed: ["department_id"])
        return try json(ItemList(items: try await request.tandem.plans.plans(of: try query.id("department_id"), for: actor)))
    }

    func createPlan(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let body = try request.decodeBody(PlanBody.self)
        let plan = try await request.tandem.plans.create(.init(
            departmentID: body.departmentID, title: body.title ?? "", description: body.description ?? "", sourceKind: body.sourceKind,
            sourceInvitationID: body.sourceInvitationID, needIDs: body.needIDs ?? [], targetFigure: body.targetFigure,
            baselinePeriod: body.baselinePeriod, targetValue: body.targetValue), by: actor)
        return try json(PlanView(plan: plan, actions: []), status: .created)
    }

    func plan(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let plan = try await request.tandem.plans.plan(request.id("planID", "improvement plan"), for: actor)
        return try json(PlanView(plan: plan, actions: try await request.tandem.actions.items(of: .plan(plan.id), for: actor)))
    }

    func setPlanStatus(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let body = try request.decodeBody(PlanStatusBody.self)
        guard let status = body.status else { throw TandemError.invalid("status", "status is required", .required) }
        let plan = try await request.tandem.plans.setStatus(request.id("planID", "improvement plan"), status, by: actor)
        return try json(PlanView(plan: plan, actions: try await request.tandem.actions.items(of: .plan(plan.id), for: actor)))
    }

    func addPlanAction(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let body = try request.decodeBody(ActionBody.self)
        let item = try await request.tandem.actions.add(to: .plan(request.id("planID", "improvement plan")), title: body.title ?? "",
                                                        ownerID: body.ownerID, dueOn: body.dueOn, by: actor)
        return try json(item, status: .created)
    }
}
