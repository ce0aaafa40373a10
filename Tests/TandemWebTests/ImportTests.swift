import Foundation
import TandemCore
import TandemTestSupport
import Testing
import Vapor

@testable import TandemWeb

@Suite("CSV import")
struct ImportTests {
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    /// Posts a file and, for a real import, waits for the background write to end.
    func upload(_ kind: String, _ bytes: Data, dryRun: Bool = false, in app: TestApp, token: String) async throws -> TestResponse {
        let response = try await app.request(
            .POST, "/api/v1/imports/\(kind)?dry_run=\(dryRun)&file_name=\(kind).csv", token: token, body: bytes)
        guard response.status == .accepted, let id = response["id"] else { return response }
        for _ in 0..<200 {
            let current = try await app.request(.GET, "/api/v1/imports/\(id)", token: token)
            if current["state"] != "running" { return current }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try await app.request(.GET, "/api/v1/imports/\(id)", token: token)
    }

    @Test(
        "departments and people from Chinese Excel (GB18030, Chinese headers) and UTF-8 with a BOM; a dry run writes nothing",
        arguments: TestDatabase.all)
    func departmentsAndPeople(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let admin = company.token(company.admin)
            // a child listed before its parent, a parent among the stored departments, quoted fields
            let departments = "代码,名称,上级代码,提供服务\r\nFIN-AP,应付组,FIN,否\r\nFIN,\"财务部, 总部\",HQ,是\r\n\r\nLEGAL,法务部,,yes\r\n"
            let gbk = try #require(departments.data(using: Self.gb18030))
            #expect(String(data: gbk, encoding: .utf8) == nil, "the file really is not UTF-8")

            let checked = try await upload("departments", gbk, dryRun: true, in: app, token: admin)
            #expect(checked.status == .ok && checked["state"] == "checked" && checked["encoding"] == "gb18030")
            #expect(checked.object["rows"] as? Int == 3)
            #expect(try await app.services.organisation.store.departments().contains { $0.code == "FIN" } == false)

            let done = try await upload("departments", gbk, in: app, token: admin)
            #expect(done["state"] == "done" && done.object["written"] as? Int == 3, "\(done.text)")
            let stored = try await app.services.organisation.store.departments()
            let finance = try #require(stored.first { $0.code == "FIN" })
            #expect(finance.name == "财务部, 总部" && finance.isProvider && finance.parentID == company.headOffice.id)
            #expect(stored.first { $0.code == "FIN-AP" }?.parentID == finance.id)
            #expect(stored.first { $0.code == "LEGAL" }?.isProvider == true)

            let people =
                "\u{FEFF}login,display_name,department_code,email,roles,language,password\n"
                + "Qian.Kuaiji,钱会计,fin,qian@example.com,agent;经理,en,\"pass, word 2026\"\n"
                + "sun.fawu,孙法务,LEGAL,,,,\n"
            let added = try await upload("people", Data(people.utf8), in: app, token: admin)
            #expect(added["state"] == "done" && added["encoding"] == "utf-8", "\(added.text)")
            let qian = try #require(try await app.services.organisation.store.person(login: "qian.kuaiji"))
            #expect(qian.departmentID == finance.id && qian.roles == [.employee, .agent, .manager] && qian.language == .en)
            let signedIn = try await app.send(
                .POST, "/api/v1/auth/sign-in", token: nil, ["login": "qian.kuaiji", "password": "pass, word 2026"])
            #expect(signedIn.status == .ok, "the imported password works")
            let sun = try #require(try await app.services.organisation.store.person(login: "sun.fawu"))
            #expect(sun.roles == [.employee] && sun.language == .zhCN && sun.email == nil)

            // what is stored goes out in the import's columns
            let exported = try await app.request(.GET, "/api/v1/imports/exports/people", token: admin)
            #expect(exported.text.hasPrefix("\u{FEFF}login,display_name,department_code,email,roles,language,password\r\n"))
            #expect(exported.text.contains("\r\nqian.kuaiji,钱会计,FIN,qian@example.com,employee;agent;manager,en,\r\n"), "\(exported.text)")
            let departmentsOut = try await app.request(.GET, "/api/v1/imports/exports/departments", token: admin).text
            let lines = departmentsOut.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.contains(#"FIN,"财务部, 总部",HQ,true"#), "\(lines)")
            let financeLine = try #require(lines.firstIndex { $0.hasPrefix("FIN,") }),
                childLine = try #require(lines.firstIndex { $0.hasPrefix("FIN-AP,") })
            #expect(financeLine < childLine, "parents first, so the file imports again")
            #expect(try await app.request(.GET, "/api/v1/imports/exports/needs", token: admin).errorField == "kind")
            #expect(
                try await app.request(.GET, "/api/v1/imports/exports/people", token: company.token(company.salesManager)).status
                    == .forbidden)

            let template = try await app.request(.GET, "/api/v1/imports/templates/people", token: admin)
            #expect(template.text == "\u{FEFF}login,display_name,department_code,email,roles,language,password\r\n")

            // the pages' files have the reader's column names, which an import reads back
            let browser = TestBrowser(app)
            try await browser.signIn(company.admin.login)
            let chinese = try await browser.get("/admin/imports/exports/people").text
            #expect(chinese.hasPrefix("\u{FEFF}登录名,姓名,部门代码,邮箱,角色,语言,密码\r\n"))
            #expect(chinese.contains("\r\nqian.kuaiji,钱会计,FIN,qian@example.com,employee;agent;manager,en,\r\n"))
            let header = ["登录名", "姓名", "部门代码", "邮箱", "角色", "语言", "密码"]
            let read = ImportSchema.resolve(header, kind: .people)
            #expect(read.problems.isEmpty && Set(read.columns.values) == Set(ImportSchema.template(for: .people)))
            #expect(try await browser.get("/admin/imports/templates/departments").text == "\u{FEFF}代码,名称,上级代码,提供服务\r\n")
        }
    }

