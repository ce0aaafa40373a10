import Foundation
import Logging
import NIOConcurrencyHelpers
import SQLKit

/// A few read-only SQLite connections, each with a thread of its own; a read runs, all its
/// statements, on the least busy one.
///
/// NB: a read leaves the request's thread once and comes back once, whatever number of
/// statements it runs (through SQLiteNIO, each statement went to NIO's thread pool and back).
/// More lanes than cores, so that a long read (a scorecard, a search over common words) holds
/// up little: the system shares the cores among the lanes' threads.
final class SQLiteReadPool: Sendable {
    private struct Lane: Sendable {
        let thread: SQLiteThread
        let connection: SQLiteHandle
        let database: any SQLDatabase
    }

    private let lanes: NIOLockedValueBox<[Lane]> = .init([])
    /// Reads running on each lane, and the lane chosen last (ties go round).
    private let load: NIOLockedValueBox<(running: [Int], last: Int)> = .init(([], 0))
    private let path: String
    private let size: Int
    private let logger: Logger
    private static let pragmas = ["PRAGMA query_only = ON"]

    init(path: String, size: Int, logger: Logger) {
        self.path = path
        self.size = size
        self.logger = logger
    }

    /// Opens the connections and starts their threads.
    func open() throws {
        var opened: [Lane] = []
        for number in 0..<size {
            let connection = try SQLiteHandle(path: path, pragmas: Self.pragmas)
            opened.append(Lane(thread: SQLiteThread(name: "sqlite-read-\(number)"), connection: connection,
                               database: connection.sql(logger: logger)))
        }
        lanes.withLockedValue { $0 = opened }
        load.withLockedValue { $0 = (Array(repeating: 0, count: opened.count), 0) }
    }

    /// Runs `body` on the least busy lane, or returns `nil` before `open()`.
    func read<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T? {
        let all = lanes.withLockedValue { $0 }
        guard !all.isEmpty else { return nil }
        let index = load.withLockedValue { load -> Int in
            let start = (load.last + 1) % load.running.count
            let order = (0..<load.running.count).map { (start + $0) % load.running.count }
            let chosen = order.min { load.running[$0] < load.running[$1] } ?? start
            load.running[chosen] += 1
            load.last = chosen
            return chosen
        }
        defer { load.withLockedValue { $0.running[index] -= 1 } }
        let lane = all[index]
        return try await withTaskExecutorPreference(lane.thread) { try await body(lane.database) }
    }

    /// The first lane's connection, used on the caller's thread (`StoreDatabase.sql`), or `nil`
    /// before `open()`.
    var anyDatabase: (any SQLDatabase)? { lanes.withLockedValue { $0.first?.database } }

    /// Runs `body` on a read-only connection and a thread opened for it, both closed after.
    func readAlone<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        let connection = try SQLiteHandle(path: path, pragmas: Self.pragmas)
        let thread = SQLiteThread(name: "sqlite-long")
        defer {
            thread.stop()
            connection.close()
        }
        return try await withTaskExecutorPreference(thread) { try await body(connection.sql(logger: logger)) }
    }

    func close() {
        let all = lanes.withLockedValue { value -> [Lane] in
            defer { value = [] }
            return value
        }
        for lane in all {
            lane.thread.stop()
            lane.connection.close()
        }
    }
}
