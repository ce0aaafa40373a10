import Foundation
import SQLKit

/// The query planners' statistics, kept current. Without them SQLite plans every query by rules
/// of thumb: the first page of open needs sorted every open need (10 ms at 20,000 needs; 0.48 ms
/// after `ANALYZE`). PostgreSQL's autovacuum keeps its own, but not right after a bulk load.
extension StoreDatabase {
    /// The rows SQLite's `ANALYZE` reads per index: statistics as good as the planner needs, in
    /// milliseconds even at a million needs (the writer waits meanwhile).
    static let analysisLimit = 1000

    /// Brings the statistics up to date: on SQLite `PRAGMA optimize` over every table (it analyses
    /// those whose statistics are missing or stale), on the writer's connection; on PostgreSQL
    /// `ANALYZE`. Run by the server's scheduler at start and every hour, and after bulk loads.
    public func refreshPlannerStatistics() async throws {
        switch dialect {
        case .sqlite:
            try await write { sql in
                try await sql.raw("PRAGMA analysis_limit = \(unsafeRaw: String(Self.analysisLimit))").run()
                // NB: 0x10002: look at every table, not only those this connection queried.
                try await sql.raw("PRAGMA optimize = 0x10002").run()
            }
        case .postgres:
            try await read { sql in try await sql.raw("ANALYZE").run() }
        }
    }
}
