import Foundation
import Logging
import NIOConcurrencyHelpers
import SQLKit
import TandemCore

/// The SQLite write path: one dedicated connection that commits many requests' writes in one
/// transaction (group commit), so that one fsync covers them all.
///
/// Writes queue up while a batch is committing; the next batch takes everything queued. A
/// failing write fails alone (see `run`). Nobody is answered before the COMMIT that holds their
/// write has returned, and with `synchronous = FULL` in WAL mode that COMMIT is on disk.
///
/// The batches run on a thread of their own (`SQLiteThread`), where every statement of every
/// write, and the COMMIT with its fsync, runs without leaving the thread.
final class GroupCommitWriter: Sendable {
    typealias Work = @Sendable (any SQLDatabase) async throws -> any Sendable

    private struct Job: Sendable {
        let work: Work
        let continuation: CheckedContinuation<any Sendable, any Error>
    }

    private struct Queue {
        var jobs: [Job] = []
        var draining = false
        var connection: SQLiteHandle?
    }

    private let path: String
    private let logger: Logger
    private let thread = SQLiteThread(name: "tandem-sqlite-write")
    private let queue = NIOLockedValueBox(Queue())
    /// A cap on one batch, so a flood of writes still commits in bounded steps.
    private let maxBatch = 256

    init(path: String, logger: Logger) {
        self.path = path
        self.logger = logger
    }

    /// Runs `work` in the next batch and returns its result once the batch is committed.
    func submit<T: Sendable>(_ work: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let value = try await withCheckedThrowingContinuation { continuation in
            let startsDraining = queue.withLockedValue { queue -> Bool in
                queue.jobs.append(Job(work: { try await work($0) }, continuation: continuation))
                defer { queue.draining = true }
                return !queue.draining
            }
            if startsDraining {
                Task(executorPreference: thread) { await self.drain() }
            }
        }
        return value as! T
    }

    func close() {
        let connection = queue.withLockedValue { queue -> SQLiteHandle? in
            defer { queue.connection = nil }
            return queue.connection
        }
        connection?.close()
        thread.stop()
    }

    /// Commits batches until none is waiting (on the writer's thread).
    private func drain() async {
        while true {
            let batch = queue.withLockedValue { queue -> [Job] in
                let batch = Array(queue.jobs.prefix(maxBatch))
                queue.jobs.removeFirst(batch.count)
                if batch.isEmpty { queue.draining = false }
                return batch
            }
            if batch.isEmpty { return }
            await run(batch)
        }
    }

    private func writer() throws -> any SQLDatabase {
        if let connection = queue.withLockedValue({ $0.connection }) { return connection.sql(logger: logger) }
        let opened = try SQLiteHandle(path: path, pragmas: ["PRAGMA foreign_keys = ON", "PRAGMA synchronous = FULL"])
        queue.withLockedValue { $0.connection = opened }
        return opened.sql(logger: logger)
    }

    /// Commits a batch in one transaction. Writes fail rarely (input is checked before it gets
    /// here), so the batch runs without savepoints; if one write fails, the whole transaction is
    /// rolled back and each write of the batch runs again in a transaction of its own, so the
    /// failure stays with its owner. (A write is only SQL computed from its inputs, so running it
    /// again after a rollback is safe.)
    private func run(_ batch: [Job]) async {
        if batch.count > 1, let values = try? await commit(batch) {
            for (job, value) in zip(batch, values) { job.continuation.resume(returning: value) }
            return
        }
        for job in batch {
            do {
                job.continuation.resume(returning: try await commit([job])[0])
            } catch {
                job.continuation.resume(throwing: error)
            }
        }
    }

    /// Runs the writes in one transaction and commits it; on any error rolls it all back.
    private func commit(_ batch: [Job]) async throws -> [any Sendable] {
        let sql = try writer()
        try await sql.raw("BEGIN IMMEDIATE").run()
        do {
            var values: [any Sendable] = []
            for job in batch { values.append(try await job.work(sql)) }
            try await sql.raw("COMMIT").run()
            return values
        } catch {
            try? await sql.raw("ROLLBACK").run()
            throw error
        }
    }
}
