import Foundation
import TandemCore
import Vapor

/// Dashboard figures as JSON: the company's, a department's, one's own.
struct DashboardController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("dashboards", "company", use: company)
        routes.get("dashboards", "departments", ":departmentID", use: department)
        routes.get("me", "dashboard", use: mine)
    }

    func company(_ request: Request) async throws -> Response {
        _ = try QueryParameters(request, allowed: [])
        return try json(try await request.tandem.dashboards.dashboard(.company, for: try request.actor()))
    }

    func department(_ request: Request) async throws -> Response {
        let query = try QueryParameters(request, allowed: ["view"])
        let view = try query.enumValue("view", of: DashboardScope.DepartmentView.self) ?? .provider
        let id: Department.ID = try request.id("departmentID", "department")
        return try json(try await request.tandem.dashboards.dashboard(.department(id, view), for: try request.actor()))
    }

    func mine(_ request: Request) async throws -> Response {
        _ = try QueryParameters(request, allowed: [])
        let actor = try request.actor()
        return try json(try await request.tandem.dashboards.dashboard(.person(actor.id), for: actor))
    }
}

/// Refreshes a dashboard's snapshot in the background.
struct DashboardRefreshHandler: JobHandler {
    let workflow: DashboardWorkflow
    var kinds: [String] { [DashboardWorkflow.refreshKind] }

    func run(_ job: Job) async throws { try await workflow.runRefresh(job) }
}
