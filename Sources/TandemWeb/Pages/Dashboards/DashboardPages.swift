import Foundation
import TandemCore
import Vapor

/// The dashboards (`/dashboards/company`, `/dashboards/departments/{id}?view=provider|requester`,
/// `/dashboards/me`): charts drawn on the server, each with its numbers as CSV
/// (`…/{chart}.csv`).
struct DashboardPages: RouteCollection {
    struct Context: Encodable {
        var layout: LayoutContext
        var heading: String
        var computed: String
        var total: Int
        var charts: [DashboardChart]
        var departments: [Choice]
        var views: [Choice]?
        var showCompany: Bool
    }

    func boot(routes: any RoutesBuilder) throws {
        let dashboards = routes.grouped("dashboards")
        dashboards.get(use: start)
        dashboards.get("company", use: page)
        dashboards.get("company", ":chart", use: csv)
        dashboards.get("me", use: page)
        dashboards.get("me", ":chart", use: csv)
        dashboards.get("departments", ":departmentID", use: page)
        dashboards.get("departments", ":departmentID", ":chart", use: csv)
    }

    /// The company's dashboard for those who see it, else one's own department's.
    func start(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        if InsightAccess.canSee(.company, actor) { return request.seeOther(Site.companyDashboard) }
        return request.seeOther(Site.dashboard(of: actor.departmentID))
    }

    /// The scope the path names, and the path itself.
    func scope(_ request: Request) throws -> (DashboardScope, String) {
        let actor = try request.actor()
        let query = try QueryParameters(request, allowed: ["view"])
        if let text = request.parameters.get("departmentID") {
            guard let id = Department.ID(text) else { throw TandemError.notFound("department") }
            let view = try query.enumValue("view", of: DashboardScope.DepartmentView.self) ?? .provider
            return (.department(id, view), Site.dashboard(of: id))
        }
        if request.url.path.hasPrefix(Site.myDashboard) { return (.person(actor.id), Site.myDashboard) }
        return (.company, Site.companyDashboard)
    }

    func charts(_ request: Request) async throws -> (DashboardCharts, PageDirectory) {
        let actor = try request.actor()
        let (scope, path) = try scope(request)
        let figures = try await request.tandem.dashboards.dashboard(scope, for: actor)
        let directory = try await PageDirectory.load(request, people: [])
        var query = ""
        if case .department(_, let view) = scope { query = "?view=" + view.rawValue }
        return (DashboardCharts(figures: figures, scope: scope, names: directory, request: request, base: path, query: query), directory)
    }

    func page(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let (charts, directory) = try await charts(request)
        let t = { (key: String) in request.t(key) }
        let heading: String
        var views: [Choice]?
        switch charts.scope {
        case .company: heading = t("dashboard.company")
        case .person: heading = t("dashboard.mine")
        case .department(let id, let view):
            heading = directory.departmentName(id)
            views = DashboardScope.DepartmentView.allCases.map {
                Choice(value: $0.rawValue, label: t("dashboard_view.\($0.rawValue)"), selected: $0 == view)
            }
        }
        let visible = directory.departments.values.filter { InsightAccess.canSee(.department($0.id, .provider), actor) }
        let departments = DepartmentTree.ordered(Array(visible)).map {
            Choice(
                value: Site.dashboard(of: $0.department.id), label: $0.department.name,
                selected: charts.scope.key.hasPrefix("department:\($0.department.id)"))
        }
        let context = Context(
            layout: LayoutContext(request, title: t("dashboard.title") + " · " + heading, section: "dashboards"), heading: heading,
            computed: PageFormat(request).dateTime(charts.figures.computedAt), total: charts.figures.total, charts: charts.all,
            departments: departments, views: views, showCompany: InsightAccess.canSee(.company, actor))
        return try await request.page("dashboard", context)
    }

    func csv(_ request: Request) async throws -> Response {
        _ = try request.actor()  // signed in before anything is said about the chart
        let name = request.parameters.get("chart") ?? ""
        guard name.hasSuffix(".csv") else { throw TandemError.notFound("chart") }
        let id = String(name.dropLast(4))
        let (charts, _) = try await charts(request)
        guard let chart = charts.all.first(where: { $0.id == id }) else { throw TandemError.notFound("chart") }
        return CSVText.response(CSVText.make(header: chart.header, rows: chart.rows), fileName: "\(chart.id).csv")
    }
}
