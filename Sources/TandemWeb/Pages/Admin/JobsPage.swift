import Foundation
import TandemCore
import Vapor

/// The background jobs for administrators: counts by state, the latest jobs of one state with
/// their last error, and a retry button for the dead ones.
struct JobsPage: RouteCollection {
    struct Row: Encodable {
        var id: String
        var kind: String
        var state: String
        var stateLabel: String
        var attempts: String
        var runAt: String
        var updatedAt: String
        var lastError: String?
        var canRetry: Bool
    }

    struct JobsContext: Encodable {
        var layout: LayoutContext
        var admin: AdminNavigation
        var states: [Choice]
        var rows: [Row]?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("admin", "jobs", use: show)
        routes.post("admin", "jobs", ":jobID", "retry", use: retry)
    }

    func show(_ request: Request) async throws -> Response {
        let actor = try AdminNavigation.actor(request)
        let state =
            try request.query[String.self, at: "state"].map { text -> Job.State in
                guard let state = Job.State(rawValue: text) else {
                    throw TandemError.invalid("state", "state has an unknown value", .notAnOption)
                }
                return state
            } ?? .dead
        let jobs = try await request.tandem.jobs.jobs(state: state, limit: 200, for: actor)
        let counts = try await request.tandem.jobs.counts(for: actor)
        let format = PageFormat(request)
        let rows = jobs.map { job in
            Row(
                id: job.id.description, kind: request.t("job_kind.\(job.kind)"), state: job.state.rawValue,
                stateLabel: request.t("job_state.\(job.state.rawValue)"),
                attempts: "\(job.attempts) / \(job.maxAttempts)", runAt: format.dateTime(job.runAt),
                updatedAt: format.dateTime(job.updatedAt),
                lastError: job.lastError, canRetry: job.state == .dead)
        }
        let context = JobsContext(
            layout: LayoutContext(request, title: request.t("admin.jobs"), section: "admin"),
            admin: AdminNavigation(request, actor, current: "jobs"),
            states: Job.State.allCases.map {
                Choice(
                    value: $0.rawValue,
                    label: request.t("admin.jobs_in_state", request.t("job_state.\($0.rawValue)"), String(counts[$0] ?? 0)),
                    selected: $0 == state)
            },
            rows: rows.nonEmpty)
        return try await request.page("admin-jobs", context)
    }

    func retry(_ request: Request) async throws -> Response {
        let actor = try AdminNavigation.actor(request)
        _ = try PageForm.read(request)
        _ = try await request.tandem.jobs.retry(request.id("jobID", "job"), by: actor)
        request.tandem.jobRunner.wake()
        return request.seeOther(Site.adminJobs + "?done=saved")
    }
}
