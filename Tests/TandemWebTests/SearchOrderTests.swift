import Foundation
import SQLKit
import TandemCore
import TandemTestSupport
import Testing

@testable import TandemStore

@Suite("Search order over years of needs")
struct SearchOrderTests {
    /// 150 needs raised over 800 days, most of them long ago (so PostgreSQL's windows must reach
    /// back several times): every third with the word only in its description, every fifth
    /// addressed to HR by Sales (the IT agent does not see it).
    @Test(
        "matches spread over years come title first, newest first, page after page, counted to 100, only what the reader sees",
        arguments: TestDatabase.all)
    func spreadOverYears(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let now = Date()
            var titleMatches: [Need.ID] = [], otherMatches: [Need.ID] = []
            for index in 0..<150 {
                let inTitle = index % 3 != 0, hidden = index % 5 == 0
                let need = try await SearchAPITests.raise(
                    app, company, inTitle ? "投影仪 \(index)" : "会议室 \(index)", inTitle ? "" : "投影仪坏了",
                    provider: hidden ? company.hr : company.it)
                let daysAgo = 800 * pow(Double(150 - index) / 150, 3)
                try await Self.move(need.id, to: now.addingTimeInterval(-daysAgo * 86_400), in: app)
                if !hidden { inTitle ? titleMatches.append(need.id) : otherMatches.append(need.id) }
            }
            _ = try await SearchAPITests.raise(app, company, "打印机", "")
            // Ranked: the title matches newest first (the last raised), then the others newest first.
            let ranked = titleMatches.reversed() + otherMatches.reversed()
            #expect(ranked.count == 120)

            var seen: [Need.ID] = []
            for offset in stride(from: 0, to: 150, by: 50) {
                let page = try await SearchAPITests.search(
                    app, company, SearchAPITests.q("投影仪") + "&limit=50&offset=\(offset)", as: company.itAgent)
                #expect(page.total == 100 && page.response.object["total_is_exact"] as? Bool == false)
                seen += page.ids
            }
            #expect(seen == Array(ranked))

            let few = try await SearchAPITests.search(app, company, SearchAPITests.q("投影仪") + "&limit=5", as: company.itAgent)
            #expect(few.ids == Array(ranked.prefix(5)))
            let hrView = try await SearchAPITests.search(app, company, SearchAPITests.q("投影仪") + "&limit=50", as: company.hrAgent)
            #expect(hrView.total == 30 && hrView.ids.count == 30, "HR's agent sees the 30 needs addressed to HR")
        }
    }

    @Test(
        "a need made confidential is searched as it now is: the colleague no longer finds or counts it, the requester does",
        arguments: TestDatabase.all)
    func confidentialityFollows(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let need = try await SearchAPITests.raise(app, company, "投影仪坏了", "会议室的投影仪")
            let query = SearchAPITests.q("投影仪")
            #expect(try await SearchAPITests.search(app, company, query, as: company.salesColleague).ids == [need.id])

            var patch = NeedPatch()
            patch.isConfidential = true
            _ = try await app.services.needs.update(need.id, patch, by: company.salesEmployee)
            let hidden = try await SearchAPITests.search(app, company, query, as: company.salesColleague)
            #expect(hidden.ids.isEmpty && hidden.total == 0, "neither found nor counted")
            #expect(
                try await SearchAPITests.search(app, company, query + "&status=new", as: company.salesColleague).ids.isEmpty,
                "with a list filter too")
            #expect(try await SearchAPITests.search(app, company, query, as: company.salesEmployee).ids == [need.id])

            patch.isConfidential = false
            _ = try await app.services.needs.update(need.id, patch, by: company.salesEmployee)
            #expect(try await SearchAPITests.search(app, company, query, as: company.salesColleague).ids == [need.id])
        }
    }

    @Test("an agent assigned a confidential need finds it, and no longer once unassigned", arguments: TestDatabase.all)
    func assignmentFollows(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let need = try await company.raise("投影仪坏了", by: company.salesEmployee, in: app, confidential: true)
            let query = SearchAPITests.q("投影仪")
            // an agent reads the confidential needs addressed to the department only when assigned (the manager reads them all)
            #expect(try await SearchAPITests.search(app, company, query, as: company.itAgent2).ids.isEmpty)
            #expect(try await SearchAPITests.search(app, company, query, as: company.itManager).ids == [need.id])

            _ = try await app.services.needs.assign(need.id, to: [company.itAgent2.id], by: company.itManager)
            let found = try await SearchAPITests.search(app, company, query, as: company.itAgent2)
            #expect(found.ids == [need.id] && found.total == 1)
            #expect(
                try await SearchAPITests.search(app, company, query + "&status=new", as: company.itAgent2).ids == [need.id],
                "with a list filter too")
            #expect(
                try await SearchAPITests.search(app, company, query, as: company.itAgent).ids.isEmpty,
                "the agent it was routed to no longer does")

            _ = try await app.services.needs.assign(need.id, to: [], by: company.itManager)
            let hidden = try await SearchAPITests.search(app, company, query, as: company.itAgent2)
            #expect(hidden.ids.isEmpty && hidden.total == 0)
        }
    }

    /// Moves a need back in time, as if raised then (in the index too, where it keeps the day and time).
    static func move(_ need: Need.ID, to date: Date, in app: TestApp) async throws {
        let dialect = app.services.database.dialect
        try await app.services.database.write { sql in
            try await sql.raw("UPDATE needs SET created_at = \(bind: date.storable) WHERE id = \(bind: need.rawValue)").run()
            if dialect == .postgres {
                try await sql.raw(
                    """
                    UPDATE need_search SET created_day = \(bind: SearchWindows.day(of: date)), created_at = \(bind: date.storable)
                    WHERE need_id = \(bind: need.rawValue)
                    """
                ).run()
            }
        }
    }
}
