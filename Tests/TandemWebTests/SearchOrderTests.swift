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
    @Test("matches spread over years come title first, newest first, page after page, counted to 100, only what the reader sees",
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

    /// Moves a need back in time, as if raised then (in the index too, where it keeps the day).
    static func move(_ need: Need.ID, to date: Date, in app: TestApp) async throws {
        let dialect = app.services.database.dialect
        try await app.services.database.write { sql in
            try await sql.raw("UPDATE needs SET created_at = \(bind: date.storable) WHERE id = \(bind: need.rawValue)").run()
            if dialect == .postgres {
                try await sql.raw("UPDATE need_search SET created_day = \(bind: SearchWindows.day(of: date)) WHERE need_id = \(bind: need.rawValue)").run()
            }
        }
    }
}
