import FluentKit
import Logging
import SQLKit
import TandemCore

/// The database the stores work on: SQLite or PostgreSQL behind one interface.
/// Reads use the pool; writes go through `write`, one transaction each on PostgreSQL, and on
/// SQLite through the group-commit writer (SQLite has one writer at a time).
public final class StoreDatabase: Sendable {
    public enum Dialect: String, Sendable { case sqlite, postgres }

    public let dialect: Dialect
    private let makeDatabase: @Sendable () -> any Database
    private let writer: GroupCommitWriter?

    /// A PostgreSQL database; `makeDatabase` hands out a database for any event loop, so that
    /// work spreads over the pool.
    public static func postgres(_ makeDatabase: @escaping @Sendable () -> any Database) -> StoreDatabase {
        StoreDatabase(dialect: .postgres, makeDatabase: makeDatabase, writer: nil)
    }

    /// An SQLite database in the file at `path`, read through the pool `makeDatabase` serves,
    /// written through a dedicated connection.
    public static func sqlite(path: String, logger: Logger, _ makeDatabase: @escaping @Sendable () -> any Database) -> StoreDatabase {
        StoreDatabase(dialect: .sqlite, makeDatabase: makeDatabase, writer: GroupCommitWriter(path: path, logger: logger))
    }

    private init(dialect: Dialect, makeDatabase: @escaping @Sendable () -> any Database, writer: GroupCommitWriter?) {
        self.dialect = dialect
        self.makeDatabase = makeDatabase
        self.writer = writer
    }

    public var fluent: any Database { makeDatabase() }

    public var sql: any SQLDatabase { makeDatabase() as! any SQLDatabase }

    /// Runs `body` in one transaction; store errors come out as `TandemError`s. When this returns,
    /// the write is committed and durable.
    public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        do {
            if let writer { return try await writer.submit(body) }
            return try await makeDatabase().transaction { transaction in try await body(transaction as! any SQLDatabase) }
        } catch {
            throw StoreError.map(error)
        }
    }

    /// Runs a read; store errors come out as `TandemError`s.
    public func read<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        do { return try await body(sql) } catch { throw StoreError.map(error) }
    }

    /// Closes the dedicated writer connection (at shutdown).
    public func close() async {
        await writer?.close()
    }
}

extension StoreDatabase {
    /// Sets the database up for work: on SQLite, write-ahead logging (readers never block the
    /// writer; the setting is kept in the file). The writer connection syncs fully, so a commit
    /// is on disk before it is acknowledged.
    public func prepare() async throws {
        guard dialect == .sqlite else { return }
        try await sql.raw("PRAGMA journal_mode = WAL").run()
    }
}
