import Foundation
import TandemCore
import TandemTestSupport
import Testing
import Vapor

@testable import TandemWeb

@Suite("The supply-chain map through the API and pages")
struct SupplyChainPageTests {
    @Test("pairs counted by hand, arrows drawn and linked, the pair's needs listed as the reader may see them", arguments: TestDatabase.all)
    func map(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            for index in 0..<3 { _ = try await company.raise("需求 \(index)", by: company.salesEmployee, in: app) }
            let secret = try await company.raise("保密", by: company.salesEmployee, in: app, confidential: true)
            _ = try await app.services.needs.raise(
                RaiseNeedInput(title: "招聘", kind: .resource, providingDepartmentID: company.hr.id),
                by: company.itAgent)
            let response = try await app.request(.GET, "/api/v1/supply-chain", token: company.token(company.salesColleague))
            #expect(response.status == .ok)
            let edges = (response.object["edges"] as? [[String: Any]] ?? []).map {
                "\($0["requesting_department_id"] as? String ?? "")>\($0["providing_department_id"] as? String ?? ""):\($0["volume"] as? Int ?? -1):\($0["health"] as? String ?? "")"
            }
            // the colleague does not count the confidential need; IT → HR's one need is too few to show outside the pair
            #expect(edges == ["\(company.sales.id)>\(company.it.id):3:unknown"])
            #expect(response.object["withheld_pairs"] as? Int == 1)
            let whole = try await app.request(.GET, "/api/v1/supply-chain", token: company.token(company.admin))
            #expect(
                (whole.object["edges"] as? [[String: Any]])?.map { $0["volume"] as? Int } == [4, 1]
                    && whole.object["withheld_pairs"] as? Int == 0)
            #expect(
                try await app.request(.GET, "/api/v1/supply-chain?period=2026-Q5", token: company.token(company.salesColleague)).errorField
                    == "period")

            let browser = TestBrowser(app)
            _ = try await browser.signIn(company.salesColleague.login)
            let page = try await browser.get("/map")
            #expect(page.status == .ok && page.text.components(separatedBy: "class=\"map-edge\"").count - 1 == 1)
            #expect(page.element("map-withheld") == "另有 1 对部门之间的需求太少，未在图中显示（至少 5 项才显示）")
            let period = try #require(response.object["period"] as? String)
            #expect(
                page.text.contains(
                    "href=\"/scorecards?department=\(company.it.id)&amp;period=\(period)&amp;requester=\(company.sales.id)\""))
            let pair = try await browser.get("/map/needs?requester=\(company.sales.id)&provider=\(company.it.id)&period=\(period)")
            #expect(
                pair.status == .ok && pair.text.contains("需求 0") && !pair.text.contains(secret.number.description),
                "the colleague does not see the confidential need")
            let csv = try await browser.get("/map/export.csv?period=\(period)")
            #expect(
                csv.text.hasPrefix("\u{FEFF}需求方,服务方,需求数") && csv.text.contains("销售部,信息技术部,3,,,暂无\r\n") && !csv.text.contains("人力资源部"),
                "\(csv.text)")
        }
    }
}

@Suite("Key needs and themes through the API and pages")
struct ThemePageTests {
    @Test("themes count only the needs the reader may read; recurring needs link to their examples", arguments: TestDatabase.all)
    func themes(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            for title in ["导出华东区销售数据", "导出华南区的销售数据", "导出华北区最新销售数据"] {
                _ = try await company.raise(title, by: company.salesEmployee, in: app)
            }
            for _ in 0..<3 { _ = try await company.raise("机密薪酬调整方案", by: company.salesEmployee, in: app, confidential: true) }
            let colleague = try await app.request(.GET, "/api/v1/themes", token: company.token(company.salesColleague))
            #expect(colleague.status == .ok)
            let terms = (colleague.object["key_terms"] as? [[String: Any]] ?? []).compactMap { $0["term"] as? String }
            #expect(terms.contains("销售数据") && !terms.contains { $0.contains("薪酬") }, "\(terms)")
            let groups = colleague.object["recurring"] as? [[String: Any]] ?? []
            #expect(groups.count == 1 && groups.first?["count"] as? Int == 3)
            let requester = try await app.request(.GET, "/api/v1/themes", token: company.token(company.salesEmployee))
            #expect((requester.object["recurring"] as? [[String: Any]])?.count == 2, "the requester sees the confidential ones too")
            #expect(
                try await app.request(.GET, "/api/v1/themes?period=2026-Q9", token: company.token(company.salesEmployee)).errorField
                    == "period")

            let browser = TestBrowser(app)
            _ = try await browser.signIn(company.salesColleague.login)
            let page = try await browser.get("/themes")
            #expect(page.status == .ok && page.text.contains("id=\"key-terms\"") && page.text.contains("id=\"themes-recurring\""))
            #expect(!page.text.contains("薪酬"))
            let csv = try await browser.get("/themes/export.csv")
            #expect(csv.status == .ok && csv.text.hasPrefix("\u{FEFF}列表,关键词或标题,需求数,前三期平均,增长,提供部门,需求编号\r\n"))
            #expect(csv.text.contains("关键词与短语,销售数据,3,") && csv.text.contains("反复出现的需求,") && !csv.text.contains("薪酬"), "\(csv.text)")
            #expect(try await browser.get("/themes/export.csv?period=2026-Q9").status == .unprocessableEntity)
        }
    }
}
