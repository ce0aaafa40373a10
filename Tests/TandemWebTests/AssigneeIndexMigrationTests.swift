import Foundation
import SQLKit
import TandemCore
import TandemTestSupport
import Testing

@testable import TandemStore
@testable import TandemWeb

@Suite("Migration 018: the assignments indexed by person and need")
struct AssigneeIndexMigrationTests {
    /// The names of the indexes on `need_assignees`.
    static func indexes(_ app: TestApp) async throws -> Set<String> {
        let dialect = app.services.database.dialect
        return try await app.services.database.read { sql in
            struct Index: Decodable { var name: String }
            let query: SQLQueryString =
                dialect == .sqlite
                ? "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'need_assignees'"
                : "SELECT indexname AS name FROM pg_indexes WHERE tablename = 'need_assignees'"
            return Set(try await sql.raw(query).all(decoding: Index.self).map(\.name))
        }
    }

    @Test("reverts to the index by person and applies again, and the assignees' lists read the same", arguments: TestDatabase.all)
    func revertsAndApplies(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let need = try await company.raise("VPN access", by: company.salesEmployee, in: app)
            _ = try await app.services.needs.assign(need.id, to: [company.itAgent2.id], by: company.itManager)
            _ = try await company.raise("CRM account", by: company.salesEmployee, in: app)
            let assigned = {
                var query = NeedQuery(); query.assigneeID = company.itAgent2.id; return query
            }()

            #expect(try await Self.indexes(app).isSuperset(of: ["ix_need_assignees_person_need"]))
            #expect(try await !Self.indexes(app).contains("ix_need_assignees_person"))
            // MUT
            // NB: both on one connection: SQLite parses a statement against the schema its
            // connection last read, so another pooled connection that had not seen the revert's
            // DROP INDEX refused the CREATE INDEX ("already exists") before looking again.
            try await app.app.db.withConnection { db in
                try await IndexAssigneesByPerson().revert(on: db)
                #expect(try await Self.indexes(app).contains("ix_need_assignees_person"))
                #expect(try await !Self.indexes(app).contains("ix_need_assignees_person_need"))
                #expect(try await app.services.needs.list(assigned, for: company.admin).needs.map(\.id) == [need.id])
                try await IndexAssigneesByPerson().prepare(on: db)
            }
            #expect(try await Self.indexes(app).contains("ix_need_assignees_person_need"))
            #expect(try await !Self.indexes(app).contains("ix_need_assignees_person"))
            #expect(try await app.services.needs.list(assigned, for: company.admin).needs.map(\.id) == [need.id])
            #expect(try await app.services.needs.list(NeedQuery(), for: company.itAgent2).needs.contains { $0.id == need.id })
        }
    }
}
