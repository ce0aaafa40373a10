import Foundation
import Logging
import SQLKit
import FluentSQLiteDriver
import TandemCore

/// The SQLite write path: one dedicated connection that commits many requests' writes in one
/// transaction (group commit), so that one fsync covers them all.
///
/// Writes queue up while a batch is committing; the next batch takes everything queued. Each
/// write runs inside its own savepoint, so a failing write rolls back alone and the others in
/// its batch still commit. Nobody is answered before the COMMIT that holds their write has
/// returned, and with `synchronous = FULL` in WAL mode that COMMIT is on disk.
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

    private func run(_ batch: [Job]) async {
        let sql: any SQLDatabase
        do {
            sql = try await writer()
            try await sql.raw("BEGIN IMMEDIATE").run()
        } catch {
            for job in batch { job.continuation.resume(throwing: error) }
            return
        }
        var outcomes: [Result<any Sendable, any Error>] = []
        for job in batch {
            do {
                try await sql.raw("SAVEPOINT tandem_write").run()
                let value = try await job.work(sql)
                try await sql.raw("RELEASE SAVEPOINT tandem_write").run()
                outcomes.append(.success(value))
            } catch {
                do {
                    try await sql.raw("ROLLBACK TO SAVEPOINT tandem_write").run()
                    try await sql.raw("RELEASE SAVEPOINT tandem_write").run()
                    outcomes.append(.failure(error))
                } catch let rollbackError {
                    // NB: the transaction is unusable; fail the whole batch.
                    logger.error("savepoint rollback failed: \(String(reflecting: rollbackError))")
                    await abandon(batch, error: rollbackError, sql)
                    return
                }
            }
        }
        do {
            try await sql.raw("COMMIT").run()
        } catch {
            logger.error("group commit failed: \(String(reflecting: error))")
            await abandon(batch, error: error, sql)
            return
        }
        for (job, outcome) in zip(batch, outcomes) { job.continuation.resume(with: outcome) }
    }

    private func abandon(_ batch: [Job], error: any Error, _ sql: any SQLDatabase) async {
        try? await sql.raw("ROLLBACK").run()
        for job in batch { job.continuation.resume(throwing: error) }
    }
}
