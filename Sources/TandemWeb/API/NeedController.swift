import Foundation
import TandemCore
import Vapor

/// Needs: raise, list, read, change, move along the lifecycle, assign, reply and note.
struct NeedController: RouteCollection {
    struct RaiseBody: StrictBody {
        var title: String
        var description: String?
        var kind: NeedKind?
        var providingDepartmentID: Department.ID?
        var offeringID: ServiceOffering.ID?
        var urgency: Urgency?
        var importance: Importance?
        var effortHours: Decimal?
        var desiredDate: CalendarDate?
        var strategicGoalID: StrategicGoal.ID?
        var isConfidential: Bool?
        var form: [String: FormAnswer]?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case title, description, kind, providingDepartmentID = "providing_department_id", offeringID = "offering_id"
            case urgency, importance, effortHours = "effort_hours", desiredDate = "desired_date"
            case strategicGoalID = "strategic_goal_id", isConfidential = "is_confidential", form
        }

        var input: RaiseNeedInput {
            RaiseNeedInput(
                title: title, description: description ?? "", kind: kind, providingDepartmentID: providingDepartmentID,
                offeringID: offeringID,
                urgency: urgency ?? .medium, importance: importance ?? .medium, effortHours: effortHours, desiredDate: desiredDate,
                strategicGoalID: strategicGoalID, isConfidential: isConfidential, formAnswers: form ?? [:])
        }
    }

    struct PatchBody: StrictBody {
        var patch = NeedPatch()
        enum CodingKeys: String, CodingKey, CaseIterable {
            case title, description, desiredDate = "desired_date", form, urgency, importance
            case effortHours = "effort_hours", strategicGoalID = "strategic_goal_id", isConfidential = "is_confidential"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            patch.title = try container.decodeIfPresent(String.self, forKey: .title)
            patch.description = try container.decodeIfPresent(String.self, forKey: .description)
            patch.desiredDate = try container.decodeNullable(CalendarDate.self, forKey: .desiredDate)
            patch.formAnswers = try container.decodeIfPresent([String: FormAnswer].self, forKey: .form)
            patch.urgency = try container.decodeIfPresent(Urgency.self, forKey: .urgency)
            patch.importance = try container.decodeIfPresent(Importance.self, forKey: .importance)
            patch.effortHours = try container.decodeNullable(Decimal.self, forKey: .effortHours)
            patch.strategicGoalID = try container.decodeNullable(StrategicGoal.ID.self, forKey: .strategicGoalID)
            patch.isConfidential = try container.decodeIfPresent(Bool.self, forKey: .isConfidential)
        }
    }

    struct TransitionBody: StrictBody {
        var action: NeedAction
        var reply: String?
        enum CodingKeys: String, CodingKey, CaseIterable { case action, reply }
    }

    struct AssigneesBody: StrictBody {
        var assigneeIDs: [Person.ID]
        enum CodingKeys: String, CodingKey, CaseIterable { case assigneeIDs = "assignee_ids" }
    }

    struct CommentBody: StrictBody {
        var body: String
        var visibility: NeedEvent.Visibility?
        enum CodingKeys: String, CodingKey, CaseIterable { case body, visibility }
    }

    static let listParameters = filterParameters.union(["q", "sort", "limit", "cursor"])

    func boot(routes: any RoutesBuilder) throws {
        let needs = routes.grouped("needs")
        needs.get(use: list)
        needs.get("export.csv", use: export)
        needs.post(use: raise)
        needs.get(":needID", use: need)
        needs.patch(":needID", use: update)
        needs.post(":needID", "transitions", use: transition)
        needs.put(":needID", "assignees", use: assign)
        needs.get(":needID", "events", use: events)
        needs.get(":needID", "comments", use: comments)
        needs.post(":needID", "comments", use: comment)
    }

    func list(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let parameters = try QueryParameters(request, allowed: Self.listParameters)
        var query = try Self.filters(parameters, actor: actor)
        query.textContains = parameters.string("q")
        query.sort = try parameters.enumValue("sort", of: NeedQuery.Sort.self) ?? .newest
        query.limit = try parameters.int("limit") ?? 50
        query.cursor = try parameters.string("cursor").map(NeedCursor.init(token:))
        let page = try await request.tandem.needs.list(query, for: actor)
        return try json(NeedPageResponse(items: page.needs.map { NeedResponse($0, for: actor) }, nextCursor: page.nextCursor?.token))
    }

    /// Every need the list's filters find, as CSV (no row cap; `sort` applies, `limit` and `cursor` do not).
    func export(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let parameters = try QueryParameters(request, allowed: Self.filterParameters.union(["q", "sort"]))
        var query = try Self.filters(parameters, actor: actor)
        query.textContains = parameters.string("q")
        query.sort = try parameters.enumValue("sort", of: NeedQuery.Sort.self) ?? .newest
        return try await NeedCSVExport.response(query, request, fileName: "needs.csv")
    }

    /// The list filters of a query string, shared by the list and the search.
    static let filterParameters: Set<String> = [
        "status", "kind", "priority", "requesting_department_id", "providing_department_id", "requester_id",
        "assignee_id", "created_from", "created_before",
    ]

    static func filters(_ parameters: QueryParameters, actor: Person) throws -> NeedQuery {
        var query = NeedQuery()
        query.statuses = try parameters.set("status", of: NeedStatus.self)
        query.kinds = try parameters.set("kind", of: NeedKind.self)
        query.priorities = try parameters.set("priority", of: Priority.self)
        query.requestingDepartmentID = try parameters.id("requesting_department_id")
        query.providingDepartmentID = try parameters.id("providing_department_id")
        query.requesterID = parameters.string("requester_id") == "me" ? actor.id : try parameters.id("requester_id")
        query.assigneeID = parameters.string("assignee_id") == "me" ? actor.id : try parameters.id("assignee_id")
        query.createdFrom = try parameters.date("created_from")
        query.createdBefore = try parameters.date("created_before")
        return query
    }

    func raise(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let need = try await request.tandem.needs.raise(try request.decodeBody(RaiseBody.self).input, by: actor)
        let response = try json(NeedResponse(need, for: actor), status: .created)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/needs/\(need.id)")
        return response
    }

    /// `:needID` takes the id or the human number (`N-2026-000123`). The use case checks that
    /// the actor may read the need; a route with a body asks `beforeBody` so that the check comes
    /// first — whatever is sent about a need one may not read, the answer is a missing need's.
    static func needID(_ request: Request, actor: Person, beforeBody: Bool = false) async throws -> Need.ID {
        guard let text = request.parameters.get("needID") else { throw TandemError.notFound("need") }
        if let id = Need.ID(text) { return beforeBody ? try await request.tandem.needs.need(id, for: actor).id : id }
        guard let number = NeedNumber(text) else { throw TandemError.notFound("need") }
        return try await request.tandem.needs.need(number: number, for: actor).id
    }

    func need(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let id = try await Self.needID(request, actor: actor)
        return try json(NeedResponse(try await request.tandem.needs.need(id, for: actor), for: actor))
    }

    func update(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let id = try await Self.needID(request, actor: actor, beforeBody: true)
        let body = try request.decodeBody(PatchBody.self)
        return try json(NeedResponse(try await request.tandem.needs.update(id, body.patch, by: actor), for: actor))
    }

    func transition(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let id = try await Self.needID(request, actor: actor, beforeBody: true)
        let body = try request.decodeBody(TransitionBody.self)
        let need = try await request.tandem.needs.transition(id, body.action, reply: body.reply, by: actor)
        return try json(NeedResponse(need, for: actor))
    }

    func assign(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let id = try await Self.needID(request, actor: actor, beforeBody: true)
        let body = try request.decodeBody(AssigneesBody.self)
        return try json(NeedResponse(try await request.tandem.needs.assign(id, to: body.assigneeIDs, by: actor), for: actor))
    }

    func events(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let id = try await Self.needID(request, actor: actor)
        return try json(ItemList(items: try await request.tandem.needs.history(of: id, for: actor)))
    }

    func comments(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let id = try await Self.needID(request, actor: actor)
        return try json(ItemList(items: try await request.tandem.needs.comments(of: id, for: actor)))
    }

    func comment(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let id = try await Self.needID(request, actor: actor, beforeBody: true)
        let body = try request.decodeBody(CommentBody.self)
        let comment = try await request.tandem.needs.comment(on: id, body: body.body, visibility: body.visibility ?? .public, by: actor)
        return try json(comment, status: .created)
    }
}
