import FluentKit
import Foundation
import Logging
import NIOConcurrencyHelpers
import SQLKit
import TandemCore
import TandemSQLite

/// The database the stores work on: SQLite or PostgreSQL behind one interface.
/// Reads use the pool; writes go through `write`, one transaction each on PostgreSQL, and on
/// SQLite through the group-commit writer (SQLite has one writer at a time).
public final class StoreDatabase: Sendable {
    public enum Dialect: String, Sendable { case sqlite, postgres }

    public let dialect: Dialect
    private let makeDatabase: @Sendable () -> any Database
    private let writer: GroupCommitWriter?
    private let readers: SQLiteReadPool?
    /// Who a session or token belongs to; shared by the stores that answer or change that.
    let credentials = ShortLivedCache<CredentialEntry>()
    /// The priority matrix and offerings, read by every raised need; calendars and policies,
    /// read by every service-level refresh.
    let catalog = ShortLivedCache<CatalogEntry>()
    /// The people of each department, read by every notification fan-out and queue page.
    let departmentPeople = ShortLivedCache<[Person]>()
    /// Every department, read by nearly every page (names, pickers, filters).
    let departments = ShortLivedCache<[Department]>()
    /// How many search documents hold a term, and how many there are (`SearchTermStatistics`):
    /// they move slowly, and only rank by them.
    let searchTermCounts = ShortLivedCache<Int>(lifetime: .seconds(600))
    /// The years whose need-number sequence exists (PostgreSQL).
    let knownSequences = NIOLockedValueBox<Set<Int>>([])
    /// Told every statement a read runs (tests that check the planner's plans); nil in service.
    private let statementObserver = NIOLockedValueBox<ObservedSQLDatabase.Observer?>(nil)

    /// Has every statement of the reads from now on told to `observer` (nil: no longer).
    public func observeReads(_ observer: (@Sendable (_ sql: String, _ binds: [any Encodable & Sendable]) -> Void)?) {
        statementObserver.withLockedValue { $0 = observer }
    }

    private func observed(_ database: any SQLDatabase) -> any SQLDatabase {
        guard let observer = statementObserver.withLockedValue({ $0 }) else { return database }
        return ObservedSQLDatabase(base: database, observer: observer)
    }

    /// A PostgreSQL database; `makeDatabase` hands out a database for any event loop, so that
    /// work spreads over the pool.
    public static func postgres(_ makeDatabase: @escaping @Sendable () -> any Database) -> StoreDatabase {
        StoreDatabase(dialect: .postgres, makeDatabase: makeDatabase, writer: nil, readers: nil)
    }

    /// An SQLite database in the file at `path`: migrated through `makeDatabase` (Fluent's pool),
    /// read through a few read-only connections, written through one dedicated connection.
    public static func sqlite(path: String, logger: Logger, _ makeDatabase: @escaping @Sendable () -> any Database) -> StoreDatabase {
        StoreDatabase(
            dialect: .sqlite, makeDatabase: makeDatabase, writer: GroupCommitWriter(path: path, logger: logger),
            readers: SQLiteReadPool(path: path, size: max(4, 2 * ProcessInfo.processInfo.activeProcessorCount), logger: logger))
    }

    private init(
        dialect: Dialect, makeDatabase: @escaping @Sendable () -> any Database, writer: GroupCommitWriter?,
        readers: SQLiteReadPool?
    ) {
        self.dialect = dialect
        self.makeDatabase = makeDatabase
        self.writer = writer
        self.readers = readers
    }

    /// A database to read from, on the calling thread (for tests and tools; the stores use `read`).
    public var sql: any SQLDatabase { readers?.anyDatabase ?? makeDatabase() as! any SQLDatabase }

    /// Runs `body` in one transaction; store errors come out as `TandemError`s. When this returns,
    /// the write is committed and durable.
    public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        do {
            if let writer { return try await writer.submit(body) }
            return try await PostgresTransaction.run(on: makeDatabase(), body)
        } catch {
            throw StoreError.map(error)
        }
    }

    /// Runs a read; store errors come out as `TandemError`s.
    public func read<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        do {
            if let readers, let value = try await readers.read({ try await body(observed($0)) }) { return value }
            return try await body(observed(makeDatabase() as! any SQLDatabase))
        } catch {
            throw StoreError.map(error)
        }
    }

    /// Runs a long read (counting a dashboard over a million needs) so that it never holds up the
    /// short ones: on SQLite on a connection of its own, opened for it (a connection runs one
    /// statement at a time, and the few shared ones serve every page); on PostgreSQL from the pool.
    public func readAlone<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        guard let readers else { return try await read(body) }
        do { return try await readers.readAlone { try await body(observed($0)) } } catch { throw StoreError.map(error) }
    }

    /// Closes the connections opened outside Fluent's pool (at shutdown).
    public func close() async {
        writer?.close()
        readers?.close()
    }
}

extension StoreDatabase {
    /// Sets the database up for work: on SQLite, write-ahead logging (readers never block the
    /// writer; the setting is kept in the file), and the read lanes opened. A commit is still on
    /// disk before it is acknowledged: the writer's `WALSyncer` syncs the log after each batch.
    public func prepare() async throws {
        guard dialect == .sqlite else { return }
        try await (makeDatabase() as! any SQLDatabase).raw("PRAGMA journal_mode = WAL").run()
        try readers?.open()
    }
}

enum CredentialEntry: Sendable {
    case session(Person)
    case token(APIToken, Person)
}

enum CatalogEntry: Sendable {
    case offering(ServiceOffering)
    case matrix(PriorityMatrix)
    /// A scope's own calendar or policy, or none (then the default applies).
    case calendar(BusinessCalendar?)
    case policy(ServiceLevelPolicy?)
}
