import Foundation
import Logging
import NIOConcurrencyHelpers
import TandemCore
import TandemStore
import TandemTestSupport
import Testing

/// Records every attempt; fails the kinds it is told to fail.
final class RecordingHandler: JobHandler, @unchecked Sendable {
    let kinds = ["test.ok", "test.fail", "test.slow"]
    private let lock = NIOLock()
    private var attempts: [Job.ID: Int] = [:]

    func run(_ job: Job) async throws {
        lock.withLock { attempts[job.id, default: 0] += 1 }
        switch job.kind {
        case "test.fail": throw TandemError(.unavailable, "the receiver answered 500")
        case "test.slow": try await Task.sleep(for: .seconds(5))
        default: break
        }
    }

    func count(_ id: Job.ID) -> Int { lock.withLock { attempts[id] ?? 0 } }
    var total: Int { lock.withLock { attempts.values.reduce(0, +) } }
}

@Suite("Job runner")
struct JobRunnerTests {
    static let retry = JobRetry(base: 10, cap: 25, maxAttempts: 3)

    static func runner(
        _ app: TestApp, _ handler: RecordingHandler, _ clock: ManualClock, batch: Int = 8,
        timeout: Duration = .seconds(60)
    ) -> (JobRunner, SQLJobStore) {
        let store = SQLJobStore(app.services.database)
        let settings = JobRunner.Settings(batch: batch, idlePoll: .milliseconds(20), lease: 60, attemptTimeout: timeout, retry: retry)
        return (JobRunner(store: store, handlers: [handler], clock: clock, settings: settings, logger: Logger(label: "test")), store)
    }

    static func job(_ kind: String, _ clock: ManualClock) -> Job {
        Job(id: .init(UUID()), kind: kind, payload: "{}", maxAttempts: retry.maxAttempts, runAt: clock.now(), createdAt: clock.now())
    }

    @Test("back-off doubles up to its cap; the last attempt makes a job dead")
    func backOff() {
        #expect((1...5).map { Self.retry.delay(afterAttempt: $0) } == [10, 20, 25, 25, 25])
        #expect(JobRetry.standard.delay(afterAttempt: 1) == 30 && JobRetry.standard.delay(afterAttempt: 20) == 3600)
        var job = Self.job("test.fail", ManualClock(Date(timeIntervalSince1970: 1_790_000_000)))
        let now = Date(timeIntervalSince1970: 0)
        job.attempts = 2
        #expect(Self.retry.nextAttempt(of: job, failedAt: now) == now.addingTimeInterval(20))
        job.attempts = 3
        #expect(Self.retry.nextAttempt(of: job, failedAt: now) == nil)
    }

