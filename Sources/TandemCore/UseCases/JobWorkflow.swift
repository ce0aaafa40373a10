import Foundation

/// What administrators see of the background jobs, and the retry of a dead one.
public struct JobWorkflow: Sendable {
    public let store: any JobStore
    public let clock: any Clock

    public init(store: any JobStore, clock: any Clock) {
        self.store = store
        self.clock = clock
    }

    public func jobs(state: Job.State?, limit: Int = 100, for actor: Person) async throws -> [Job] {
        try Self.checkAdministrator(actor)
        guard (1...500).contains(limit) else {
            throw TandemError.invalid("limit", "limit must be between 1 and 500", .outOfRange, "1", "500")
        }
        return try await store.jobs(state: state, limit: limit)
    }

    public func counts(for actor: Person) async throws -> [Job.State: Int] {
        try Self.checkAdministrator(actor)
        return try await store.counts()
    }

    /// Runs a dead job again from its first attempt.
    public func retry(_ id: Job.ID, by actor: Person) async throws -> Job {
        try Self.checkAdministrator(actor)
        guard let job = try await store.job(id) else { throw TandemError.notFound("job") }
        guard job.state == .dead else {
            throw TandemError(.conflict, "only a dead job can be retried; this one is \(word: job.state.rawValue, family: "job_state")")
        }
        guard let retried = try await store.retry(id, at: clock.now()) else {
            throw TandemError(.conflict, "the job changed meanwhile")
        }
        return retried
    }

    private static func checkAdministrator(_ actor: Person) throws {
        guard AccessPolicy.canSeeJobs(actor) else { throw TandemError.forbidden("only administrators see the background jobs") }
    }
}
