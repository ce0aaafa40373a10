import SQLKit
import TandemSQLite

// NB: row structs spell their properties like their columns (`created_at`), so no key
// conversion runs per row: converting keys cost more than the query itself.
extension SQLDatabase {
    func insertRow<Row: Encodable & Sendable>(_ row: Row, into table: String) async throws {
        try await insertRows([row], into: table)
    }

    func updateRow<Row: Encodable & Sendable>(_ row: Row, in table: String, id: some Encodable & Sendable) async throws -> Int {
        let builder = try update(table)
            .set(model: row, nilEncodingStrategy: .asNil)
            .where("id", .equal, id)
        return try await builder.runCountingRows()
    }
}

extension SQLDatabase {
    /// How many rows `matching` selects, up to its LIMIT: the database stops at the LIMIT, so a
    /// count capped at 100 costs no more for 100,000 rows than for 100.
    func countRows(_ matching: SQLSelectBuilder) async throws -> Int {
        try await select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "count")
            .from(SQLAlias(SQLGroupExpression(matching.select), as: SQLIdentifier("matching"))).firstRow(RowCount.self)?.count ?? 0
    }
}

extension SQLDatabase {
    /// How many rows of `table` hold each value of `column`, for every case of `Value` (0 for a
    /// value no row holds; a stored value that is no case is left out).
    func counts<Value: RawRepresentable & CaseIterable & Hashable>(of column: String, in table: String, as _: Value.Type)
        async throws -> [Value: Int] where Value.RawValue == String
    {
        let rows = try await select().column(SQLColumn(column), as: "value").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "count")
            .from(table).groupBy(column).allRows(ValueCount.self)
        var counts = Dictionary(uniqueKeysWithValues: Value.allCases.map { ($0, 0) })
        for row in rows { if let value = Value(rawValue: row.value) { counts[value] = row.count } }
        return counts
    }
}

/// What `countRows` reads back.
private struct RowCount: Decodable { var count: Int }

/// What `counts(of:in:as:)` reads back: one value and how many rows hold it.
private struct ValueCount: Decodable {
    var value: String
    var count: Int
}

extension SQLQueryFetcher {
    func allRows<Row: Decodable>(_ type: Row.Type) async throws -> [Row] {
        try await all(decoding: type)
    }

    func firstRow<Row: Decodable>(_ type: Row.Type) async throws -> Row? {
        try await first(decoding: type)
    }
}

extension SQLUpdateBuilder {
    /// Runs the update and counts the rows it changed (for optimistic concurrency checks).
    func runCountingRows() async throws -> Int {
        let rows = try await self.returning(SQLLiteral.numeric("1")).all()
        return rows.count
    }
}
