import Foundation
import TandemCore
import Vapor

/// What `planning.leaf` shows.
struct PlanningPageContext: Encodable {
    struct Line: Encodable {
        var rank: Int
        /// Nil on a confidential need the reader may not read (`NeedDisclosure.confidential`).
        var needID: String?
        var number: String?
        var link: String?
        var title: String
        var priorityLabel: String
        var score: String
        var scoreParts: String
        var effort: String
        var planned: Bool
        var reason: String?
        var pins: [Choice]
    }

    struct Review: Encodable {
        var committed: String
        var committedBy: String
        var planned: Int
        var plannedDays: String
        var plannedDone: Int
        var plannedDoneDays: String
        var unplannedDone: Int
        var unplannedDoneDays: String
        var capacityDays: String
        var missed: [Line]?
    }

    var layout: LayoutContext
    var departments: [Choice]
    var departmentID: String
    var departmentName: String
    var period: String
    var canPlan: Bool
    var capacity: String?
    var typedDays: String
    var plannedDays: String?
    var leftDays: String?
    var overbooked: Bool
    var lines: [Line]?
    var review: Review?
    var weights: String
    var flash: String?
    var errors: [String: String]
    var general: String?

    static func days(_ value: Double) -> String { String(format: value == value.rounded() ? "%.0f" : "%.1f", value) }

    /// The pins a commit form sent (`pin.<need id>` = include | exclude | empty).
    static func pins(_ form: PageForm) throws -> [Need.ID: CapacityPlanner.Pin] {
        var pins: [Need.ID: CapacityPlanner.Pin] = [:]
        for (name, values) in form.allFields where name.hasPrefix("pin.") {
            guard let id = Need.ID(String(name.dropFirst(4))) else { throw TandemError.invalid("pins", "a pinned need is not valid") }
            guard let value = values.first, !value.isEmpty else { continue }
            guard let pin = CapacityPlanner.Pin(rawValue: value) else {
                throw TandemError.invalid("pins", "'\(value)' is not a pin", .notAnOption)
            }
            pins[id] = pin
        }
        return pins
    }

    static func load(
        _ request: Request, department: Department.ID, period: ReportingPeriod, pins: [Need.ID: CapacityPlanner.Pin] = [:],
        typedDays: String? = nil, errors: FieldErrors = FieldErrors()
    ) async throws -> PlanningPageContext {
        let actor = try request.actor()
        let services = request.tandem
        let workflow = services.planning
        let t = { (key: String) in request.t(key) }
        let capacity = try await workflow.capacity(of: department, in: period, for: actor)
        let committed = try await workflow.review(department, in: period, for: actor)
        // NB: the committed plan's pins stay on the proposal until the manager changes them (of the needs still open).
        var pins = pins
        if pins.isEmpty, committed != nil { pins = try await workflow.committedPins(department, in: period, for: actor) }
        let proposal = capacity == nil ? nil : try await workflow.propose(department, in: period, pins: pins, for: actor)
        let weights = try await workflow.weights()
        var directory = try await PageDirectory.load(request, people: committed.map { [$0.plan.committedBy] } ?? [])
        let providers = directory.departments.values.filter { $0.isProvider && InsightAccess.canReadPlans(of: $0.id, actor) }
        let format = PageFormat(request)
        func line(_ entry: PlanLine, rank: Int) -> Line {
            var reason: String?
            if case .deferred(let why) = entry.decision {
                switch why {
                case .overCapacity(let needed, let left): reason = request.t("plan_reason.over_capacity", [days(needed), days(left)])
                default: reason = t("plan_reason.\(why.code)")
                }
            }
            let pin = entry.needID.flatMap { pins[$0] } ?? entry.pin
            guard let id = entry.needID, let number = entry.number, let priority = entry.priority, let score = entry.score else {
                // a confidential need the reader may not read: its place and its effort only
                return Line(
                    rank: rank, needID: nil, number: nil, link: nil, title: t("planning.confidential_need"), priorityLabel: "—", score: "—",
                    scoreParts: "", effort: entry.effortDays.map(days) ?? "—", planned: entry.isPlanned, reason: reason, pins: [])
            }
            return Line(
                rank: rank, needID: id.description, number: number.description, link: Site.need(number),
                title: entry.title ?? "", priorityLabel: t("priority.\(priority.rawValue)"), score: days(score.total),
                scoreParts: request.t("planning.score_parts", [days(score.priority), days(score.goal), days(score.age)]),
                effort: entry.effortDays.map(days) ?? "—", planned: entry.isPlanned, reason: reason,
                pins: [("", t("planning.pin_auto")), ("include", t("planning.pin_include")), ("exclude", t("planning.pin_exclude"))].map {
                    Choice(value: $0.0, label: $0.1, selected: (pin?.rawValue ?? "") == $0.0)
                })
        }
        var review: Review?
        if let committed {
            let byID = Dictionary(
                committed.plan.proposal.lines.enumerated().compactMap { index, line in line.needID.map { ($0, (index, line)) } },
                uniquingKeysWith: { first, _ in first })
            let result = committed.review
            review = Review(
                committed: format.dateTime(committed.plan.committedAt), committedBy: directory.personName(committed.plan.committedBy),
                planned: result.planned, plannedDays: days(result.plannedDays), plannedDone: result.plannedDone,
                plannedDoneDays: days(result.plannedDoneDays), unplannedDone: result.unplannedDone,
                unplannedDoneDays: days(result.unplannedDoneDays),
                capacityDays: days(result.capacityDays),
                missed: result.missed.compactMap { byID[$0] }.map { line($0.1, rank: $0.0 + 1) }.nonEmpty)
        }
        directory.people = [:]
        let done = (try? QueryParameters(request, allowed: ["department", "period", "done"]).string("done")) ?? nil
        return PlanningPageContext(
            layout: LayoutContext(request, title: t("planning.title"), section: "planning"),
            departments: DepartmentTree.ordered(Array(providers)).map {
                Choice(value: $0.department.id.description, label: $0.department.name, selected: $0.department.id == department)
            },
            departmentID: department.description, departmentName: directory.departmentName(department), period: period.description,
            canPlan: InsightAccess.canPlan(department, actor), capacity: capacity.map(days),
            typedDays: typedDays ?? capacity.map(days) ?? "",
            plannedDays: proposal.map { days($0.plannedDays) }, leftDays: proposal.map { days($0.leftDays) },
            overbooked: (proposal?.leftDays ?? 0) < 0,
            lines: proposal?.lines.enumerated().map { line($1, rank: $0 + 1) }.nonEmpty, review: review,
            weights: request.t(
                "planning.formula",
                [
                    days(weights.p1), days(weights.p2), days(weights.p3), days(weights.p4), days(weights.goalFactor),
                    days(weights.pointsPerDay), days(weights.ageCap), days(weights.hoursPerDay),
                ]),
            flash: done.map { $0 == "committed" ? t("planning.done_committed") : t("planning.done_capacity") },
            errors: errors.messages(for: ["person_days", "pins", "period"]),
            general: errors.general(besides: ["person_days", "pins", "period"]))
    }
}
