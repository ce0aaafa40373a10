import FluentSQLiteDriver
import Foundation
import Logging
import NIOConcurrencyHelpers
import SQLKit

/// A few SQLite connections for reads, used in turn.
///
/// NB: reads go through SQLiteNIO's async query, which runs a statement and collects all its rows
/// in one trip to the thread pool. The Fluent driver's pool takes the futures path, which hops
/// back to the event loop once per row; on a 50-row list that cost more than the query.
final class SQLiteReadPool: Sendable {
    private let connections: NIOLockedValueBox<[SQLiteConnection]> = .init([])
    private let turn = NIOLockedValueBox(0)
    private let path: String
    private let size: Int
    private let logger: Logger

    init(path: String, size: Int, logger: Logger) {
        self.path = path
        self.size = size
        self.logger = logger
    }

    /// Opens the connections (read-only: a read can never write by mistake).
    func open() async throws {
        var opened: [SQLiteConnection] = []
        for _ in 0..<size { opened.append(try await openOne()) }
        connections.withLockedValue { $0 = opened }
    }

    private func openOne() async throws -> SQLiteConnection {
        let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        _ = try await connection.query("PRAGMA query_only = ON")
        _ = try await connection.query("PRAGMA busy_timeout = 5000")
        return connection
    }

    /// Runs `body` on a read-only connection opened for it and closed after.
    func withOwnConnection<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        let connection = try await openOne()
        do {
            let result = try await body(connection.sql())
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// The next connection in turn, or `nil` before `open()`.
    func next() -> (any SQLDatabase)? {
        let all = connections.withLockedValue { $0 }
        guard !all.isEmpty else { return nil }
        let index = turn.withLockedValue { value -> Int in
            value = (value + 1) % all.count
            return value
        }
        return all[index].sql()
    }

    func close() async {
        let all = connections.withLockedValue { value -> [SQLiteConnection] in
            defer { value = [] }
            return value
        }
        for connection in all { try? await connection.close() }
    }
}
