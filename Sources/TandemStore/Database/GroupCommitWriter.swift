import Foundation
import Logging
import SQLKit
import FluentSQLiteDriver
import TandemCore

/// The SQLite write path: one dedicated connection that commits many requests' writes in one
/// transaction (group commit), so that one fsync covers them all.
///
/// Writes queue up while a batch is committing; the next batch takes everything queued. A
/// failing write fails alone (see `run`). Nobody is answered before the COMMIT that holds their
/// write has returned, and with `synchronous = FULL` in WAL mode that COMMIT is on disk.
actor GroupCommitWriter {
    typealias Work = @Sendable (any SQLDatabase) async throws -> any Sendable

    private struct Job {
        let work: Work
        let continuation: CheckedContinuation<any Sendable, any Error>
    }

    private let path: String
    private let logger: Logger
    private var connection: SQLiteConnection?
    private var queued: [Job] = []
    private var draining = false
    /// A cap on one batch, so a flood of writes still commits in bounded steps.
    private let maxBatch = 256

    init(path: String, logger: Logger) {
        self.path = path
        self.logger = logger
    }

    /// Runs `work` in the next batch and returns its result once the batch is committed.
    func submit<T: Sendable>(_ work: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let value = try await withCheckedThrowingContinuation { continuation in
            queued.append(Job(work: { try await work($0) }, continuation: continuation))
            if !draining {
                draining = true
                Task { await self.drain() }
            }
        }
        return value as! T
    }

    func close() async {
        try? await connection?.close()
        connection = nil
    }

    private func drain() async {
        while !queued.isEmpty {
            let batch = Array(queued.prefix(maxBatch))
            queued.removeFirst(batch.count)
            await run(batch)
        }
        draining = false
    }

    private func writer() async throws -> any SQLDatabase {
        if let connection { return connection.sql() }
        let opened = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        for pragma in ["PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 5000", "PRAGMA synchronous = FULL"] {
            _ = try await opened.query(pragma)
        }
        connection = opened
        return opened.sql()
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
        let sql = try await writer()
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
