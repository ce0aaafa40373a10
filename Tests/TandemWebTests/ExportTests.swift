import Foundation
import TandemCore
import TandemTestSupport
import Testing
import Vapor
@testable import TandemWeb

@Suite("CSV export of need lists")
struct ExportTests {
    @Test("every need the filters find, past any page size, as Excel reads it; only what the reader may see; bad filters named first",
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
            #expect(try await app.request(.GET, "/api/v1/needs/export.csv?status=lost", token: company.token(company.salesColleague))
                .errorField == "status")

            let agent = TestBrowser(app)
            _ = try await agent.signIn(company.itAgent.login)
            let queue = try await agent.get("/queue?status=new")
            #expect(queue.text.contains("id=\"queue-export\""))
            let export = try await agent.get("/queue/export.csv?status=new&sort=oldest")
            #expect(export.status == .ok && export.text.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1 + 432)
        }
    }
}
