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
package final class SQLiteReadPool: Sendable {
    private struct Lane: Sendable {
        let thread: SQLiteThread
        let connection: SQLiteHandle
        let database: any SQLDatabase
    }

    private struct State {
        var lanes: [Lane] = []
        /// Reads running on each lane.
        var running: [Int] = []
        /// The lane chosen last (ties go round).
        var last = 0
    }

    private let state = NIOLockedValueBox(State())
    private let path: String
    private let size: Int
    private let logger: Logger
    private static let pragmas = ["PRAGMA query_only = ON"]

    package init(path: String, size: Int, logger: Logger) {
        self.path = path
        self.size = size
        self.logger = logger
    }

    /// Opens the connections and starts their threads.
    package func open() throws {
        var opened: [Lane] = []
        for number in 0..<size {
            let connection = try SQLiteHandle(path: path, pragmas: Self.pragmas)
            opened.append(
                Lane(
                    thread: SQLiteThread(name: "sqlite-read-\(number)"), connection: connection,
                    database: connection.sql(logger: logger)))
        }
        state.withLockedValue { $0 = State(lanes: opened, running: Array(repeating: 0, count: opened.count)) }
    }

    /// Runs `body` on the least busy lane, or returns `nil` before `open()`.
    package func read<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T? {
        let chosen = state.withLockedValue { state -> (index: Int, lane: Lane)? in
            guard !state.lanes.isEmpty else { return nil }
            let count = state.lanes.count, start = (state.last + 1) % count
            let index = (0..<count).map { (start + $0) % count }.min { state.running[$0] < state.running[$1] } ?? start
            state.running[index] += 1
            state.last = index
            return (index, state.lanes[index])
        }
        guard let (index, lane) = chosen else { return nil }
        defer { state.withLockedValue { $0.running[index] -= 1 } }
        return try await withTaskExecutorPreference(lane.thread) { try await body(lane.database) }
    }

    /// The first lane's connection, used on the caller's thread (`StoreDatabase.sql`), or `nil`
    /// before `open()`.
    package var anyDatabase: (any SQLDatabase)? { state.withLockedValue { $0.lanes.first?.database } }

    /// Runs `body` on a read-only connection and a thread opened for it, both closed after.
    package func readAlone<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        let connection = try SQLiteHandle(path: path, pragmas: Self.pragmas)
        let thread = SQLiteThread(name: "sqlite-long")
        defer {
            thread.stop()
            connection.close()
        }
        return try await withTaskExecutorPreference(thread) { try await body(connection.sql(logger: logger)) }
    }

    package func close() {
        let all = state.withLockedValue { state -> [Lane] in
            defer { state = State() }
            return state.lanes
        }
        for lane in all {
            lane.thread.stop()
            lane.connection.close()
        }
    }
}
