import FluentPostgresDriver
import Foundation
import NIOCore
import SQLKit

/// One transaction on one pooled PostgreSQL connection, every statement of it sent from the
/// connection's event loop only while the connection is open.
///
/// NB: PostgresNIO loses a query written to a connection that has just closed (the server went
/// away between two statements): its answer never comes and the request would hang until the
/// client gave up. Checking the connection on its own event loop, in the same turn as the write,
/// makes such a statement fail at once instead, with an error the stores map to "unavailable".
enum PostgresTransaction {
    struct ConnectionClosed: Error, CustomStringConvertible {
        var description: String { "the connection to the database is closed" }
    }

    static func run<T: Sendable>(on database: any Database, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws
        -> T
    {
        guard let postgres = database as? any PostgresDatabase else {
            preconditionFailure("a PostgreSQL transaction was asked of a \(type(of: database))")
        }
        return try await postgres.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                let sql = OpenConnectionSQL(connection: connection, logger: database.logger)
                try await sql.raw("BEGIN").run()
                do {
                    let result = try await body(sql)
                    try await sql.raw("COMMIT").run()
                    return result
                } catch {
                    // A closed connection needs no rollback: the server ends its transaction.
                    try? await sql.raw("ROLLBACK").run()
                    throw error
                }
            }
        }.get()
    }
}

/// A PostgreSQL connection as an `SQLDatabase` that refuses statements once it is closed.
private struct OpenConnectionSQL: SQLDatabase {
    let connection: PostgresConnection
    let base: any SQLDatabase

    init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.base = connection.sql(logger: logger)
    }

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { connection.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        let connection = self.connection, base = self.base
        return connection.eventLoop.flatSubmit {
            guard !connection.isClosed else { return connection.eventLoop.makeFailedFuture(PostgresTransaction.ConnectionClosed()) }
            return base.execute(sql: query, onRow)
        }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        try await execute(sql: query, onRow).get()
    }
}