    @Test(
        "every bad row is named with its line and field, and nothing is imported if one is bad; only administrators import",
        arguments: TestDatabase.all)
    func badRows(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let admin = company.token(company.admin)
            let people = """
                login,display_name,department_code,roles
                good.one,好人,SALES,
                x,短,SALES,
                xiaoming,重名,SALES,
                good.one,又一个,NOPE,boss
                "multi
                line",姓名,IT,agent
                """
            let checked = try await upload("people", Data(people.utf8), dryRun: true, in: app, token: admin)
            #expect(checked.status == .ok && checked["state"] == "rejected")
            let problems = (checked.object["problems"] as? [[String: Any]] ?? []).map {
                "\($0["line"] as? Int ?? 0) \($0["field"] as? String ?? "")"
            }
            #expect(problems == ["3 login", "4 login", "5 login", "5 department_code", "5 roles", "6 login"], "\(problems)")
            let reasons = (checked.object["problems"] as? [[String: Any]] ?? []).compactMap { $0["reason"] as? String }
            #expect(reasons.contains("already_stored") && reasons.contains("duplicate_in_file") && reasons.contains("unknown_record"))

            let refused = try await upload("people", Data(people.utf8), in: app, token: admin)
            #expect(refused.status == .unprocessableEntity && refused.errorField == "file")
            #expect((refused.object["import"] as? [String: Any])?["problem_count"] as? Int == 6)
            #expect(try await app.services.organisation.store.person(login: "good.one") == nil, "not even the good row")

            let header = try await upload("needs", Data("title,kind,colour\n需要,technology,red\n".utf8), dryRun: true, in: app, token: admin)
            let headerProblems = (header.object["problems"] as? [[String: Any]] ?? []).map {
                "\($0["line"] as? Int ?? 0) \($0["field"] as? String ?? "")"
            }
            #expect(Set(headerProblems) == ["1 colour", "1 providing_department_code", "1 requester_login"], "\(headerProblems)")

            let openQuote = try await upload("departments", Data("code,name\nA,\"never closed\n".utf8), dryRun: true, in: app, token: admin)
            #expect(openQuote.status == .unprocessableEntity && openQuote.errorField == "file")
            #expect(try await app.request(.POST, "/api/v1/imports/offices", token: admin, body: Data("a".utf8)).errorField == "kind")
            #expect(
                try await app.request(.POST, "/api/v1/imports/people?dry_run=maybe", token: admin, body: Data("a".utf8)).errorField
                    == "dry_run")

