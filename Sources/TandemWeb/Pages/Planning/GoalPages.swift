import Foundation
import TandemCore
import Vapor

/// Strategic goals (`/goals`): every goal with the effort and outcomes of its needs; administrators
/// add and change them.
struct GoalPages: RouteCollection {
    struct Row: Encodable {
        var link: String
        var title: String
        var weight: Int
        var period: String
        var active: Bool
        var needs: Int
        var open: Int
        var resolved: Int
        var effort: String
        var resolvedEffort: String
        var met: String
        var satisfaction: String
    }

    struct Typed: Encodable {
        var title = ""
        var description = ""
        var weight = "50"
        var startsOn = ""
        var endsOn = ""
        var isActive = true
    }

    struct Context: Encodable {
        var layout: LayoutContext
        var rows: [Row]?
        var canEdit: Bool
        var typed: Typed
        var action: String
        var editing: Bool
        var errors: [String: String]
        var general: String?
    }

    static let fields = ["title", "description", "weight", "starts_on", "ends_on"]

    func boot(routes: any RoutesBuilder) throws {
        routes.get("goals", use: list)
        routes.get("goals", "export.csv", use: csv)
        routes.post("goals", use: create)
        routes.get("goals", ":goalID", use: edit)
        routes.post("goals", ":goalID", use: update)
    }

    func context(
        _ request: Request, typed: Typed = Typed(), action: String = Site.goals, editing: Bool = false,
        errors: FieldErrors = FieldErrors()
    ) async throws -> Context {
        let actor = try request.actor()
        let percent = { (part: Int, whole: Int) in whole == 0 ? "—" : String(format: "%.0f%%", 100 * Double(part) / Double(whole)) }
        let rows = try await request.tandem.goals.goals(for: actor).map { goal, figures in
            Row(
                link: Site.goal(goal.id), title: goal.title, weight: goal.weight,
                period: [goal.startsOn?.description ?? "…", goal.endsOn?.description ?? "…"].joined(separator: " – "),
                active: goal.isActive,
                needs: figures.needs, open: figures.open, resolved: figures.resolved, effort: String(format: "%.0f", figures.effortHours),
                resolvedEffort: String(format: "%.0f", figures.resolvedEffortHours),
                met: percent(figures.resolutionMet, figures.resolutionDecided),
                satisfaction: figures.ratingCount == 0
                    ? "—" : String(format: "%.1f", Double(figures.ratingSum) / Double(figures.ratingCount)))
        }
        return Context(
            layout: LayoutContext(request, title: request.t("goals.title"), section: "goals"), rows: rows.nonEmpty,
            canEdit: AccessPolicy.canManageSettings(actor), typed: typed, action: action, editing: editing,
            errors: errors.messages(for: Self.fields),
            general: errors.general(besides: Self.fields))
    }

    func list(_ request: Request) async throws -> Response {
        try await request.page("goals", try await context(request))
    }

    /// The goals' table as CSV for Excel.
    func csv(_ request: Request) async throws -> Response {
        let header = [
            "goals.goal", "goals.weight", "goals.period", "goals.needs", "goals.open", "goals.resolved", "goals.effort",
            "goals.resolved_effort", "goals.met", "goals.satisfaction",
        ].map { request.t($0) }
        let rows = (try await context(request).rows ?? []).map { row in
            [
                row.title, String(row.weight), row.period, String(row.needs), String(row.open), String(row.resolved), row.effort,
                row.resolvedEffort, row.met, row.satisfaction,
            ]
        }
        return CSVText.response(CSVText.make(header: header, rows: rows), fileName: "strategic-goals.csv")
    }

    /// What the form sent, and the input it makes.
    static func read(_ request: Request) throws -> (Typed, () throws -> GoalInput) {
        let form = try PageForm.read(request)
        let typed = Typed(
            title: form.text("title"), description: form.text("description"), weight: form.text("weight"),
            startsOn: form.text("starts_on"), endsOn: form.text("ends_on"), isActive: form.flag("is_active"))
        return (
            typed,
            {
                var problems = InputProblems()
                let weight =
                    try problems.check { () throws -> Int? in
                        guard let weight = try form.integer("weight") else {
                            throw TandemError.invalid("weight", "weight is required", .required)
                        }
                        return weight
                    } ?? nil
                let date = { (field: String) throws -> CalendarDate? in
                    guard let text = form.string(field) else { return nil }
                    guard let date = CalendarDate(text) else {
                        throw TandemError.invalid(field, "\(field) must be a date (YYYY-MM-DD)", .notADate)
                    }
                    return date
                }
                let startsOn = try problems.check { try date("starts_on") } ?? nil
                let endsOn = try problems.check { try date("ends_on") } ?? nil
                let input = GoalInput(
                    title: typed.title, description: typed.description, weight: weight ?? 0, startsOn: startsOn, endsOn: endsOn,
                    isActive: typed.isActive)
                // NB: the core's checks too, so that every bad field is named at once.
                _ = try problems.check { try input.goal(id: StrategicGoal.ID(UUID())) }
                try problems.throwIfAny()
                return input
            }
        )
    }

    func create(_ request: Request) async throws -> Response {
        let (typed, input) = try Self.read(request)
        do {
            _ = try await request.tandem.goals.create(try input(), by: try request.actor())
            return request.seeOther(Site.goals)
        } catch let error as TandemError where error.isAboutInput {
            return try await request.page(
                "goals", try await context(request, typed: typed, errors: FieldErrors(error, request)),
                status: .unprocessableEntity)
        }
    }

    func edit(_ request: Request) async throws -> Response {
        let goal = try await request.tandem.goals.goal(request.id("goalID", "goal"), for: try request.actor())
        let typed = Typed(
            title: goal.title, description: goal.description, weight: String(goal.weight), startsOn: goal.startsOn?.description ?? "",
            endsOn: goal.endsOn?.description ?? "", isActive: goal.isActive)
        return try await request.page("goals", try await context(request, typed: typed, action: Site.goal(goal.id), editing: true))
    }

    func update(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let goal = try await request.tandem.goals.goal(request.id("goalID", "goal"), for: actor)
        let (typed, input) = try Self.read(request)
        do {
            _ = try await request.tandem.goals.update(goal.id, try input(), by: actor)
            return request.seeOther(Site.goals)
        } catch let error as TandemError where error.isAboutInput {
            return try await request.page(
                "goals",
                try await context(
                    request, typed: typed, action: Site.goal(goal.id), editing: true,
                    errors: FieldErrors(error, request)), status: .unprocessableEntity)
        }
    }
}
