import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import TandemCore
import TandemSQLite

/// Maps driver errors to the core's errors: a unique violation becomes `.conflict` on the field
/// its constraint guards, a lost connection `.unavailable`; anything else passes through unchanged.
/// Unique violations are read from the databases' codes — PostgreSQL's SQL state and constraint
/// name, SQLite's extended result code and the column it names — never from the message's words.
enum StoreError {
    static func map(_ error: any Error) -> any Error {
        if error is TandemError { return error }
        if let violation = UniqueViolation(error) {
            return TandemError(
                .conflict, "a record with this value exists already", field: violation.field, reason: violation.field == nil ? nil : .taken)
        }
        let lowered = String(reflecting: error).lowercased()
        let aboutConnection = lowered.contains("connection") || lowered.contains("connect(") || lowered.contains("pool")
        if aboutConnection
            && ["refused", "closed", "reset", "timeout", "timed out", "unreachable", "broken pipe"].contains(where: lowered.contains)
            || lowered.contains("econnrefused") || lowered.contains("shutting down")
            || lowered.contains("sqlstate: 57p0") || lowered.contains("sqlstate: 08")  // shutdown, starting up; connection exceptions
            || lowered.contains("sqlstate: 53300")  // too many connections
        {
            return TandemError(.unavailable, "the database is not reachable; try again shortly")
        }
        return error
    }
}

/// A broken unique constraint, and the input field it guards (nil when it guards none a person
/// types: the fault is then no field's).
struct UniqueViolation {
    let field: String?

    /// The one table from constraint to field: PostgreSQL names the constraint, SQLite the columns.
    static let fields: [(constraint: String, columns: String, field: String)] = [
        ("uq_people_login", "people.login", "login"),
        ("uq_departments_code", "departments.code", "code"),
        ("uq_needs_number", "needs.number", "number"),
        ("uq_api_tokens_digest", "api_tokens.digest", "token"),
    ]

    /// Nil when the error is no unique violation.
    init?(_ error: any Error) {
        switch error {
        case let error as PSQLError where error.serverInfo?[.sqlState] == "23505":
            let constraint = error.serverInfo?[.constraintName]
            field = Self.fields.first { $0.constraint == constraint }?.field
        case let error as SQLiteStatementError
        where [SQLiteStatementError.constraintUnique, SQLiteStatementError.constraintPrimaryKey].contains(error.code):
            field = Self.field(sqliteMessage: error.message)
        case let error as SQLiteError where [.constraintUniqueFailed, .constraintPrimaryKeyFailed].contains(error.reason):
            field = Self.field(sqliteMessage: error.message)
        default:
            return nil
        }
    }

    /// SQLite's message names the columns: "UNIQUE constraint failed: people.login".
    private static func field(sqliteMessage message: String) -> String? {
        guard let named = message.range(of: "failed: ") else { return nil }
        let columns = message[named.upperBound...].trimmingCharacters(in: .whitespaces)
        return fields.first { $0.columns == columns }?.field
    }
}
