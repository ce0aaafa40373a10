import Foundation
import NIOConcurrencyHelpers
import SQLKit
import TandemCore
import TandemStore
import TandemTestSupport
import Testing

@testable import TandemWeb

/// The hot reads keep plans that use the indexes: on a generated company with statistics
/// refreshed as the server refreshes them, every statement the queue, a need's page, the inbox
/// and search run is given to the planner (`EXPLAIN QUERY PLAN` on SQLite, `EXPLAIN` on
/// PostgreSQL), and none may read a large table whole, nor (SQLite) sort the needs of a list.
@Suite("Query plans of the hot reads")
struct QueryPlanTests {
    /// The tables that grow with the needs; one is large here when it holds 1,000 rows or more
    /// (reading a small one whole is the right plan).
    static let growingTables = ["needs", "need_events", "need_comments", "need_assignees", "need_followers", "notifications"]

    /// Statements seen, with their values, in the order first run.
    final class Recorder: Sendable {
        let statements = NIOLockedValueBox<[(sql: String, binds: [any Encodable & Sendable])]>([])
        func record(_ sql: String, _ binds: [any Encodable & Sendable]) {
            statements.withLockedValue { seen in
                if !seen.contains(where: { $0.sql == sql }) { seen.append((sql, binds)) }
            }
        }
    }

    /// What is wrong with the plan of a statement, if anything. `large`: the growing tables that
    /// are large; `listsNeeds`: the statement reads a list of needs.
    static func problems(in plan: [String], dialect: StoreDatabase.Dialect, large: [String], listsNeeds: Bool = false) -> [String] {
        plan.filter { line in
            switch dialect {
            case .sqlite:
                // `SCAN t` reads the table whole; `SCAN t USING (COVERING) INDEX` walks an index in order.
                let scan = large.contains { line.range(of: #"SCAN \#($0)( |$)"#, options: .regularExpression) != nil }
                return scan && !line.contains("USING") || listsNeeds && line.contains("USE TEMP B-TREE FOR ORDER BY")
            case .postgres:
                return large.contains { line.contains("Seq Scan on \($0) ") }
            }
        }
    }

    /// A statement as it was run: its text with placeholders, and its values.
    struct Statement: SQLExpression {
        var sql: String
        var binds: [any Encodable & Sendable]
        func serialize(to serializer: inout SQLSerializer) {
            serializer.write(sql)
            serializer.binds += binds
        }
    }

    static func plan(
        of statement: (sql: String, binds: [any Encodable & Sendable]), _ sql: any SQLDatabase, _ dialect: StoreDatabase.Dialect
    )
        async throws -> [String]
    {
        let prefix = dialect == .sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN "
        let lines = NIOLockedValueBox<[String]>([])
        try await sql.execute(sql: Statement(sql: prefix + statement.sql, binds: statement.binds)) { row in
            let line = try? row.decode(column: dialect == .sqlite ? "detail" : "QUERY PLAN", as: String.self)
            lines.withLockedValue { $0.append(line ?? "?") }
        }
        return lines.withLockedValue { $0 }
    }

    @Test(
        "the queue, a need, its history, the inbox and search read through indexes, without sorting the needs", arguments: TestDatabase.all)
    func hotReads(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let now = Date()
            let company = SyntheticCompany(departmentCount: 12, peopleCount: 240, now: now)
            let total = 20_000
            var generator = SyntheticNeeds(company: company, total: total, seed: 3, timeZone: app.services.configuration.timeZone)
            let store = app.services.organisation.store
            for department in company.departments { try await store.insert(department) }
            for person in company.people { try await store.insert(person, passwordHash: nil) }
            let loader = BulkNeedLoader(app.services.database)
            var written = 0
            while written < total {
                let count = min(5_000, total - written)
                try await loader.load((written..<written + count).map { generator.next($0) })
                written += count
            }
            try await loader.continueNumbering(after: generator.highestNumbers)
            // MUT: the statistics as the server keeps them
            try await app.services.database.refreshPlannerStatistics()

            let provider = try #require(company.providers.first)
            let agent = try #require(company.people.first { $0.departmentID == provider.id && $0.has(.agent) })
            let requester = try #require(company.people.first { $0.departmentID != provider.id && !$0.has(.agent) })
            let services = app.services
            let recorder = Recorder()
            services.database.observeReads { recorder.record($0, $1) }
            var queue = NeedQuery()
            queue.providingDepartmentID = provider.id
            queue.statuses = Set(NeedStatus.allCases.filter(\.isOpen))
            let firstPage = try await services.needs.list(queue, for: agent)
            queue.sort = .due
            _ = try await services.needs.list(queue, for: agent)
            _ = try await services.needs.count(queue, for: agent, cappedAt: 1000)
            var mine = NeedQuery()
            mine.requesterID = requester.id
            _ = try await services.needs.list(mine, for: requester)
            let need = try #require(firstPage.needs.first)
            _ = try await services.needs.need(number: need.number, for: agent)
            _ = try await services.needs.history(of: need.id, for: agent)
            _ = try await services.needs.comments(of: need.id, for: agent)
            _ = try await services.notifications.inbox(for: agent)
            _ = try await services.search.search(NeedSearch(text: "打印机", limit: 20), for: agent)
            _ = try await services.search.search(NeedSearch(text: "laptop", limit: 20), for: requester)
            services.database.observeReads(nil)

            let statements = recorder.statements.withLockedValue { $0 }
            #expect(statements.count >= 10, "the reads were seen")
            struct Count: Decodable { var count: Int }
            var large: [String] = []
            for table in Self.growingTables {
                let rows = try await services.database.sql.raw("SELECT COUNT(*) AS count FROM \(unsafeRaw: table)").first(
                    decoding: Count.self)
                if (rows?.count ?? 0) >= 1000 { large.append(table) }
            }
            #expect(large.contains("needs") && large.contains("need_events"), "\(large)")
            var wrong: [String] = []
            for statement in statements {
                let plan = try await Self.plan(of: statement, services.database.sql, services.database.dialect)
                let problems = Self.problems(
                    in: plan, dialect: services.database.dialect, large: large, listsNeeds: statement.sql.contains(#"FROM "needs""#))
                if !problems.isEmpty { wrong.append("\(statement.sql)\n  → \(plan.joined(separator: "\n    "))") }
            }
            #expect(wrong.isEmpty, "\(wrong.joined(separator: "\n\n"))")
        }
    }

    @Test("the check sees a table read whole and a sort of the needs")
    func theCheckCanFail() {
        let large = ["needs"]
        #expect(Self.problems(in: ["SCAN needs"], dialect: .sqlite, large: large) == ["SCAN needs"])
        #expect(Self.problems(in: ["SCAN needs USING INDEX ix_needs_created"], dialect: .sqlite, large: large).isEmpty)
        let sorted = ["SEARCH needs USING INDEX ix (a=?)", "USE TEMP B-TREE FOR ORDER BY"]
        #expect(Self.problems(in: sorted, dialect: .sqlite, large: large, listsNeeds: true).count == 1)
        #expect(Self.problems(in: ["SCAN departments"], dialect: .sqlite, large: large).isEmpty, "small tables may be read whole")
        #expect(Self.problems(in: ["SCAN notifications"], dialect: .sqlite, large: large).isEmpty, "an empty table may be read whole")
        #expect(
            Self.problems(in: ["  ->  Seq Scan on needs  (cost=0.00..1.00 rows=1 width=8)"], dialect: .postgres, large: large).count == 1)
    }
}
