import Foundation
import SQLKit
import TandemCore
import TandemTestSupport
import Testing

@testable import TandemStore
@testable import TandemWeb

@Suite("Search as people type: most of the words, ranked by relevance")
struct SearchRelevanceTests {
    @Test(
        "a word in between, a word boundary, another order, a character too few or too many still find the need",
        arguments: TestDatabase.all)
    func typedLoosely(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let hiring = try await SearchAPITests.raise(app, company, "招聘两名销售代表", "华东区下季度需要扩充销售团队")
            let sales = try await SearchAPITests.raise(app, company, "华东区季度销量", "请整理各城市的数据")
            _ = try await SearchAPITests.raise(app, company, "销售部门招聘计划", "明年的人员安排")
            _ = try await SearchAPITests.raise(app, company, "华南区季度销量", "请整理各城市的数据")
            func found(_ query: String) async throws -> [Need.ID] {
                try await SearchAPITests.search(app, company, SearchAPITests.q(query), as: company.itAgent).ids
            }
            #expect(try await found("招聘销售代表") == [hiring.id], "a word in between (两名)")
            #expect(try await found("招聘销代表") == [hiring.id], "a character too few")
            #expect(try await found("华东销量") == [sales.id], "across a word boundary (东销)")
            #expect(try await found("销量华东") == [sales.id], "in another order")
            #expect(try await found("华东区的季度销量").first == sales.id, "a character too many")
            #expect(try await found("ＨＲ 华东区季度销量").first == sales.id, "full-width letters, a word missing")
        }
    }

    @Test(
        "more of the words first; in the title before elsewhere; the more telling word decides; the newest breaks ties",
        arguments: TestDatabase.all)
    func ranked(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
            try app.use(clock: clock)
            func raise(_ title: String, _ description: String = "") async throws -> Need {
                clock.advance(by: 60)
                return try await SearchAPITests.raise(app, company, title, description)
            }
            func found(_ query: String) async throws -> [Need.ID] {
                try await SearchAPITests.search(app, company, SearchAPITests.q(query), as: company.itAgent).ids
            }
            let inTitle = try await raise("打印机卡纸")
            let fewInTitle = try await raise("打印机坏了", "三楼那台")
            let inDescription = try await raise("设备问题", "三楼的打印机卡纸了，一直响")
            let newerInTitle = try await raise("三楼打印机卡纸")
            let aFewElsewhere = try await raise("会议", "会后打印材料")
            #expect(
                try await found("打印机 卡纸") == [newerInTitle.id, inTitle.id, inDescription.id, fewInTitle.id, aFewElsewhere.id],
                "every word in the title (newest first), every word elsewhere, then most of the words: in the title, then a little elsewhere"
            )

            // 权限 and 申请 are in many needs, VPN in one: the need holding VPN ranks first, though older
            let vpn = try await raise("申请 VPN")
            for index in 1...6 { _ = try await raise("申请 ERP 权限 \(index)") }
            let erp = try await raise("申请 CRM 权限")
            let ranking = try await found("VPN 权限 申请")
            #expect(ranking.first == vpn.id && ranking.contains(erp.id), "\(ranking)")
        }
    }

    @Test(
        "traditional characters find simplified ones and back; migration 021 rewrites the documents written before",
        arguments: TestDatabase.all)
    func traditionalChinese(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let traditional = try await SearchAPITests.raise(app, company, "會議室預訂", "客戶來訪")
            let simplified = try await SearchAPITests.raise(app, company, "差旅报销", "")
            func found(_ query: String) async throws -> [Need.ID] {
                try await SearchAPITests.search(app, company, SearchAPITests.q(query), as: company.itAgent).ids
            }
            #expect(try await found("会议室预订") == [traditional.id])
            #expect(try await found("報銷") == [simplified.id])
            let hit = try await SearchAPITests.search(app, company, SearchAPITests.q("会议室"), as: company.itAgent)
            #expect(SearchAPITests.marked(hit.response.items.first?["title"]) == ["會議室"], "the title is marked as written")

            // as the tokenizer wrote it before: the characters as typed
            let dialect = app.services.database.dialect
            _ = try await app.services.needs.comment(on: simplified.id, body: "發票已補", visibility: .public, by: company.itAgent)
            try await app.services.database.write { sql in
                try await sql.raw(
                    "UPDATE need_search SET title_terms = '會議 議室 室預 預訂 訂' WHERE \(NeedSearchIndex.where_(traditional.id, dialect))"
                ).run()
                try await sql.raw(
                    "UPDATE need_search SET reply_terms = '發票 票已 已補 補' WHERE \(NeedSearchIndex.where_(simplified.id, dialect))"
                )
                .run()
            }
            #expect(try await found("会议室预订").isEmpty)
            #expect(try await found("发票").isEmpty)
            // MUT
            try await FoldTraditionalChinese().prepare(on: app.app.db)
            #expect(try await found("会议室预订") == [traditional.id])
            #expect(try await found("发票已补") == [simplified.id], "a reply's words are written again too")
        }
    }

    @Test("a word nothing holds is matched to the words one typing slip away that needs hold", arguments: TestDatabase.all)
    func typingSlips(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let projector = try await SearchAPITests.raise(app, company, "Projector shows no signal", "HDMI is plugged in")
            let budget = try await SearchAPITests.raise(app, company, "Extra budget for the trade show", "")
            _ = try await SearchAPITests.raise(app, company, "Printer jam", "")
            let hidden = try await SearchAPITests.raise(app, company, "Payroll calendar", "", provider: company.hr, confidential: true)
            func found(_ query: String) async throws -> [Need.ID] {
                try await SearchAPITests.search(app, company, SearchAPITests.q(query), as: company.itAgent).ids
            }
            let slip = try await SearchAPITests.search(app, company, SearchAPITests.q("projecter"), as: company.itAgent)
            #expect(slip.ids == [projector.id])
            #expect(SearchAPITests.marked(slip.response.items.first?["title"]) == ["Projector"], "the word found is marked")
            #expect(try await found("bugdet") == [budget.id], "two letters swapped")
            #expect(try await found("budgett trade") == [budget.id], "a letter too many")
            #expect(try await found("pojector") == [projector.id], "a letter missing")
            #expect(try await found("xylophone").isEmpty, "nothing one slip away")
            #expect(try await found("payrol").isEmpty, "a word only in a need the reader may not see finds nothing")
            #expect(
                try await SearchAPITests.search(app, company, SearchAPITests.q("payrol"), as: company.salesEmployee).ids == [hidden.id],
                "its requester finds it")
        }
    }
}
