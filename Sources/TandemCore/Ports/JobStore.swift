import Foundation

/// Background jobs in the database.
public protocol JobStore: Sendable {
    /// Stores new jobs (on their own; jobs that belong to a change go in that change's write).
    /// A job whose `dedupKey` is taken is left out.
    func enqueue(_ jobs: [Job]) async throws
    /// Removes the jobs done before `cutoff` (failed ones stay for administrators); returns how many.
    func deleteFinished(before cutoff: Date) async throws -> Int
    /// Takes up to `limit` jobs that are due at `now` — pending ones, and running ones whose
    /// lease ran out — marks them running until `leaseUntil` and counts the attempt. No two
    /// runners, in this process or another, get the same job.
    func claim(limit: Int, now: Date, leaseUntil: Date) async throws -> [Job]
    /// Marks claimed jobs done.
    func finish(_ ids: [Job.ID], at now: Date) async throws
    /// Marks a claimed job failed: pending again at `retryAt`, or dead when that is `nil`.
    func fail(_ id: Job.ID, error: String, retryAt: Date?, at now: Date) async throws
    func job(_ id: Job.ID) async throws -> Job?
    /// The most recently changed jobs, of one state or all.
    func jobs(state: Job.State?, limit: Int) async throws -> [Job]
    /// How many jobs are in each state.
    func counts() async throws -> [Job.State: Int]
    /// Makes a dead job pending again, due at `now`, with a fresh count of attempts.
    func retry(_ id: Job.ID, at now: Date) async throws -> Job?
}
