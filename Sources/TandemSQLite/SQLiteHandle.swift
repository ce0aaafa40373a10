import Foundation
import NIOConcurrencyHelpers
import NIOCore
import SQLiteNIO
import VaporCSQLite

/// One SQLite connection called directly and synchronously: a statement runs, and all its rows
/// are read, on the calling thread.
///
/// NB: SQLiteNIO sends every statement to NIO's thread pool and back; a raise made some ten such
/// trips and the single writer spent its time waking threads, not in SQLite. The store runs its
/// SQLite work on threads of its own (`SQLiteThread`), where blocking is what they are for, and
/// calls this connection there. Prepared statements are kept per SQL text and reused.
final class SQLiteHandle: @unchecked Sendable {
    // NB: @unchecked: the handle and the statements are used only under `lock`.
    private let lock = NIOLock()
    private var handle: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]
    /// Kept alive as long as the connection calls it back.
    private var checkpointer: SQLiteCheckpointer?
    /// Statements kept at most; past that all are let go (the SQL of a search varies with its
    /// words' count, the hot statements come back at once).
    private let maxStatements = 200

    private static let initialised: Void = { _ = sqlite_nio_sqlite3_initialize() }()

    /// Opens the database file at `path` (made if missing) and runs the `pragmas`.
    init(path: String, pragmas: [String]) throws {
        _ = Self.initialised
        var opened: OpaquePointer?
        let flags = SQLITE_OPEN_CREATE | SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX | SQLITE_OPEN_URI | SQLITE_OPEN_EXRESCODE
        let status = sqlite_nio_sqlite3_open_v2(path, &opened, flags, nil)
        guard status == SQLITE_OK, let opened else {
            let error = SQLiteStatementError(status: status, handle: opened)
            sqlite_nio_sqlite3_close_v2(opened)
            throw error
        }
        handle = opened
        sqlite_nio_sqlite3_busy_timeout(opened, 5000)
        for pragma in pragmas { try execute(pragma, []) { _ in } }
    }

    deinit { close() }

    /// Finalises the kept statements and closes the connection; later calls fail.
    func close() {
        lock.withLock {
            for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
            statements = [:]
            sqlite_nio_sqlite3_close_v2(handle)
            handle = nil
        }
    }

    /// Leaves the log's checkpoints to `checkpointer` instead of running them inside the commits.
    func handCheckpoints(to checkpointer: SQLiteCheckpointer) {
        lock.withLock {
            self.checkpointer = checkpointer
            sqlite_nio_sqlite3_wal_hook(handle, walCommitted, Unmanaged.passUnretained(checkpointer).toOpaque())
        }
    }

    /// Runs `sql` with `binds` and hands each row to `onRow`, before returning.
    func execute(_ sql: String, _ binds: [SQLiteData], _ onRow: (SQLiteResultRow) -> Void) throws {
        try lock.withLock {
            guard let handle else { throw SQLiteStatementError(message: "the connection is closed") }
            let statement = try prepared(sql, on: handle)
            defer {
                sqlite_nio_sqlite3_reset(statement)
                sqlite_nio_sqlite3_clear_bindings(statement)
            }
            try bind(binds, to: statement, on: handle)
            var columns: SQLiteResultColumns?
            while true {
                let status = sqlite_nio_sqlite3_step(statement)
                if status == SQLITE_DONE { return }
                guard status == SQLITE_ROW else { throw SQLiteStatementError(status: status, handle: handle) }
                let names = columns ?? SQLiteResultColumns(statement)
                columns = names
                onRow(SQLiteResultRow(columns: names, values: try values(of: statement, count: names.count)))
            }
        }
    }

    private func prepared(_ sql: String, on handle: OpaquePointer) throws -> OpaquePointer {
        if let kept = statements[sql] { return kept }
        var statement: OpaquePointer?
        let status = sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard status == SQLITE_OK, let statement else { throw SQLiteStatementError(status: status, handle: handle) }
        if statements.count >= maxStatements {
            for kept in statements.values { sqlite_nio_sqlite3_finalize(kept) }
            statements.removeAll(keepingCapacity: true)
        }
        statements[sql] = statement
        return statement
    }

    private func bind(_ binds: [SQLiteData], to statement: OpaquePointer, on handle: OpaquePointer) throws {
        for (offset, value) in binds.enumerated() {
            let index = Int32(offset + 1)
            let status: Int32
            switch value {
            case .integer(let number): status = sqlite_nio_sqlite3_bind_int64(statement, index, Int64(number))
            case .float(let number): status = sqlite_nio_sqlite3_bind_double(statement, index, number)
            case .text(let text):
                status = text.withCString {
                    sqlite_nio_sqlite3_bind_text64(statement, index, $0, UInt64(text.utf8.count), transient, UInt8(SQLITE_UTF8))
                }
            case .blob(let buffer):
                status = buffer.withUnsafeReadableBytes {
                    sqlite_nio_sqlite3_bind_blob64(
                        statement, index, $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1), UInt64($0.count), transient)
                }
            case .null: status = sqlite_nio_sqlite3_bind_null(statement, index)
            }
            guard status == SQLITE_OK else { throw SQLiteStatementError(status: status, handle: handle) }
        }
    }

    private func values(of statement: OpaquePointer, count: Int) throws -> [SQLiteData] {
        var values: [SQLiteData] = []
        values.reserveCapacity(count)
        for column in 0..<Int32(count) {
            switch sqlite_nio_sqlite3_column_type(statement, column) {
            case SQLITE_INTEGER: values.append(.integer(Int(sqlite_nio_sqlite3_column_int64(statement, column))))
            case SQLITE_FLOAT: values.append(.float(sqlite_nio_sqlite3_column_double(statement, column)))
            case SQLITE_TEXT:
                // NB: the text pointer first, then its length (the order SQLite documents).
                let text = sqlite_nio_sqlite3_column_text(statement, column)
                let length = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
                values.append(.text(text.map { String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self) } ?? ""))
            case SQLITE_BLOB:
                let bytes = sqlite_nio_sqlite3_column_blob(statement, column)
                let length = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
                var buffer = ByteBufferAllocator().buffer(capacity: length)
                if let bytes { buffer.writeBytes(UnsafeRawBufferPointer(start: bytes, count: length)) }
                values.append(.blob(buffer))
            default: values.append(.null)
            }
        }
        return values
    }
}

