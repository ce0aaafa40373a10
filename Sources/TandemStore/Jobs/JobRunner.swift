import Foundation
import Logging
import NIOConcurrencyHelpers
import TandemCore

/// Claims due jobs and runs them with their handlers, a few at a time: done on success, pending
/// again after a back-off on failure, dead after the last attempt. Several runners (in several
/// processes on one PostgreSQL database) share the work; none takes a job another holds.
public final class JobRunner: Sendable {
    public struct Settings: Sendable {
        /// Jobs claimed and run together.
        public var batch: Int
        /// How long a runner with nothing to do waits before looking again (`wake()` cuts it short).
        public var idlePoll: Duration
        /// How long a claimed job is held; a runner that died lets it go after this.
        public var lease: TimeInterval
        /// How long one attempt may take before it counts as failed.
        public var attemptTimeout: Duration
        public var retry: JobRetry

        public init(
            batch: Int = 16, idlePoll: Duration = .seconds(1), lease: TimeInterval = 120, attemptTimeout: Duration = .seconds(60),
            retry: JobRetry = .standard
        ) {
            self.batch = batch
            self.idlePoll = idlePoll
            self.lease = lease
            self.attemptTimeout = attemptTimeout
            self.retry = retry
        }
    }

    struct AttemptTimedOut: Error, CustomStringConvertible {
        var description: String { "the attempt took too long" }
    }

    let store: any JobStore
    let handlers: [String: any JobHandler]
    let clock: any TandemCore.Clock
    let settings: Settings
    let logger: Logger
    private let wakeup = Wakeup()
    private let loop = NIOLockedValueBox<Task<Void, Never>?>(nil)

    public init(
        store: any JobStore, handlers: [any JobHandler], clock: any TandemCore.Clock, settings: Settings = Settings(), logger: Logger
    ) {
        self.store = store
        var byKind: [String: any JobHandler] = [:]
        for handler in handlers { for kind in handler.kinds { byKind[kind] = handler } }
        self.handlers = byKind
        self.clock = clock
        self.settings = settings
        self.logger = logger
    }

    /// Starts working in the background until `stop()`.
    public func start() {
        loop.withLockedValue { task in
            guard task == nil else { return }
            task = Task { [self] in
                while !Task.isCancelled {
                    let ran = await runDueOnce()
                    if ran == 0 { await wakeup.wait(upTo: settings.idlePoll) }
                }
            }
        }
    }

    /// Stops taking jobs and waits for the ones running to end, at most `grace` (a job stuck on
    /// a dead connection must not keep the process from exiting; its lease lets another runner
    /// take it over).
    public func stop(grace: Duration = .seconds(10)) async {
        let task = loop.withLockedValue { task in
            defer { task = nil }; return task
        }
        guard let task else { return }
        task.cancel()
        await wakeup.signal()
        await Self.wait(for: task, atMost: grace)
    }

    /// Waits for a task to end, or for `limit`, whichever comes first.
    public static func wait(for task: Task<Void, Never>, atMost limit: Duration) async {
        let resumed = NIOLockedValueBox(false)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            @Sendable func resumeOnce() {
                if resumed.withLockedValue({ done in
                    defer { done = true }; return !done
                }) {
                    continuation.resume()
                }
            }
            Task {
                await task.value; resumeOnce()
            }
            Task {
                try? await Task.sleep(for: limit); resumeOnce()
            }
        }
    }

    /// Asks an idle runner to look for jobs now (new work was just written).
    public func wake() {
        Task { await wakeup.signal() }
    }

    /// Claims one batch of due jobs and runs it; returns how many ran. A database that cannot
    /// be reached counts as nothing to do (the loop waits and tries again).
    @discardableResult
    public func runDueOnce() async -> Int {
        let now = clock.now()
        let jobs: [Job]
        do {
            jobs = try await store.claim(limit: settings.batch, now: now, leaseUntil: now.addingTimeInterval(settings.lease))
        } catch {
            logger.warning("jobs: could not claim: \(error)")
            return 0
        }
        // NB: the jobs that succeed are marked done together: one write for the batch.
        let succeeded = await withTaskGroup(of: Job.ID?.self) { group in
            for job in jobs { group.addTask { await self.run(job) ? job.id : nil } }
            var done: [Job.ID] = []
            for await id in group { if let id { done.append(id) } }
            return done
        }
        do {
            try await store.finish(succeeded, at: clock.now())
        } catch {
            logger.error("jobs: \(succeeded.count) done could not be marked so (their leases run out and they run again): \(error)")
        }
        return jobs.count
    }

    /// One attempt; whether it succeeded (a failure is recorded here).
    private func run(_ job: Job) async -> Bool {
        do {
            guard let handler = handlers[job.kind] else { throw NoHandler(kind: job.kind) }
            try await withTimeout(settings.attemptTimeout) { try await handler.run(job) }
            return true
        } catch {
            let now = clock.now()
            let retryAt = error is NoHandler ? nil : settings.retry.nextAttempt(of: job, failedAt: now)
            logger.warning("job \(job.kind) \(job.id) attempt \(job.attempts) failed: \(error)\(retryAt == nil ? " — dead" : "")")
            do {
                try await store.fail(job.id, error: String(describing: error), retryAt: retryAt, at: now)
            } catch {
                // The lease runs out and another attempt takes the job over.
                logger.error("job \(job.id): the failure could not be recorded: \(error)")
            }
            return false
        }
    }

    struct NoHandler: Error, CustomStringConvertible {
        var kind: String
        var description: String { "no handler runs jobs of kind '\(kind)'" }
    }

    private func withTimeout(_ limit: Duration, _ body: @escaping @Sendable () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                try await body(); return true
            }
            group.addTask {
                try await Task.sleep(for: limit); return false
            }
            defer { group.cancelAll() }
            guard try await group.next() == true else { throw AttemptTimedOut() }
        }
    }
}