            for outsider in [company.salesManager, company.itManager] {
                let forbidden = try await app.request(
                    .POST, "/api/v1/imports/people", token: company.token(outsider), body: Data(people.utf8))
                #expect(forbidden.status == .forbidden)
                #expect(
                    try await app.request(.GET, "/api/v1/imports/\(checked["id"] ?? "")", token: company.token(outsider)).status
                        == .forbidden)
                #expect(try await app.request(.GET, "/api/v1/imports", token: company.token(outsider)).status == .forbidden)
            }
            #expect(
                try await app.request(.GET, "/api/v1/imports", token: admin).items.count == 3,
                "the file that could not be read left no record")
            let loop = try await upload(
                "departments", Data("code,name,parent_code\nLA,甲,LB\nLB,乙,LA\nLC,丙,NOPE\n".utf8), dryRun: true, in: app, token: admin)
            let loopProblems = (loop.object["problems"] as? [[String: Any]] ?? []).map {
                "\($0["line"] as? Int ?? 0) \($0["field"] as? String ?? "")"
            }
            #expect(loopProblems == ["2 parent_code", "3 parent_code", "4 parent_code"], "parents in a loop, and one that does not exist")
        }
    }

    @Test(
        "needs brought over: raised by the requester named, when the file says, numbered in their year, found by search, clocks refreshed",
        arguments: TestDatabase.all)
    func needs(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let admin = company.token(company.admin)
            let year = Calendar(identifier: .gregorian).component(.year, from: Date())
            let needs = """
                标题,类型,提供部门代码,提出人登录名,描述,紧急程度,重要程度,期望日期,保密,提出时间
                旧系统迁移的需求,技术,IT,xiaoming,从旧工单系统导入,紧急,高,2099/1/31,否,\(year - 1)/3/5 9:30
                招聘两名销售,service,hr,lihua,,,,,是,
                """
            let done = try await upload("needs", Data(needs.utf8), in: app, token: admin)
            #expect(done["state"] == "done" && done.object["written"] as? Int == 2, "\(done.text)")
            let store = app.services.needs.needs
            let old = try #require(try await store.need(number: NeedNumber(year: year - 1, sequence: 1)))
            #expect(old.title == "旧系统迁移的需求" && old.kind == .technology && old.requesterID == company.salesEmployee.id)
            #expect(old.requestingDepartmentID == company.sales.id && old.providingDepartmentID == company.it.id)
            #expect(old.urgency == .critical && old.importance == .high && old.desiredDate == CalendarDate("2099-01-31"))
            #expect(Timestamp.format(old.createdAt).hasPrefix("\(year - 1)-03-05T01:30:00"), "09:30 in Shanghai")
            let events = try await store.events(of: old.id)
            #expect(events.map(\.kind) == [.raised] && events[0].actorID == company.admin.id && events[0].at == old.createdAt)
            let recent = try await app.services.needs.list(NeedQuery(), for: company.admin)
            let hiring = try #require(recent.needs.first { $0.title == "招聘两名销售" })
            #expect(hiring.isConfidential && hiring.number.year == year && hiring.requesterID == company.salesColleague.id)

            // its past breaches are recorded, not announced: no event, no notification
            await app.drainJobs()
            let alerts = try await app.services.serviceLevels.store.alerts(of: old.id)
            #expect(alerts.contains(ServiceLevelAlert(needID: old.id, target: .resolution, level: .breach)), "\(alerts)")
            #expect(try await store.events(of: old.id).map(\.kind) == [.raised])
            #expect(try await store.need(old.id)?.priority == old.priority, "no priority raised for a past breach")
            let inbox = try await app.services.notifications.store.notifications(
                of: company.itAgent.id, unreadOnly: false, before: nil, limit: 100)
            #expect(!inbox.contains { $0.needID == old.id }, "\(inbox)")

            let found = try await app.request(.GET, "/api/v1/search?q=迁移", token: company.token(company.salesEmployee))
            #expect(found.items.count == 1, "\(found.text)")
            let jobs = try await app.services.jobs.store.jobs(state: nil, limit: 500)
            #expect(jobs.filter { $0.kind == ServiceLevelWorkflow.refreshKind }.count >= 2)
            #expect(
                !jobs.contains { $0.kind == NeedWorkflow.followUpKind && $0.payload.contains(old.id.description.lowercased()) },
                "an imported need notifies no one")

            let future = "title,kind,providing_department_code,requester_login,raised_at\n未来,technology,SALES,ghost,2999-01-01\n"
            let refused = try await upload("needs", Data(future.utf8), dryRun: true, in: app, token: admin)
            let fields = (refused.object["problems"] as? [[String: Any]] ?? []).map { $0["field"] as? String ?? "" }
            #expect(fields == ["providing_department_code", "requester_login", "raised_at"], "\(fields)")
            // with the pages' Chinese column names, a problem names the column as the file wrote it
            let chinese = "标题,需求类型,服务部门代码,提出人登录名,提出时间\n未来,technology,SALES,ghost,2999-01-01\n"
            let named = try await upload("needs", Data(chinese.utf8), dryRun: true, in: app, token: admin)
            let chineseFields = (named.object["problems"] as? [[String: Any]] ?? []).map { $0["field"] as? String ?? "" }
            #expect(chineseFields == ["服务部门代码", "提出人登录名", "提出时间"], "\(chineseFields)")
        }
    }

    @Test(
        "the page: a check lists the problems by line and column in Chinese, an import shows its progress and ends imported; others see no tab",
        arguments: [TestDatabase.sqlite])
    func page(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let browser = TestBrowser(app)
            _ = try await browser.signIn(company.admin.login)
            let start = try await browser.get("/admin/imports")
            #expect(
                start.status == .ok && start.text.contains("id=\"import-form\"") && start.text.contains("/admin/imports/templates/needs"))
            let bad = Data("代码,名称\nOPS,运营部\nOPS,运营二部\nIT,信息\n".utf8)
            let checked = try await browser.postMultipart(
                "/admin/imports", [("kind", "departments"), ("mode", "check")],
                files: [("file", "部门.csv", "text/csv", bad)])
            #expect(checked.status == .seeOther)
            let report = try await browser.get(try #require(checked.headers.first(name: .location)))
            #expect(
                report.text.contains("与第 2 行重复") && report.text.contains("IT 已经存在") && report.text.contains("没有导入任何数据"), "\(report.text)")
            #expect(try await app.services.organisation.store.departments().contains { $0.code == "OPS" } == false)

            let good = Data("代码,名称\nOPS,运营部\n".utf8)
            let started = try await browser.postMultipart(
                "/admin/imports", [("kind", "departments"), ("mode", "import")],
                files: [("file", "部门.csv", "text/csv", good)])
            let link = try #require(started.headers.first(name: .location))
            var shown = try await browser.get(link)
            for _ in 0..<100 where shown.text.contains("id=\"import-progress\"") {
                try await Task.sleep(for: .milliseconds(50))
                shown = try await browser.get(link)
            }
            #expect(shown.text.contains("已导入 1 行"), "\(shown.text)")
            #expect(try await app.services.organisation.store.departments().contains { $0.code == "OPS" })
            #expect(try await browser.get("/admin/imports").text.contains("部门.csv"))

            let manager = TestBrowser(app)
            _ = try await manager.signIn(company.salesManager.login)
            let managerPeople = try await manager.get("/admin/people")
            #expect(managerPeople.status == .ok && !managerPeople.text.contains("/admin/imports"))
            #expect(try await manager.get("/admin/imports").status == .forbidden)
        }
    }
}
