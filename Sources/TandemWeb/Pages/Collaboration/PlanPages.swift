import Foundation
import TandemCore
import Vapor

/// Improvement plans in pages: the list with the form to make one (from a scorecard figure, an
/// evaluation's answer, or needs by number), and a plan with its actions.
struct PlanPages: RouteCollection {
    struct Row: Encodable {
        var id: String
        var title: String
        var department: String
        var figure: String
        var baseline: String
        var status: String
        var statusLabel: String
    }

    struct ListContext: Encodable {
        var layout: LayoutContext
        var rows: [Row]?
        var canCreate: Bool
        var departments: [Choice]
        var sources: [Choice]
        var figures: [Choice]
        var form: [String: String]
        var errors: [String: String]
        var general: String?
    }

    struct PlanContext: Encodable {
        var layout: LayoutContext
        var id: String
        var title: String
        var description: String
        var department: String
        var source: String
        var figure: String
        var baseline: String
        var target: String
        var status: String
        var statusLabel: String
        var runs: Bool
        var actions: [ActionRow]?
        var ownerPicker: PickerContext?
        var actionPath: String
        var scorecardLink: String
        var general: String?
    }

    static let fields = [
        "department_id", "title", "description", "source_kind", "source_invitation_id", "need_ids", "target_figure",
        "baseline_period", "target_value",
    ]

    func boot(routes: any RoutesBuilder) throws {
        let plans = routes.grouped("plans")
        plans.get(use: list)
        plans.post(use: create)
        plans.get(":planID", use: show)
        plans.post(":planID", "actions", use: addAction)
        plans.post(":planID", "status", use: setStatus)
    }

    func list(_ request: Request) async throws -> Response {
        try await request.page("plans", listContext(request, sent: nil, errors: FieldErrors()))
    }

    func create(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let form = try PageForm.read(request)
        do {
            let input = try await Self.input(form, request, actor)
            let plan = try await request.tandem.plans.create(input, by: actor)
            return request.seeOther(Site.plan(plan.id))
        } catch let error as TandemError where error.isAboutInput {
            return try await request.page(
                "plans", listContext(request, sent: form, errors: FieldErrors(error, request)), status: .unprocessableEntity)
        }
    }

    /// The plan a form sent: needs are named by their numbers (`N-2026-000123`, one per line or comma).
    static func input(_ form: PageForm, _ request: Request, _ actor: Person) async throws -> ImprovementPlanWorkflow.Input {
        var problems = InputProblems()
        var needIDs: [Need.ID] = []
        for text in form.text("need_numbers").split(whereSeparator: { $0.isNewline || $0 == "," || $0 == " " }) {
            guard let number = NeedNumber(String(text)), let need = try? await request.tandem.needs.need(number: number, for: actor) else {
                problems.add(.invalid("need_ids", "\(text) is not a need you can see", .unknownRecord))
                continue
            }
            needIDs.append(need.id)
        }
        let target =
            try problems.check { () throws -> Double? in
                guard let text = form.string("target_value") else { return nil }
                guard let value = Double(text) else {
                    throw TandemError.invalid("target_value", "target_value must be a number", .notANumber)
                }
                return value
            } ?? nil
        try problems.throwIfAny()
        return ImprovementPlanWorkflow.Input(
            departmentID: try form.id("department_id"), title: form.text("title"), description: form.text("description"),
            sourceKind: try form.enumValue("source_kind", ImprovementPlan.SourceKind.self),
            sourceInvitationID: try form.id("source_invitation_id"),
            needIDs: needIDs, targetFigure: try form.enumValue("target_figure", ScorecardFigure.self),
            baselinePeriod: form.string("baseline_period"),
            targetValue: target)
    }

