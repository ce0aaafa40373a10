import Foundation
import TandemCore
import Vapor

/// What the scorecards page shows: the choice of provider, period and requester, and the
/// figures as people read them.
struct ScorecardPageContext: Encodable {
    /// One figure over the two periods; `trend` is `better`, `worse` or `same`.
    struct Row: Encodable {
        var id: String
        var label: String
        var current: String
        var previous: String
        var change: String
        var trend: String
    }

    struct Served: Encodable {
        var name: String
        var volume: Int
        var satisfaction: String
        var link: String
    }

    var layout: LayoutContext
    var providers: [Choice]
    var requesterPicker: PickerContext
    var period: String
    var periodError: String?
    var heading: String?
    var periodLabel: String?
    var previousLabel: String?
    var rows: [Row]?
    var chart: BarChart?
    var ranks: [String]?
    var served: [Served]?
    var exportLink: String?
    /// What the reader is not shown, and why (too few needs or answers, `PairDisclosure`).
    var withheld: [String]?
    /// The period's evaluation: each dimension, the overall score and the NPS, beside the previous period's.
    var evaluation: [Row]?
    var evaluationResponses: Int?
    /// The provider's improvement plans made before the period: the figure then and now.
    var plans: [PlanRow]?

    struct PlanRow: Encodable {
        var title: String
        var link: String
        var figure: String
        var then: String
        var now: String
        var change: String
        var trend: String
    }

    init(
        _ request: Request, scorecard: Scorecard?, departments: [Department], providers: [Department], provider: Department.ID?,
        requester: Department.ID?, periodText: String, group: MinimumGroup, errors: FieldErrors
    ) {
        let names = Dictionary(uniqueKeysWithValues: departments.map { ($0.id, $0.name) })
        layout = LayoutContext(request, title: request.t("scorecard.title"), section: "scorecards")
        self.providers = Choice.departments(providers) { $0 == provider }
        requesterPicker = .departments(
            id: "scorecard-requester", Self.requesterField, multiple: false,
            chosen: [Choice(value: "", label: request.t("scorecard.all_requesters"), selected: requester == nil)]
                + DepartmentPicker.choices([requester].compactMap { $0?.description }, in: departments), request)
        period = periodText
        periodError = errors["period"]
        guard let scorecard else { return }
        let providerName = names[scorecard.providerID] ?? "—"
        heading = scorecard.requesterID.map { request.t("scorecard.pair", providerName, names[$0] ?? "—") } ?? providerName
        periodLabel = scorecard.period.description
        exportLink =
            Site.scorecardExport(scorecard.providerID, scorecard.period)
            + (scorecard.requesterID.map { "&requester=\($0)" } ?? "")
        previousLabel = scorecard.previousPeriod.description
        rows = Self.rows(scorecard.figures, scorecard.previous, request)
        let size = String(group.size)
        withheld =
            [
                scorecard.figuresWithheld ? request.t("scorecard.withheld_figures", size) : nil,
                scorecard.previousWithheld ? request.t("scorecard.withheld_previous", size) : nil,
                scorecard.evaluationWithheld ? request.t("scorecard.withheld_evaluation", size) : nil,
                scorecard.servedWithheld > 0 ? request.t("scorecard.withheld_served", String(scorecard.servedWithheld), size) : nil,
            ].compactMap { $0 }.nonEmpty
        let distribution = scorecard.figures.satisfactionDistribution
        chart = BarChart(
            id: "satisfaction-chart", title: request.t("scorecard.distribution"),
            values: SatisfactionRating.scores.reversed().map { ("\($0)★", distribution[$0 - 1]) })
        ranks =
            [
                scorecard.ranks?.serviceLevel.map { request.t("scorecard.rank_service_level", String($0.place), String($0.of)) },
                scorecard.ranks?.satisfaction.map { request.t("scorecard.rank_satisfaction", String($0.place), String($0.of)) },
            ].compactMap { $0 }.nonEmpty
        let format = Self.NumberFormat(request)
        if let evaluation = scorecard.evaluation {
            self.evaluation = Self.evaluationRows(evaluation, scorecard.previousEvaluation, format, request)
            evaluationResponses = evaluation.responses
        }
        plans =
            scorecard.plans?.map { progress in
                let plan = progress.plan
                let number = { (value: Double?) in value.map { format.number($0) } ?? "—" }
                return PlanRow(
                    title: plan.title, link: Site.plan(plan.id),
                    figure: plan.targetFigure.map { request.t("plan_figure.\($0.rawValue)") } ?? "—",
                    then: "\(plan.baselinePeriod) · " + number(plan.baselineValue), now: number(progress.currentValue),
                    change: progress.change.map { ($0 > 0 ? "+" : $0 < 0 ? "−" : "±") + format.number(abs($0)) } ?? "—",
                    trend: progress.improved.map { $0 ? "better" : "worse" } ?? "same")
            }.nonEmpty
        served =
            scorecard.served?.map { entry in
                Served(
                    name: names[entry.departmentID] ?? "—", volume: entry.volume, satisfaction: format.average(entry.satisfactionAverage),
                    link: Site.scorecard(scorecard.providerID, scorecard.period, requester: entry.departmentID))
            }.nonEmpty
    }

