import Foundation
import Logging
import NIOConcurrencyHelpers
import SQLKit

/// The SQLite write path: one dedicated connection that commits many requests' writes in one
/// transaction (group commit), so that one fsync covers them all.
///
/// Writes queue up while a batch is committing; the next batch takes everything queued. A
/// failing write fails alone (see `run`). Nobody is answered before the COMMIT that holds their
/// write is on disk: in WAL mode `WALSyncer` syncs the log after the commit while the next batch
/// is written; otherwise the COMMIT itself syncs (`synchronous = FULL`).
///
/// The batches run on a thread of their own (`SQLiteThread`), where every statement of every
/// write runs without leaving the thread.
package final class GroupCommitWriter: Sendable {
    package typealias Work = @Sendable (any SQLDatabase) async throws -> any Sendable

    private struct Job: Sendable {
        let work: Work
        let continuation: CheckedContinuation<any Sendable, any Error>
    }

    private struct Queue {
        var jobs = WorkQueue<Job>()
        var connection: SQLiteHandle?
        /// Whether commits are synced by `syncer` (WAL mode) rather than by themselves.
        var syncsAfterCommit = false
    }

    private let path: String
    private let logger: Logger
    private let thread = SQLiteThread(name: "sqlite-write")
    private let checkpointer: SQLiteCheckpointer
    private let syncer: WALSyncer
    private let queue = NIOLockedValueBox(Queue())
    /// A cap on one batch, so a flood of writes still commits in bounded steps.
    private let maxBatch = 256

    package init(path: String, logger: Logger) {
        self.path = path
        self.logger = logger
        checkpointer = SQLiteCheckpointer(path: path)
        syncer = WALSyncer(databasePath: path)
    }

    /// Runs `work` in the next batch and returns its result once the batch is committed and on disk.
    package func submit<T: Sendable>(_ work: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let value = try await withCheckedThrowingContinuation { continuation in
            let job = Job(work: { try await work($0) }, continuation: continuation)
            if queue.withLockedValue({ $0.jobs.add(job) }) {
                Task(executorPreference: thread) { await self.drain() }
            }
        }
        return value as! T
    }

    package func close() {
        let connection = queue.withLockedValue { queue -> SQLiteHandle? in
            defer { queue.connection = nil }
            return queue.connection
        }
        connection?.close()
        thread.stop()
        checkpointer.stop()
        syncer.stop()
    }

    /// Commits batches until none is waiting (on the writer's thread).
    private func drain() async {
        while case let batch = queue.withLockedValue({ $0.jobs.next(limit: maxBatch) }), !batch.isEmpty {
            await run(batch)
        }
    }

    private func writer() throws -> any SQLDatabase {
        if let connection = queue.withLockedValue({ $0.connection }) { return connection.sql(logger: logger) }
        // NB: a page cache of 32 MB (SQLite's default is 2): the indexes of a million needs no
        // longer come back from the file at every insert.
        let opened = try SQLiteHandle(path: path, pragmas: ["PRAGMA foreign_keys = ON", "PRAGMA cache_size = -32768"])
        opened.handCheckpoints(to: checkpointer)
        var journalMode = ""
        try opened.execute("PRAGMA journal_mode", []) { journalMode = (try? $0.decode(column: "journal_mode", as: String.self)) ?? "" }
        let syncsAfterCommit = journalMode.lowercased() == "wal"
        try opened.execute(syncsAfterCommit ? "PRAGMA synchronous = NORMAL" : "PRAGMA synchronous = FULL", []) { _ in }
        queue.withLockedValue {
            $0.connection = opened
            $0.syncsAfterCommit = syncsAfterCommit
        }
        return opened.sql(logger: logger)
    }

    /// Commits a batch in one transaction. Writes fail rarely (input is checked before it gets
    /// here), so the batch runs without savepoints; if one write fails, the whole transaction is
    /// rolled back and each write of the batch runs again in a transaction of its own, so the
    /// failure stays with its owner. (A write is only SQL computed from its inputs, so running it
    /// again after a rollback is safe.)
    private func run(_ batch: [Job]) async {
        if batch.count > 1, let values = try? await commit(batch) {
            answer(batch, with: values.map { .success($0) })
            return
        }
        var results: [Result<any Sendable, any Error>] = []
        for job in batch {
            do {
                results.append(.success(try await commit([job])[0]))
            } catch {
                results.append(.failure(error))
            }
        }
        answer(batch, with: results)
    }

    /// Answers each write once its commit is on disk; if the log cannot be synced, the writes
    /// fail (they may not survive a power cut, so they are not acknowledged).
    private func answer(_ batch: [Job], with results: [Result<any Sendable, any Error>]) {
        guard queue.withLockedValue({ $0.syncsAfterCommit }) else {
            for (job, result) in zip(batch, results) { job.continuation.resume(with: result) }
            return
        }
        syncer.whenDurable { synced in
            for (job, result) in zip(batch, results) {
                if case .failure(let error) = synced, case .success = result {
                    job.continuation.resume(throwing: error)
                } else {
                    job.continuation.resume(with: result)
                }
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
