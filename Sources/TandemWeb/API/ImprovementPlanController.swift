import Foundation
import TandemCore
import Vapor

/// Improvement plans (改进计划): made from a scorecard or an evaluation, read with their actions,
/// their status set, actions added.
struct ImprovementPlanController: RouteCollection {
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

    /// What a plan is sent with: its actions.
    struct PlanExtras: Encodable {
        var actions: [ActionItem]
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("improvement-plans", use: plans)
        routes.post("improvement-plans", use: createPlan)
        routes.get("improvement-plans", ":planID", use: plan)
        routes.patch("improvement-plans", ":planID", use: setPlanStatus)
        routes.post("improvement-plans", ":planID", "actions", use: addAction)
    }

    func plans(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let query = try QueryParameters(request, allowed: ["department_id"])
        return try json(ItemList(items: try await request.tandem.plans.plans(of: try query.id("department_id"), for: actor)))
    }

    func createPlan(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let body = try request.decodeBody(PlanBody.self)
        let plan = try await request.tandem.plans.create(
            .init(
                departmentID: body.departmentID, title: body.title ?? "", description: body.description ?? "", sourceKind: body.sourceKind,
                sourceInvitationID: body.sourceInvitationID, needIDs: body.needIDs ?? [], targetFigure: body.targetFigure,
                baselinePeriod: body.baselinePeriod, targetValue: body.targetValue), by: actor)
        return try json(WithExtras(plan, PlanExtras(actions: [])), status: .created)
    }

    func plan(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let plan = try await request.tandem.plans.plan(request.id("planID", "improvement plan"), for: actor)
        return try json(WithExtras(plan, PlanExtras(actions: try await request.tandem.actions.items(of: .plan(plan.id), for: actor))))
    }

    func setPlanStatus(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let body = try request.decodeBody(PlanStatusBody.self)
        guard let status = body.status else { throw TandemError.invalid("status", "status is required", .required) }
        let plan = try await request.tandem.plans.setStatus(request.id("planID", "improvement plan"), status, by: actor)
        return try json(WithExtras(plan, PlanExtras(actions: try await request.tandem.actions.items(of: .plan(plan.id), for: actor))))
    }

    func addAction(_ request: Request) async throws -> Response {
        try await ActionItemController.add(to: .plan(request.id("planID", "improvement plan")), request)
    }
}