    /// Which way is better for a figure.
    enum Direction: Sendable { case higher, lower, neutral }

    /// How a figure is written.
    enum Kind: Sendable { case count, percent, hours, average }

    /// One figure a scorecard shows (`scorecard_figure.<id>` names it; `decided` fills in its count).
    struct Figure: Sendable {
        var id: String
        var direction: Direction
        var kind: Kind
        var value: @Sendable (ScorecardFigures) -> Double?
        var decided: (@Sendable (ScorecardFigures) -> Int)? = nil
    }

    /// The requesting department a scorecard is narrowed to (`requester`), typed as a filter.
    static let requesterField = DepartmentPicker("requester")

    static let figures: [Figure] = [
        Figure(id: "volume", direction: .neutral, kind: .count, value: { Double($0.volume) }),
        Figure(id: "resolved", direction: .neutral, kind: .count, value: { Double($0.resolved) }),
        Figure(id: "open", direction: .lower, kind: .count, value: { Double($0.open) }),
        Figure(id: "response_met", direction: .higher, kind: .percent, value: \.responseMetPercent, decided: \.responseDecided),
        Figure(id: "resolution_met", direction: .higher, kind: .percent, value: \.resolutionMetPercent, decided: \.resolutionDecided),
        Figure(id: "response_median", direction: .lower, kind: .hours, value: \.responseMedianHours),
        Figure(id: "response_p90", direction: .lower, kind: .hours, value: \.responseP90Hours),
        Figure(id: "resolution_median", direction: .lower, kind: .hours, value: \.resolutionMedianHours),
        Figure(id: "resolution_p90", direction: .lower, kind: .hours, value: \.resolutionP90Hours),
        Figure(id: "satisfaction", direction: .higher, kind: .average, value: \.satisfactionAverage, decided: \.satisfactionCount),
    ]

    static var figureIDs: [String] { figures.map(\.id) }

    static func rows(_ now: ScorecardFigures, _ before: ScorecardFigures, _ request: Request) -> [Row] {
        let format = NumberFormat(request)
        return figures.map { figure in
            let current = figure.value(now), previous = figure.value(before)
            let text: (Double?) -> String = { value in
                switch figure.kind {
                case .count: return value.map { String(Int($0)) } ?? "—"
                case .percent: return format.percent(value)
                case .hours: return format.hours(value)
                case .average: return format.average(value)
                }
            }
            let unit = figure.kind == .percent ? request.t("scorecard.unit_points") : figure.kind == .hours ? format.hoursUnit : ""
            var change = "—", trend = "same"
            if let current, let previous {
                let delta = current - previous
                change = (delta > 0 ? "+" : delta < 0 ? "−" : "±") + format.number(abs(delta)) + unit
                if abs(delta) >= 0.05 && figure.direction != .neutral {
                    trend = (delta > 0) == (figure.direction == .higher) ? "better" : "worse"
                }
            }
            let arguments = figure.decided.map { [String($0(now))] } ?? []
            return Row(
                id: figure.id, label: request.t("scorecard_figure.\(figure.id)", arguments), current: text(current),
                previous: text(previous), change: change, trend: trend)
        }
    }

    static func evaluationRows(_ now: EvaluationScores, _ before: EvaluationScores?, _ format: NumberFormat, _ request: Request) -> [Row] {
        func row(_ id: String, _ label: String, _ current: Double?, _ previous: Double?, _ text: (Double?) -> String) -> Row {
            var change = "—", trend = "same"
            if let current, let previous {
                let delta = current - previous
                change = (delta > 0 ? "+" : delta < 0 ? "−" : "±") + format.number(abs(delta))
                if abs(delta) >= 0.05 { trend = delta > 0 ? "better" : "worse" }
            }
            return Row(id: id, label: label, current: text(current), previous: text(previous), change: change, trend: trend)
        }
        var rows = now.dimensions.map { dimension in
            row(
                "dimension-\(dimension.key)", dimension.name, dimension.average,
                before?.dimensions.first { $0.key == dimension.key }?.average, format.average)
        }
        rows.append(row("overall", request.t("scorecard.evaluation_overall"), now.overall, before?.overall, format.average))
        if now.recommendations > 0 || (before?.recommendations ?? 0) > 0 {
            rows.append(
                row(
                    "nps", request.t("scorecard.nps", String(now.recommendations)), now.netPromoterScore, before?.netPromoterScore,
                    { $0.map { format.number($0) } ?? "—" }))
        }
        return rows
    }

    /// Numbers as the page shows them: one decimal, a unit in the page's language.
    struct NumberFormat {
        let hoursUnit: String

        init(_ request: Request) { hoursUnit = request.t("scorecard.unit_hours") }

        func number(_ value: Double) -> String { String(format: "%.1f", value) }
        func percent(_ value: Double?) -> String { value.map { number($0) + "%" } ?? "—" }
        func hours(_ value: Double?) -> String { value.map { number($0) + hoursUnit } ?? "—" }
        func average(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "—" }
    }
}
