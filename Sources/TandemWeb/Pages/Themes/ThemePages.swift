import Foundation
import TandemCore
import Vapor

/// Key needs and themes (`/themes?period=…&provider=…`): the terms that characterise the period,
/// the themes rising against the previous one, and recurring needs — candidates for a standard
/// offering or an improvement plan.
struct ThemePages: RouteCollection {
    struct Rising: Encodable {
        var term: String
        var count: Int
        var previousCount: Int
        var growth: String
        var link: String
        /// Its needs in each period shown, oldest first, as a line.
        var trend: Sparkline
    }

    struct Group: Encodable {
        var title: String
        var count: Int
        var providers: String
        var examples: [Example]
    }

    struct Example: Encodable {
        var number: String
        var link: String
    }

    struct Context: Encodable {
        var layout: LayoutContext
        var period: String
        var providers: [Choice]
        var needs: Int
        var previousNeeds: Int
        var chart: BarChart?
        var rising: [Rising]?
        var groups: [Group]?
        var errors: [String: String]
        var exportLink: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("themes", use: show)
        routes.get("themes", "export.csv", use: csv)
    }

    /// The period the query names, this quarter by default.
    static func period(_ query: QueryParameters, _ workflow: ThemeWorkflow) throws -> ReportingPeriod {
        try query.string("period").map { try ReportingPeriod.parse($0) } ?? workflow.currentPeriod
    }

    /// The page's three lists in one CSV for Excel: key terms, rising themes and recurring needs.
    func csv(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let query = try QueryParameters(request, allowed: ["period", "provider"])
        let workflow = request.tandem.themes
        let period = try Self.period(query, workflow)
        let provider: Department.ID? = try query.id("provider")
        let result = try await workflow.themes(period: period, provider: provider, for: actor)
        let directory = try await PageDirectory.load(request, people: [])
        let t = { (key: String) in request.t(key) }
        let header = [
            t("export.list"), t("themes.csv_text"), t("themes.count"), t("themes.previous"), t("themes.growth"),
            t("themes.csv_providers"), t("themes.csv_needs"),
        ]
        var rows = result.keyTerms.map { [t("themes.key_terms"), $0.term, String($0.count), "", "", "", ""] }
        rows += result.rising.map {
            [
                t("themes.rising"), $0.term, String($0.count), String($0.previousCount),
                $0.growth >= 99 ? t("themes.new") : String(format: "%.1f", $0.growth), "", "",
            ]
        }
        rows += result.recurring.map { group in
            [
                t("themes.recurring"), group.title, String(group.count), "", "",
                group.providingDepartmentIDs.map(directory.departmentName).joined(separator: "、"),
                group.numbers.map(\.description).joined(separator: " "),
            ]
        }
        return CSVText.response(CSVText.make(header: header, rows: rows), fileName: "themes-\(period).csv")
    }

    func show(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let query = try QueryParameters(request, allowed: ["period", "provider"])
        let workflow = request.tandem.themes
        let t = { (key: String) in request.t(key) }
        var errors = FieldErrors()
        var period = workflow.currentPeriod
        do { period = try Self.period(query, workflow) } catch let error as TandemError { errors = FieldErrors(error, request) }
        let provider: Department.ID? = try query.id("provider")
        let directory = try await PageDirectory.load(request, people: [])
        var result: ThemeAnalysis.Result?
        if errors.isEmpty { result = try await workflow.themes(period: period, provider: provider, for: actor) }
        let search = { (term: String) in Site.search(term) }
        let context = Context(
            layout: LayoutContext(request, title: t("themes.title"), section: "themes"),
            period: query.string("period") ?? period.description,
            providers: [Choice(value: "", label: t("search.any_provider"), selected: provider == nil)]
                + DepartmentTree.ordered(directory.departments.values.filter(\.isProvider)).map {
                    Choice(value: $0.department.id.description, label: $0.department.name, selected: $0.department.id == provider)
                },
            needs: result?.needs ?? 0, previousNeeds: result?.previousNeeds ?? 0,
            chart: result.flatMap {
                $0.keyTerms.isEmpty
                    ? nil
                    : BarChart(
                        id: "key-terms", title: t("themes.key_terms"),
                        values: $0.keyTerms.map { ($0.term, $0.count) }, labelWidth: 140)
            },
            rising: result?.rising.map {
                Rising(
                    term: $0.term, count: $0.count, previousCount: $0.previousCount,
                    growth: $0.growth >= 99 ? t("themes.new") : String(format: "×%.1f", $0.growth), link: search($0.term),
                    trend: Sparkline($0.trend))
            }.nonEmpty,
            groups: result?.recurring.map { group in
                Group(
                    title: group.title, count: group.count,
                    providers: group.providingDepartmentIDs.map(directory.departmentName).joined(separator: "、"),
                    examples: group.numbers.prefix(5).map { Example(number: $0.description, link: Site.need($0)) })
            }.nonEmpty,
            errors: errors.messages(for: ["period"]),
            exportLink: Site.themesExport(period, provider: provider))
        return try await request.page("themes", context, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}
