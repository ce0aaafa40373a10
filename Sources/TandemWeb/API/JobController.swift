import Foundation
import TandemCore
import Vapor

/// The background jobs, for administrators: what is waiting, what failed, and a retry.
struct JobController: RouteCollection {
    struct JobList: Encodable {
        var items: [Job]
        var counts: [String: Int]
    }

    func boot(routes: any RoutesBuilder) throws {
        let jobs = routes.grouped("jobs")
        jobs.get(use: list)
        jobs.post(":jobID", "retry", use: retry)
    }

    func list(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let query = try QueryParameters(request, allowed: ["state", "limit"])
        let state = try query.enumValue("state", of: Job.State.self)
        let jobs = try await request.tandem.jobs.jobs(state: state, limit: try query.int("limit") ?? 100, for: actor)
        let counts = try await request.tandem.jobs.counts(for: actor)
        return try json(JobList(items: jobs, counts: Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) })))
    }

    func retry(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let job = try await request.tandem.jobs.retry(request.id("jobID", "job"), by: actor)
        request.tandem.jobRunner.wake()
        return try json(job)
    }
}
