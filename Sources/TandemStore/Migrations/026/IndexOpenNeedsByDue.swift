import FluentKit
import SQLKit
import TandemCore

/// The queue reads a provider's open needs in its order — newest first, or by due time — from an
/// index of the open needs alone, instead of sorting all of them for every page (a temporary
/// B-tree over the provider's open needs on SQLite). The due index holds the order's own
/// expression (`NeedListing.dueOrder`); both are partial over the open statuses, which the queue
/// names as literals (`NeedListing.statusIn`).
struct IndexOpenNeedsByDue: AsyncMigration {
    var name: String { "026_index_open_needs_by_due" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        let dialect: StoreDatabase.Dialect = sql.dialect.name == "sqlite" ? .sqlite : .postgres
        let open = NeedStatus.allCases.filter(\.isOpen).map { "'\($0.rawValue)'" }.sorted().joined(separator: ", ")
        try await sql.raw(
            """
            CREATE INDEX ix_needs_open_due ON needs
              (providing_department_id, COALESCE(resolution_due_at, \(unsafeRaw: NeedListing.dueSentinel(dialect))), created_at, id)
              WHERE status IN (\(unsafeRaw: open))
            """
        ).run()
        try await sql.raw(
            "CREATE INDEX ix_needs_open_created ON needs (providing_department_id, created_at, id) WHERE status IN (\(unsafeRaw: open))"
        ).run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX ix_needs_open_created").run()
        try await sql.raw("DROP INDEX ix_needs_open_due").run()
    }
}
