import SQLKit

/// `INSERT INTO table (columns) VALUES (…), (…)` for rows of one type, written out directly.
///
/// NB: SQLKit's insert builder escapes every column name through a generic string replace; on the
/// writer thread that was a tenth of the time spent raising a need (its row has some forty
/// columns). Names here are quoted by hand and escaped only when they hold a quote.
struct RowInsert: SQLExpression {
    let table: String
    let columns: [String]
    let rows: [[any SQLExpression]]
    let ignoringConflicts: Bool

    /// The rows' columns as their `Encodable` conformance names them (nil values as NULL).
    init<Row: Encodable>(_ rows: [Row], into table: String, ignoringConflicts: Bool) throws {
        let encoder = SQLQueryEncoder(nilEncodingStrategy: .asNil)
        let encoded = try rows.map { try encoder.encode($0) }
        let columns = encoded.first?.map(\.0) ?? []
        self.table = table
        self.columns = columns
        self.rows = try encoded.map { row in
            guard row.map(\.0) == columns else { throw RowInsertError(table: table) }
            return row.map(\.1)
        }
        self.ignoringConflicts = ignoringConflicts
    }

    func serialize(to serializer: inout SQLSerializer) {
        let quote = (serializer.dialect.identifierQuote as? SQLRaw)?.sql ?? "\""
        func name(_ text: String) -> String {
            guard text.utf8.contains(where: { quote.utf8.contains($0) }) else { return quote + text + quote }
            return quote + text.replacingOccurrences(of: quote, with: quote + quote) + quote
        }
        serializer.write("INSERT INTO " + name(table) + " (" + columns.map(name).joined(separator: ", ") + ") VALUES ")
        for (index, row) in rows.enumerated() {
            serializer.write(index == 0 ? "(" : ", (")
            for (position, value) in row.enumerated() {
                if position > 0 { serializer.write(", ") }
                value.serialize(to: &serializer)
            }
            serializer.write(")")
        }
        if ignoringConflicts { serializer.write(" ON CONFLICT DO NOTHING") }
    }
}

/// Rows of one insert that encode to different columns (a row type that leaves keys out).
struct RowInsertError: Error, CustomStringConvertible {
    let table: String
    var description: String { "the rows inserted into \(table) do not name the same columns" }
}

extension SQLDatabase {
    /// Inserts `rows` in one statement (none when empty); `ignoringConflicts` leaves out a row
    /// whose unique key is stored already.
    package func insertRows<Row: Encodable & Sendable>(_ rows: [Row], into table: String, ignoringConflicts: Bool = false) async throws {
        guard !rows.isEmpty else { return }
        try await execute(sql: try RowInsert(rows, into: table, ignoringConflicts: ignoringConflicts)) { _ in }
    }
}
