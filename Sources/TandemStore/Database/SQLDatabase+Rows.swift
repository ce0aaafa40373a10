import SQLKit

/// Row structs use camelCase properties for snake_case columns; these helpers apply the
/// conversion in one place.
extension SQLDatabase {
    func insertRow<Row: Encodable & Sendable>(_ row: Row, into table: String) async throws {
        try await insert(into: table).model(row, keyEncodingStrategy: .convertToSnakeCase, nilEncodingStrategy: .asNil).run()
    }

    func updateRow<Row: Encodable & Sendable>(_ row: Row, in table: String, id: some Encodable & Sendable) async throws -> Int {
        let builder = try update(table)
            .set(model: row, keyEncodingStrategy: .convertToSnakeCase, nilEncodingStrategy: .asNil)
            .where("id", .equal, id)
        return try await builder.runCountingRows()
    }
}

extension SQLQueryFetcher {
    func allRows<Row: Decodable>(_ type: Row.Type) async throws -> [Row] {
        try await all(decoding: type, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func firstRow<Row: Decodable>(_ type: Row.Type) async throws -> Row? {
        try await first(decoding: type, keyDecodingStrategy: .convertFromSnakeCase)
    }
}

extension SQLUpdateBuilder {
    /// Runs the update and counts the rows it changed (for optimistic concurrency checks).
    func runCountingRows() async throws -> Int {
        let rows = try await self.returning(SQLLiteral.numeric("1")).all()
        return rows.count
    }
}
