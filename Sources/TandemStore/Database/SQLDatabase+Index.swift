import SQLKit

extension SQLDatabase {
    /// Creates an index over `columns`, in order.
    func createIndex(_ name: String, on table: String, _ columns: [String]) async throws {
        var builder = create(index: name).on(table)
        for column in columns { builder = builder.column(column) }
        try await builder.run()
    }

    func createIndex(_ name: String, on table: String, _ columns: String...) async throws {
        try await createIndex(name, on: table, columns)
    }
}
