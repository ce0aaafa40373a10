import Foundation
import SQLKit
import TandemCore
import TandemSQLite

/// Background jobs in `jobs`. A claim is one `UPDATE … RETURNING`: on PostgreSQL over rows
/// locked with `FOR UPDATE SKIP LOCKED`, so runners in several processes never take the same
/// job; on SQLite through the one writer connection (one writer, one runner).
public struct SQLJobStore: JobStore {
    let database: StoreDatabase

    public init(_ database: StoreDatabase) { self.database = database }

    struct Row: Codable, Sendable {
        var id: UUID
        var kind: String
        var payload: String
        var state: String
        var attempts: Int
        var max_attempts: Int
        var run_at: Date
        var locked_until: Date?
        var last_error: String?
        var dedup_key: String?
        var created_at: Date
        var updated_at: Date
        var finished_at: Date?

        init(_ job: Job) {
            id = job.id.rawValue
            kind = job.kind
            payload = job.payload
            state = job.state.rawValue
            attempts = job.attempts
            max_attempts = job.maxAttempts
            run_at = job.runAt.storable
            locked_until = job.lockedUntil?.storable
            last_error = job.lastError
            dedup_key = job.dedupKey
            created_at = job.createdAt.storable
            updated_at = job.updatedAt.storable
            finished_at = job.finishedAt?.storable
        }

        var job: Job {
            Job(
                id: .init(id), kind: kind, payload: payload, state: Job.State(rawValue: state) ?? .dead, attempts: attempts,
                maxAttempts: max_attempts, runAt: run_at, lockedUntil: locked_until, lastError: last_error, dedupKey: dedup_key,
                createdAt: created_at,
                updatedAt: updated_at, finishedAt: finished_at)
        }

        static let columnList =
            "id, kind, payload, state, attempts, max_attempts, run_at, locked_until, last_error, dedup_key, created_at, updated_at, finished_at"
        static let columns = columnList.split(separator: ",").map { SQLIdentifier($0.trimmingCharacters(in: .whitespaces)) }
    }

    /// Errors are kept short: what an administrator reads, not a dump.
    static let maxErrorLength = 2000

    public func enqueue(_ jobs: [Job]) async throws {
        guard !jobs.isEmpty else { return }
        try await database.write { sql in try await Self.insert(jobs, on: sql) }
    }

    public func deleteFinished(before cutoff: Date) async throws -> Int {
        try await database.write { sql in
            try await sql.delete(from: "jobs").where("state", .equal, Job.State.done.rawValue)
                .where("finished_at", .lessThan, cutoff.storable).returning(SQLLiteral.numeric("1")).all().count
        }
    }

    /// Inserts jobs inside a transaction someone else runs (a need's change and the jobs it asks
    /// for). A job whose `dedupKey` is already stored is left out.
    static func insert(_ jobs: [Job], on sql: any SQLDatabase) async throws {
        try await sql.insertRows(jobs.map(Row.init), into: "jobs", ignoringConflicts: true)
    }

    public func claim(limit: Int, now: Date, leaseUntil: Date) async throws -> [Job] {
        let now = now.storable, lease = leaseUntil.storable
        let lock: SQLQueryString = database.dialect == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        return try await database.write { sql in
            let query: SQLQueryString = """
                UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_until = \(bind: lease), updated_at = \(bind: now)
                WHERE id IN (SELECT id FROM jobs
                    WHERE (state = 'pending' AND run_at <= \(bind: now)) OR (state = 'running' AND locked_until < \(bind: now))
                    ORDER BY run_at LIMIT \(literal: limit)\(lock))
                RETURNING \(unsafeRaw: Row.columnList)
                """
            return try await sql.raw(query).allRows(Row.self).map(\.job).sorted { $0.runAt < $1.runAt }
        }
    }

    public func finish(_ ids: [Job.ID], at now: Date) async throws {
        guard !ids.isEmpty else { return }
        try await database.write { sql in
            try await sql.update("jobs").set("state", to: Job.State.done.rawValue).set("locked_until", to: SQLLiteral.null)
                .set("updated_at", to: now.storable).set("finished_at", to: now.storable).set("last_error", to: SQLLiteral.null)
                .where("id", .in, ids.map(\.rawValue)).run()
        }
    }

    public func fail(_ id: Job.ID, error: String, retryAt: Date?, at now: Date) async throws {
        let message = String(error.prefix(Self.maxErrorLength))
        try await database.write { sql in
            var update = sql.update("jobs").set("locked_until", to: SQLLiteral.null).set("last_error", to: message)
                .set("updated_at", to: now.storable)
            if let retryAt {
                update = update.set("state", to: Job.State.pending.rawValue).set("run_at", to: retryAt.storable)
            } else {
                update = update.set("state", to: Job.State.dead.rawValue).set("finished_at", to: now.storable)
            }
            try await update.where("id", .equal, id.rawValue).run()
        }
    }

    public func job(_ id: Job.ID) async throws -> Job? {
        try await database.read { sql in
            try await sql.select().columns(Row.columns).from("jobs").where("id", .equal, id.rawValue).firstRow(Row.self)?.job
        }
    }

    public func jobs(state: Job.State?, limit: Int) async throws -> [Job] {
        try await database.read { sql in
            var select = sql.select().columns(Row.columns).from("jobs")
            if let state { select = select.where("state", .equal, state.rawValue) }
            return try await select.orderBy("updated_at", .descending).limit(limit).allRows(Row.self).map(\.job)
        }
    }

    public func counts() async throws -> [Job.State: Int] {
        try await database.read { sql in try await sql.counts(of: "state", in: "jobs", as: Job.State.self) }
    }

    public func retry(_ id: Job.ID, at now: Date) async throws -> Job? {
        let changed = try await database.write { sql in
            try await sql.update("jobs").set("state", to: Job.State.pending.rawValue).set("attempts", to: 0)
                .set("run_at", to: now.storable).set("updated_at", to: now.storable).set("finished_at", to: SQLLiteral.null)
                .where("id", .equal, id.rawValue).where("state", .equal, Job.State.dead.rawValue).runCountingRows()
        }
        return changed == 1 ? try await job(id) : nil
    }
}
