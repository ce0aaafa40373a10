import SQLKit
import SQLiteKit
import SQLiteNIO
import VaporCSQLite

/// The column names of one statement's result, shared by all its rows.
final class SQLiteResultColumns: Sendable {
    let names: [String]
    /// The first column of each name (as SQLiteNIO has it).
    let offsets: [String: Int]

    init(_ statement: OpaquePointer) {
        let count = Int(sqlite_nio_sqlite3_column_count(statement))
        names = (0..<count).map { String(cString: sqlite_nio_sqlite3_column_name(statement, Int32($0))) }
        offsets = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    var count: Int { names.count }
}

/// A row read by `SQLiteHandle`, decoded the way SQLiteKit decodes its own rows.
struct SQLiteResultRow: SQLRow {
    /// One for all rows (it holds a `JSONDecoder`: making one per value cost more than the value).
    private static let decoder = SQLiteDataDecoder()
    let columns: SQLiteResultColumns
    let values: [SQLiteData]

    var allColumns: [String] { columns.names }

    func contains(column: String) -> Bool { columns.offsets[column] != nil }

    func decodeNil(column: String) throws -> Bool {
        guard let offset = columns.offsets[column] else { return true }
        return values[offset] == .null
    }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let offset = columns.offsets[column] else {
            throw DecodingError.keyNotFound(SQLColumnKey(column), .init(codingPath: [], debugDescription: "no column \(column) in the row"))
        }
        return try Self.decoder.decode(D.self, from: values[offset])
    }
}

private struct SQLColumnKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
