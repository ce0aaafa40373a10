import Foundation

/// Runs the jobs of some kinds. Throwing means the attempt failed (the job is retried later);
/// a handler must tolerate running a job twice (a runner that dies after the work but before
/// marking it done leaves it to run again).
public protocol JobHandler: Sendable {
    var kinds: [String] { get }
    func run(_ job: Job) async throws
}