    private func listContext(_ request: Request, sent: PageForm?, errors: FieldErrors) async throws -> ListContext {
        let actor = try request.actor()
        let departments = try await request.tandem.organisation.departments(for: actor)
        let names = Dictionary(uniqueKeysWithValues: departments.map { ($0.id, $0.name) })
        let rows = try await request.tandem.plans.plans(of: nil, for: actor).map { plan in
            Row(
                id: plan.id.description, title: plan.title, department: names[plan.departmentID] ?? "—",
                figure: plan.targetFigure.map { request.t("plan_figure.\($0.rawValue)") } ?? "—",
                baseline: "\(plan.baselinePeriod) · " + (plan.baselineValue.map { String(format: "%.2f", $0) } ?? "—"),
                status: plan.status.rawValue, statusLabel: request.t("plan_status.\(plan.status.rawValue)"))
        }
        let managed = departments.filter { $0.isProvider && AccessPolicy.canManageCatalog(of: $0.id, actor) }
        let value = { (name: String) in sent?.text(name) ?? "" }
        var form = Dictionary(
            uniqueKeysWithValues: ["title", "description", "source_invitation_id", "need_numbers", "target_value"].map { ($0, value($0)) })
        form["baseline_period"] = sent?.text("baseline_period") ?? request.tandem.scorecards.currentPeriod.previous.description
        return ListContext(
            layout: LayoutContext(request, title: request.t("plan.title"), section: "plans"), rows: rows.nonEmpty,
            canCreate: !managed.isEmpty,
            departments: Choice.departments(managed) { $0.description == value("department_id") },
            sources: ImprovementPlan.SourceKind.allCases.map {
                Choice(
                    value: $0.rawValue, label: request.t("plan_source.\($0.rawValue)"),
                    selected: $0.rawValue == value("source_kind"))
            },
            figures: [Choice(value: "", label: "—", selected: value("target_figure").isEmpty)]
                + ScorecardFigure.allCases.map {
                    Choice(
                        value: $0.rawValue, label: request.t("plan_figure.\($0.rawValue)"),
                        selected: $0.rawValue == value("target_figure"))
                },
            form: form, errors: errors.messages(for: Self.fields), general: errors.general(besides: Self.fields))
    }

    func show(_ request: Request) async throws -> Response {
        try await request.page("plan", planContext(request, errors: FieldErrors()))
    }

    private func planContext(_ request: Request, errors: FieldErrors) async throws -> PlanContext {
        let actor = try request.actor()
        let plan = try await request.tandem.plans.plan(request.id("planID", "improvement plan"), for: actor)
        let department = try await request.tandem.organisation.department(plan.departmentID, for: actor)
        let runs = AccessPolicy.canManageCatalog(of: plan.departmentID, actor)
        return PlanContext(
            layout: LayoutContext(request, title: plan.title, section: "plans"), id: plan.id.description, title: plan.title,
            description: plan.description, department: department.name, source: request.t("plan_source.\(plan.sourceKind.rawValue)"),
            figure: plan.targetFigure.map { request.t("plan_figure.\($0.rawValue)") } ?? "—",
            baseline: "\(plan.baselinePeriod) · "
                + (plan.baselineValue.map { String(format: "%.2f", $0) } ?? "—"),
            target: plan.targetValue.map { String(format: "%.2f", $0) } ?? "—", status: plan.status.rawValue,
            statusLabel: request.t("plan_status.\(plan.status.rawValue)"), runs: runs,
            actions: try await ActionRow.rows(request.tandem.actions.items(of: .plan(plan.id), for: actor), runs: runs, request).nonEmpty,
            ownerPicker: runs ? ActionRow.ownerField(request) : nil, actionPath: Site.planActions(plan.id),
            scorecardLink: Site.scorecard(plan.departmentID, plan.baselinePeriod.next), general: errors.general(besides: []))
    }

    func addAction(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let form = try PageForm.read(request)
        let id: ImprovementPlan.ID = try request.id("planID", "improvement plan")
        do {
            _ = try await request.tandem.actions.add(
                to: .plan(id), title: form.text("title"), ownerID: try await ActionRow.ownerPicker.one(form, request),
                dueOn: form.string("due_on"), by: actor)
            return request.seeOther(Site.done(Site.plan(id)))
        } catch let error as TandemError where error.isAboutInput {
            return try await request.page("plan", planContext(request, errors: FieldErrors(error, request)), status: .unprocessableEntity)
        }
    }

    func setStatus(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let form = try PageForm.read(request)
        guard let status = try form.enumValue("status", ImprovementPlan.Status.self) else {
            throw TandemError.invalid("status", "choose", .required)
        }
        let plan = try await request.tandem.plans.setStatus(request.id("planID", "improvement plan"), status, by: actor)
        return request.seeOther(Site.done(Site.plan(plan.id)))
    }
}
