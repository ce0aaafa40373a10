import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO

extension SQLiteHandle {
    /// This connection as SQLKit's database: the stores' queries run on it synchronously.
    func sql(logger: Logger) -> any SQLDatabase { SQLiteHandleDatabase(handle: self, logger: logger) }
}

/// SQLKit's view of an `SQLiteHandle`: the same dialect, binds and row decoding as SQLiteKit's
/// own, without the trip to a thread pool.
private struct SQLiteHandleDatabase: SQLDatabase {
    /// One for all statements (it holds a `JSONEncoder`).
    private static let encoder = SQLiteDataEncoder()
    let handle: SQLiteHandle
    let logger: Logger

    var eventLoop: any EventLoop { MultiThreadedEventLoopGroup.singleton.any() }
    var dialect: any SQLDialect { SQLiteDialect() }
    var queryLogLevel: Logger.Level? { nil }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        do {
            try run(query, onRow)
            return eventLoop.makeSucceededVoidFuture()
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        try run(query, onRow)
    }

    private func run(_ query: any SQLExpression, _ onRow: (any SQLRow) -> ()) throws {
        let (sql, binds) = serialize(query)
        try handle.execute(sql, binds.map { try Self.encoder.encode($0) }) { onRow($0) }
    }
}
