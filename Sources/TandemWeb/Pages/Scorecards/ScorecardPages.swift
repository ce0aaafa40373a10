import Foundation
import TandemCore
import Vapor

/// The scorecards page: a provider's figures over a period (or a pair's), beside the previous
/// period, with its ranks and the departments it served. Open to everyone signed in.
struct ScorecardPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("scorecards", use: show)
        routes.get("scorecards", "export.csv", use: csv)
    }

    func show(_ request: Request) async throws -> Response {
        let (context, failed) = try await load(request)
        return try await request.page("scorecard", context, status: failed ? .unprocessableEntity : .ok)
    }

    /// The scorecard's figures, its evaluation and the departments it served, as CSV for Excel.
    func csv(_ request: Request) async throws -> Response {
        let (context, _) = try await load(request, strict: true)
        guard let rows = context.rows, let current = context.periodLabel, let previous = context.previousLabel else {
            throw TandemError.invalid("department", "choose a providing department", .required)
        }
        let t = { (key: String) in request.t(key) }
        var lines = (context.withheld ?? []).map { [t("scorecard.withheld_short"), $0, "", "", ""] }
        lines += rows.map { [t("scorecard.figure"), $0.label, $0.current, $0.previous, $0.change] }
        lines += (context.evaluation ?? []).map { [t("scorecard.evaluation_short"), $0.label, $0.current, $0.previous, $0.change] }
        lines += (context.served ?? []).map { [t("scorecard.served"), $0.name, String($0.volume), "", $0.satisfaction] }
        let header = [t("export.list"), context.heading ?? "", current, previous, t("scorecard.change")]
        return CSVText.response(CSVText.make(header: header, rows: lines), fileName: "scorecard-\(current).csv")
    }

    /// The page's figures; `strict` turns a bad period into an error instead of a message.
    private func load(_ request: Request, strict: Bool = false) async throws -> (ScorecardPageContext, failed: Bool) {
        let actor = try request.actor()
        let query = try QueryParameters(
            request, allowed: ["department", "period", "requester", ScorecardPageContext.requesterField.lookupField])
        let departments = try await request.tandem.organisation.departments(for: actor)
        let providers = departments.filter(\.isProvider)
        let workflow = request.tandem.scorecards
        let provider =
            try query.id("department") ?? providers.first { $0.id == actor.departmentID }?.id
            ?? DepartmentTree.ordered(providers).first?.department.id
        let requester = try await ScorecardPageContext.requesterField.filtered(
            typed: query.string(ScorecardPageContext.requesterField.lookupField), chosen: try query.id("requester"), request)
        var errors = FieldErrors()
        var period = workflow.currentPeriod
        do { period = try workflow.period(query.string("period")) } catch let error as TandemError where !strict {
            errors = FieldErrors(error, request)
        }
        var scorecard: Scorecard?
        let group = try await request.tandem.settings.minimumGroup(for: actor)
        if let provider, errors.isEmpty {
            scorecard = try await workflow.scorecard(provider: provider, requester: requester, period: period, for: actor)
        }
        let context = ScorecardPageContext(
            request, scorecard: scorecard, departments: departments, providers: providers, provider: provider, requester: requester,
            periodText: query.string("period") ?? period.description, group: group, errors: errors)
        return (context, !errors.isEmpty)
    }
}
