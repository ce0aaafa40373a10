import Foundation
import TandemCore
import Vapor

/// One chart of a dashboard: its drawing (one of the four kinds) and its numbers as a table,
/// for the CSV download.
struct DashboardChart: Encodable {
    var id: String
    var title: String
    var csvLink: String
    var bars: [BarChart] = []
    var lines: [LineChart] = []
    var stacks: [StackedBarChart] = []
    var heatmaps: [Heatmap] = []
    /// The numbers drawn: a header and rows (not rendered; the CSV download).
    var header: [String] = []
    var rows: [[String]] = []

    enum CodingKeys: String, CodingKey { case id, title, csvLink, bars, lines, stacks, heatmaps }
}

/// Draws a dashboard's figures in the reader's language.
struct DashboardCharts {
    let figures: DashboardFigures
    let scope: DashboardScope
    let names: PageDirectory
    let request: Request
    /// The page's path and query; a chart's CSV is `<base>/<chart>.csv<query>`.
    let base: String
    let query: String

    static let ids = [
        "trend_weeks", "trend_months", "by_kind", "by_status", "by_department", "backlog", "service_level", "times",
        "satisfaction", "ratings", "pairs",
    ]

    var all: [DashboardChart] {
        [trendWeeks, trendMonths, byKind, byStatus, byDepartment, backlog, serviceLevel, times, satisfaction, ratings]
            + (scope == .company ? [pairs] : [])
    }

    func t(_ key: String) -> String { request.t(key) }

    func chart(_ id: String) -> DashboardChart {
        DashboardChart(id: id, title: t("dashboard_chart.\(id)"), csvLink: "\(base)/\(id).csv\(query)")
    }

    static func number(_ value: Double) -> String { String(format: value >= 100 || value == value.rounded() ? "%.0f" : "%.1f", value) }
    static func optional(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "" }

    func line(_ id: String, spans: [DashboardFigures.Span], every: Int, series: [(String, (DashboardFigures.Span) -> Double?)])
        -> DashboardChart
    {
        var chart = chart(id)
        // NB: months read "2026-11", weeks "11-16" (the Monday they start).
        let labels = spans.map { every == 1 ? String($0.start.description.prefix(7)) : String($0.start.description.dropFirst(5)) }
        chart.lines = [
            LineChart(
                id: id, title: chart.title, labels: labels, series: series.map { (t($0.0), spans.map($0.1)) }, every: every,
                format: Self.number)
        ]
        chart.header = [t("dashboard.column.start")] + series.map { t($0.0) }
        chart.rows = spans.map { span in [span.start.description] + series.map { Self.optional($0.1(span)) } }
        return chart
    }

    var trendWeeks: DashboardChart {
        line(
            "trend_weeks", spans: figures.weeks, every: 4,
            series: [
                ("dashboard.series.raised", { Double($0.raised) }),
                ("dashboard.series.resolved", { Double($0.resolved) }),
            ])
    }

    var trendMonths: DashboardChart {
        line(
            "trend_months", spans: figures.months, every: 1,
            series: [
                ("dashboard.series.raised", { Double($0.raised) }),
                ("dashboard.series.resolved", { Double($0.resolved) }),
            ])
    }

    var serviceLevel: DashboardChart {
        line(
            "service_level", spans: figures.months, every: 1,
            series: [
                ("dashboard.series.response_met", \.responseMetPercent),
                ("dashboard.series.resolution_met", \.resolutionMetPercent),
            ])
    }

    var times: DashboardChart {
        line(
            "times", spans: figures.months, every: 1,
            series: [
                ("dashboard.series.response_hours", \.responseHours),
                ("dashboard.series.resolution_hours", \.resolutionHours),
            ])
    }

    var satisfaction: DashboardChart {
        line("satisfaction", spans: figures.months, every: 1, series: [("dashboard.series.rating_average", \.ratingAverage)])
    }

    func bars(_ id: String, _ values: [(label: String, count: Int)], labelWidth: Int = 90) -> DashboardChart {
        var chart = chart(id)
        chart.bars = [BarChart(id: id, title: chart.title, values: values, labelWidth: labelWidth)]
        chart.header = [t("dashboard.column.label"), t("dashboard.column.count")]
        chart.rows = values.map { [$0.label, String($0.count)] }
        return chart
    }

    var byKind: DashboardChart {
        let counts = figures.byKind
        return bars("by_kind", NeedKind.allCases.map { (t("kind.\($0.rawValue)"), counts[$0] ?? 0) })
    }

    var byStatus: DashboardChart {
        let counts = figures.byStatus
        return bars("by_status", NeedStatus.allCases.map { (t("status.\($0.rawValue)"), counts[$0] ?? 0) }, labelWidth: 110)
    }

    var backlog: DashboardChart {
        bars("backlog", zip(DashboardWindow.ageBucketKeys, figures.backlog).map { (t("dashboard_age.\($0)"), $1) }, labelWidth: 110)
    }

    var ratings: DashboardChart {
        bars("ratings", figures.ratings.enumerated().map { ("★\($0.offset + 1)", $0.element) }.reversed(), labelWidth: 40)
    }

    /// The other side of the scope's needs: who asked (a provider's view), else who served.
    var counterpart: (DashboardFigures.PairVolume) -> Department.ID {
        if case .department(_, .provider) = scope { return \.requestingDepartmentID }
        return \.providingDepartmentID
    }

    var byDepartment: DashboardChart {
        var chart = chart("by_department")
        let rows = figures.departments(by: counterpart).prefix(15).map { (label: names.departmentName($0.department), counts: $0.counts) }
        let parts = DashboardFigures.statusGroups.map { t("dashboard_group.\($0.key)") }
        chart.stacks = [StackedBarChart(id: chart.id, title: chart.title, parts: parts, rows: Array(rows))]
        chart.header = [t("dashboard.column.department")] + parts
        chart.rows = rows.map { [$0.label] + $0.counts.map(String.init) }
        return chart
    }

    var pairs: DashboardChart {
        var chart = chart("pairs")
        let requesters = figures.departments(by: \.requestingDepartmentID).prefix(12).map(\.department)
        let providers = figures.departments(by: \.providingDepartmentID).prefix(12).map(\.department)
        var counts: [Department.ID: [Department.ID: Int]] = [:]
        for pair in figures.pairs {
            counts[pair.requestingDepartmentID, default: [:]][pair.providingDepartmentID, default: 0] += pair.total
        }
        let values = requesters.map { requester in providers.map { counts[requester]?[$0] ?? 0 } }
        chart.heatmaps = [
            Heatmap(
                id: chart.id, title: chart.title, rows: requesters.map(names.departmentName),
                columns: providers.map(names.departmentName), values: values)
        ]
        chart.header = [t("dashboard.column.requesting")] + providers.map(names.departmentName)
        chart.rows = zip(requesters, values).map { [names.departmentName($0)] + $1.map(String.init) }
        return chart
    }
}
