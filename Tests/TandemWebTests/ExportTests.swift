import Foundation
import TandemCore
import TandemTestSupport
import Testing
import Vapor

@testable import TandemWeb

@Suite("CSV export of need lists")
struct ExportTests {
    @Test(
        "every need the filters find, past any page size, as Excel reads it; only what the reader may see; bad filters named first",
        arguments: TestDatabase.all)
    func export(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            for index in 0..<430 { _ = try await company.raise("需求 \(index)", by: company.salesEmployee, in: app) }
            let quoted = try await company.raise(#"打印机, "三楼""#, by: company.salesEmployee, in: app)
            let secret = try await company.raise("保密需求", by: company.salesEmployee, in: app, confidential: true)

            let response = try await app.request(.GET, "/api/v1/needs/export.csv?sort=oldest", token: company.token(company.salesColleague))
            #expect(response.status == .ok && response.headers.contentType?.subType == "csv")
            let text = response.text
            #expect(text.hasPrefix("\u{FEFF}编号,标题,状态"), "\(text.prefix(80))")
            let lines = text.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.count == 1 + 431, "every need past the 200-row pages, the confidential one left out")
            #expect(lines[1].hasPrefix("N-") && lines[1].contains(",需求 0,"))
            #expect(text.contains(#""打印机, ""三楼""""#) && text.contains(quoted.number.description))
            #expect(!text.contains(secret.number.description))
            #expect(
                try await app.request(.GET, "/api/v1/needs/export.csv?status=lost", token: company.token(company.salesColleague))
                    .errorField == "status")

            let agent = TestBrowser(app)
            _ = try await agent.signIn(company.itAgent.login)
            let queue = try await agent.get("/queue?status=new")
            #expect(queue.text.contains("id=\"queue-export\""))
            let export = try await agent.get("/queue/export.csv?status=new&sort=oldest")
            #expect(export.status == .ok && export.text.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1 + 432)
        }
    }

    @Test(
        "search results as CSV: every need found, past the pages' window, title matches first, where each was found; only what the reader may see",
        arguments: TestDatabase.all)
    func searchExport(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            for index in 0..<1_060 { _ = try await company.raise("打印机 \(index)", by: company.salesEmployee, in: app) }
            let described = try await app.services.needs.raise(
                RaiseNeedInput(
                    title: "三楼设备", description: "打印机卡纸", kind: .technology, providingDepartmentID: company.it.id), by: company.salesEmployee
            )
            let secret = try await company.raise("打印机 保密", by: company.salesEmployee, in: app, confidential: true)

            let response = try await app.request(
                .GET, "/api/v1/search/export.csv?q=%E6%89%93%E5%8D%B0%E6%9C%BA", token: company.token(company.salesColleague))
            #expect(response.status == .ok && response.headers.contentType?.subType == "csv")
            let lines = response.text.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.count == 1 + 1_061, "every match past the 1,050 the pages reach; the confidential one left out")
            #expect(lines[0].hasSuffix(",匹配位置,匹配段落"))
            #expect(lines[1].contains(",打印机 1059,") && lines[1_060].contains(",打印机 0,"), "title matches first, newest first")
            #expect(lines[1_061].hasPrefix(described.number.description) && lines[1_061].hasSuffix(",描述,打印机卡纸"))
            #expect(!response.text.contains(secret.number.description))
            #expect(
                try await app.request(.GET, "/api/v1/search/export.csv?q=%20", token: company.token(company.salesColleague)).errorField
                    == "q")

            let browser = TestBrowser(app)
            _ = try await browser.signIn(company.salesColleague.login)
            let page = try await browser.get("/search?q=%E6%89%93%E5%8D%B0%E6%9C%BA&offset=20")
            #expect(page.text.contains("href=\"/search/export.csv?q=%E6%89%93%E5%8D%B0%E6%9C%BA\""), "the link leaves the offset out")
            let export = try await browser.get("/search/export.csv?q=%E6%89%93%E5%8D%B0%E6%9C%BA&status=new")
            #expect(export.text.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1 + 1_061)
        }
    }
}
