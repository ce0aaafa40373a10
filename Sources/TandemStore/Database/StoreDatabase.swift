import FluentKit
import SQLKit
import TandemCore

/// The database the stores work on: SQLite or PostgreSQL behind one interface.
/// Writes go through `write`, one transaction each; on SQLite they are also serialised in
/// this process, because SQLite has one writer at a time and answers a second one with
/// "database is locked" rather than waiting.
public final class StoreDatabase: Sendable {
    public enum Dialect: String, Sendable { case sqlite, postgres }

    public let dialect: Dialect
    private let makeDatabase: @Sendable () -> any Database
    private let writeGate: WriteGate?

    /// `makeDatabase` hands out a database for any event loop, so that work spreads over the pool.
    public init(dialect: Dialect, makeDatabase: @escaping @Sendable () -> any Database) {
        self.dialect = dialect
        self.makeDatabase = makeDatabase
        self.writeGate = dialect == .sqlite ? WriteGate() : nil
    }

    public var fluent: any Database { makeDatabase() }

    public var sql: any SQLDatabase { makeDatabase() as! any SQLDatabase }

    /// Runs `body` in one transaction; store errors come out as `TandemError`s.
    public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let run: @Sendable () async throws -> T = { [dialect] in
            try await self.makeDatabase().transaction { transaction in
                let sql = transaction as! any SQLDatabase
                if dialect == .sqlite { try await sql.raw("PRAGMA busy_timeout = 5000").run() }
                return try await body(sql)
            }
        }
        do {
            if let writeGate { return try await writeGate.run(run) }
            return try await run()
        } catch {
            throw StoreError.map(error)
        }
    }

    /// Runs a read; store errors come out as `TandemError`s.
    public func read<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        do { return try await body(sql) } catch { throw StoreError.map(error) }
    }
}

/// Lets one task at a time through, in arrival order.
actor WriteGate {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async {
        if !busy {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }
}

extension StoreDatabase {
    /// Sets the database up for work: on SQLite, write-ahead logging (readers never block the
    /// writer; the setting is kept in the file) with full sync, so a commit is on disk before it
    /// is acknowledged.
    public func prepare() async throws {
        guard dialect == .sqlite else { return }
        try await sql.raw("PRAGMA journal_mode = WAL").run()
        try await sql.raw("PRAGMA synchronous = FULL").run()
    }
}