    @Test(
        "a job runs and is done; a failing one is retried after its back-off, then dead, and runs again when retried",
        arguments: TestDatabase.all)
    func lifecycle(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let clock = ManualClock(Date(timeIntervalSince1970: 1_790_000_000))
            let handler = RecordingHandler()
            let (runner, store) = Self.runner(app, handler, clock)
            let ok = Self.job("test.ok", clock), failing = Self.job("test.fail", clock), unknown = Self.job("test.nobody", clock)
            try await store.enqueue([ok, failing, unknown])
            // MUT
            #expect(await runner.runDueOnce() == 3)
            // validate
            #expect(try await store.job(ok.id)?.state == .done)
            #expect(try await store.job(unknown.id)?.state == .dead, "no handler: dead at once")
            #expect(try await store.job(unknown.id)?.lastError?.contains("test.nobody") == true)
            var failed = try #require(try await store.job(failing.id))
            #expect(failed.state == .pending && failed.attempts == 1)
            #expect(failed.runAt == clock.now().addingTimeInterval(10))
            #expect(failed.lastError?.contains("500") == true)
            #expect(await runner.runDueOnce() == 0, "not due before its back-off")
            clock.advance(by: 10)
            #expect(await runner.runDueOnce() == 1)
            failed = try #require(try await store.job(failing.id))
            #expect(failed.state == .pending && failed.attempts == 2 && failed.runAt == clock.now().addingTimeInterval(20))
            clock.advance(by: 20)
            #expect(await runner.runDueOnce() == 1)
            failed = try #require(try await store.job(failing.id))
            #expect(failed.state == .dead && failed.attempts == 3 && failed.finishedAt == clock.now())
            clock.advance(by: 1000)
            #expect(await runner.runDueOnce() == 0, "a dead job stays dead")
            #expect(handler.count(failing.id) == 3 && handler.count(ok.id) == 1)
            #expect(try await store.counts() == [.pending: 0, .running: 0, .done: 1, .dead: 2])
            // an administrator retries it: a fresh set of attempts
            let retried = try #require(try await store.retry(failing.id, at: clock.now()))
            #expect(retried.state == .pending && retried.attempts == 0)
            #expect(try await store.retry(ok.id, at: clock.now()) == nil, "only a dead job is retried")
            #expect(await runner.runDueOnce() == 1)
            #expect(handler.count(failing.id) == 4)
            #expect(try await store.jobs(state: .dead, limit: 10).map(\.id) == [unknown.id])
        }
    }

    @Test("an attempt that takes too long fails; a lease that runs out lets another runner take the job over", arguments: TestDatabase.all)
    func timeoutsAndLeases(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let clock = ManualClock(Date(timeIntervalSince1970: 1_790_000_000))
            let handler = RecordingHandler()
            let (runner, store) = Self.runner(app, handler, clock, timeout: Duration.milliseconds(100))
            let slow = Self.job("test.slow", clock)
            try await store.enqueue([slow])
            #expect(await runner.runDueOnce() == 1)
            let timedOut = try #require(try await store.job(slow.id))
            #expect(timedOut.state == .pending && timedOut.lastError == "the attempt took too long")

            // a runner that died holding a job: claimed, never finished
            let orphan = Self.job("test.ok", clock)
            try await store.enqueue([orphan])
            clock.advance(by: 10)
            let claimed = try await store.claim(limit: 10, now: clock.now(), leaseUntil: clock.now().addingTimeInterval(60))
            #expect(Set(claimed.map(\.id)) == [slow.id, orphan.id])
            #expect(
                try await store.claim(limit: 10, now: clock.now(), leaseUntil: clock.now().addingTimeInterval(60)).isEmpty,
                "a held job is nobody else's")
            clock.advance(by: 61)
            let takenOver = try await store.claim(limit: 10, now: clock.now(), leaseUntil: clock.now().addingTimeInterval(60))
            #expect(Set(takenOver.map(\.id)) == [slow.id, orphan.id])
            #expect(takenOver.first { $0.id == orphan.id }?.attempts == 2)
        }
    }

    @Test("two runners working one database run every job exactly once", arguments: TestDatabase.all)
    func twoRunners(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let clock = ManualClock(Date(timeIntervalSince1970: 1_790_000_000))
            let handler = RecordingHandler()
            let (first, store) = Self.runner(app, handler, clock, batch: 5)
            let (second, _) = Self.runner(app, handler, clock, batch: 5)
            let jobs = (0..<200).map { _ in Self.job("test.ok", clock) }
            try await store.enqueue(jobs)
            // MUT: both drain the queue at the same time
            async let a: Int = {
                var total = 0; while true { let ran = await first.runDueOnce(); if ran == 0 { return total }; total += ran }
            }()
            async let b: Int = {
                var total = 0; while true { let ran = await second.runDueOnce(); if ran == 0 { return total }; total += ran }
            }()
            let (ranByFirst, ranBySecond) = await (a, b)
            // validate
            #expect(ranByFirst + ranBySecond == 200)
            #expect(jobs.allSatisfy { handler.count($0.id) == 1 })
            #expect(handler.total == 200)
            #expect(try await store.counts()[.done] == 200)
        }
    }
}
