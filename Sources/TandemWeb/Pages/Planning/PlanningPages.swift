import Foundation
import TandemCore
import Vapor

/// The planner (`/planning?department=…&period=…`): the provider's capacity for the period, the
/// planner's proposal in score order (each deferred need with its reason), pins to adjust it,
/// the committed plan and how it went.
struct PlanningPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("planning", use: show)
        routes.post("planning", "capacity", use: setCapacity)
        routes.post("planning", "commit", use: commit)
        routes.get("planning", "export.csv", use: csv)
    }

    /// The planner's proposal as CSV for Excel: every open need in score order, planned or
    /// deferred with its reason.
    func csv(_ request: Request) async throws -> Response {
        let query = try QueryParameters(request, allowed: ["department", "period"])
        let (department, period) = try await choice(request, department: query.string("department"), period: query.string("period"))
        let context = try await PlanningPageContext.load(request, department: department, period: period)
        let t = { (key: String) in request.t(key) }
        let header = [
            "#", t("list.number"), t("list.title"), t("list.priority"), t("planning.score"), t("planning.effort"), t("planning.decision"),
            t("export.reason"),
        ]
        let rows = (context.lines ?? []).map { line in
            [
                String(line.rank), line.number ?? "", line.title, line.priorityLabel, line.score, line.effort,
                t(line.planned ? "planning.planned" : "planning.deferred"), line.reason ?? "",
            ]
        }
        return CSVText.response(CSVText.make(header: header, rows: rows), fileName: "plan-\(context.departmentName)-\(period).csv")
    }

    func show(_ request: Request) async throws -> Response {
        let query = try QueryParameters(request, allowed: ["department", "period", "done"])
        let (department, period) = try await choice(request, department: query.string("department"), period: query.string("period"))
        return try await request.page("planning", try await PlanningPageContext.load(request, department: department, period: period))
    }

    /// The department shown: the one asked for, else one's own if it provides, else the first one
    /// the person may plan for; and the period, this month by default.
    func choice(_ request: Request, department text: String?, period periodText: String?) async throws -> (Department.ID, ReportingPeriod) {
        let actor = try request.actor()
        let workflow = request.tandem.planning
        let period = try periodText.map { try ReportingPeriod.parse($0) } ?? workflow.currentPeriod
        if let text, !text.isEmpty {
            guard let id = Department.ID(text) else { throw TandemError.notFound("department") }
            return (id, period)
        }
        let providers = try await request.tandem.organisation.departments(for: actor).filter(\.isProvider)
            .filter { InsightAccess.canReadPlans(of: $0.id, actor) }
        guard let first = providers.first(where: { $0.id == actor.departmentID }) ?? DepartmentTree.ordered(providers).first?.department
        else {
            throw TandemError.forbidden("the planner is for the agents and managers of providing departments")
        }
        return (first.id, period)
    }

    func setCapacity(_ request: Request) async throws -> Response {
        let form = try PageForm.read(request)
        let (department, period) = try await choice(request, department: form.string("department"), period: form.string("period"))
        do {
            let text = form.text("person_days").trimmingCharacters(in: .whitespaces)
            guard let days = Double(text) else {
                throw TandemError.invalid("person_days", "person_days must be a number", .notANumber)
            }
            try await request.tandem.planning.setCapacity(days, of: department, in: period, by: try request.actor())
            return request.seeOther(Site.done(Site.planning(department, period), .capacity))
        } catch let error as TandemError where error.isAboutInput {
            let context = try await PlanningPageContext.load(
                request, department: department, period: period, typedDays: form.text("person_days"),
                errors: FieldErrors(error, request))
            return try await request.page("planning", context, status: .unprocessableEntity)
        }
    }

    func commit(_ request: Request) async throws -> Response {
        let form = try PageForm.read(request)
        let (department, period) = try await choice(request, department: form.string("department"), period: form.string("period"))
        let pins = try PlanningPageContext.pins(form)
        do {
            _ = try await request.tandem.planning.commit(department, in: period, pins: pins, by: try request.actor())
            return request.seeOther(Site.done(Site.planning(department, period), .committed))
        } catch let error as TandemError where error.isAboutInput {
            let context = try await PlanningPageContext.load(
                request, department: department, period: period, pins: pins,
                errors: FieldErrors(error, request))
            return try await request.page("planning", context, status: .unprocessableEntity)
        }
    }
}
