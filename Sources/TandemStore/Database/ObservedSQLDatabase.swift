import Foundation
import Logging
import NIOCore
import SQLKit

/// A database that tells an observer every statement before running it, with its values: how a
/// test collects the statements the pages run, to ask the planner how it runs each.
struct ObservedSQLDatabase: SQLDatabase {
    typealias Observer = @Sendable (_ sql: String, _ binds: [any Encodable & Sendable]) -> Void

    let base: any SQLDatabase
    let observer: Observer

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    private func observe(_ query: any SQLExpression) {
        var serializer = SQLSerializer(database: base)
        query.serialize(to: &serializer)
        observer(serializer.sql, serializer.binds)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        observe(query)
        return base.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        observe(query)
        try await base.execute(sql: query, onRow)
    }
}
