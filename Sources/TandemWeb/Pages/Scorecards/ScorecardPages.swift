import Foundation
import TandemCore
import Vapor

/// The scorecards page: a provider's figures over a period (or a pair's), beside the previous
/// period, with its ranks and the departments it served. Open to everyone signed in.
struct ScorecardPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("scorecards", use: show)
    }

    func show(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let query = try QueryParameters(request, allowed: ["department", "period", "requester"])
        let departments = try await request.tandem.organisation.departments(for: actor)
        let providers = departments.filter(\.isProvider)
        let workflow = request.tandem.scorecards
        let provider = try query.id("department") ?? providers.first { $0.id == actor.departmentID }?.id
            ?? DepartmentTree.ordered(providers).first?.department.id
        let requester: Department.ID? = try query.id("requester")
        var errors = FieldErrors()
        var period = workflow.currentPeriod
        do { period = try workflow.period(query.string("period")) } catch let error as TandemError { errors = FieldErrors(error, request) }
        var scorecard: Scorecard?
        if let provider, errors.isEmpty {
            scorecard = try await workflow.scorecard(provider: provider, requester: requester, period: period, for: actor)
        }
        let context = ScorecardPageContext(
            request, scorecard: scorecard, departments: departments, providers: providers, provider: provider, requester: requester,
            periodText: query.string("period") ?? period.description, errors: errors)
        return try await request.page("scorecard", context, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}