/// SQLite's call after each commit in WAL mode, with the log's size in pages.
private func walCommitted(context: UnsafeMutableRawPointer?, handle: OpaquePointer?, name: UnsafePointer<CChar>?, pages: Int32) -> Int32 {
    guard let context else { return SQLITE_OK }
    if Unmanaged<SQLiteCheckpointer>.fromOpaque(context).takeUnretainedValue().logGrew(to: pages) {
        sqlite_nio_sqlite3_wal_checkpoint_v2(handle, name, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
    }
    return SQLITE_OK
}

/// SQLite's "copy the value now" destructor, for binds whose memory is the caller's.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A failed SQLite call, with SQLite's own message (which names, for instance, the constraint).
/// NB: the description is the message alone (not the statement): `StoreError` reads field names
/// out of it, and the statement's text would name other columns.
package struct SQLiteStatementError: Error, CustomStringConvertible {
    package let message: String
    /// SQLite's extended result code (`SQLITE_CONSTRAINT_UNIQUE` …), when a call failed.
    package let code: Int32?

    // NB: C macros built from others, which Swift does not import: SQLITE_CONSTRAINT | (n << 8).
    package static let constraintUnique: Int32 = SQLITE_CONSTRAINT | (8 << 8)
    package static let constraintPrimaryKey: Int32 = SQLITE_CONSTRAINT | (6 << 8)

    init(message: String, code: Int32? = nil) {
        self.message = message
        self.code = code
    }

    init(status: Int32, handle: OpaquePointer?) {
        let detail =
            handle.flatMap { sqlite_nio_sqlite3_errmsg($0) }.map { String(cString: $0) }
            ?? String(cString: sqlite_nio_sqlite3_errstr(status))
        self.init(message: "SQLite error \(status): \(detail)", code: handle.map { sqlite_nio_sqlite3_extended_errcode($0) } ?? status)
    }

    package var description: String { message }
}
