import Foundation
import TandemCore
import TandemTestSupport
import Testing
import Vapor

@Suite("Pages")
struct PageTests {
    @Test("signing in renews the session and the CSRF token; a page needs a session; sign-out ends it", arguments: TestDatabase.all)
    func signInAndOut(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let browser = TestBrowser(app)
            let anonymous = try await browser.get("/queue")
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers.first(name: .location) == "/sign-in?next=%2Fqueue")
            _ = try await browser.get("/sign-in")
            let tokenBefore = browser.csrf
            // MUT
            let signedIn = try await browser.signIn(company.itAgent.login)
            // validate
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers.first(name: .location) == "/")
            let cookie = try #require(signedIn.headers[.setCookie].first { $0.hasPrefix("tandem_session=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"))
            #expect(browser.csrf != nil && browser.csrf != tokenBefore)
            let firstSession = browser.cookies["tandem_session"]
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            #expect(home.text.contains(company.itAgent.displayName))
            #expect(home.headers.first(name: .contentSecurityPolicy)?.contains("script-src 'self'") == true)
            try await browser.signIn(company.itAgent.login)
            #expect(browser.cookies["tandem_session"] != firstSession)
            let reused = try await app.request(.GET, "/api/v1/me", headers: [("Cookie", "tandem_session=\(firstSession ?? "")")])
            #expect(reused.status == .unauthorized, "the session before a new sign-in is ended")
            let out = try await browser.post("/sign-out", [])
            #expect(out.status == .seeOther)
            #expect(try await browser.get("/").status == .seeOther)
        }
    }

    @Test("a wrong password shows the message in the page's language and keeps the login", arguments: TestDatabase.all)
    func wrongPassword(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let browser = TestBrowser(app, acceptLanguage: "en-GB,en;q=0.9")
            let answer = try await browser.signIn(company.itAgent.login, password: "not the password")
            #expect(answer.status == .unauthorized)
            #expect(answer.text.contains("The login or the password is wrong."))
            #expect(answer.text.contains("value=\"\(company.itAgent.login)\""))
            #expect(answer.text.contains("<html lang=\"en\">"))
        }
    }

    @Test("a form without the CSRF token, or with another one, changes nothing", arguments: TestDatabase.all)
    func csrf(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let need = try await company.raise("跨站请求", by: company.salesEmployee, in: app)
            let browser = TestBrowser(app)
            try await browser.signIn(company.itAgent.login)
            // MUT
            let forged = try await browser.post("/needs/\(need.number)/comments", [("body", "forged")], csrf: false)
            let wrong = try await browser.post(
                "/needs/\(need.number)/comments", [("body", "forged"), ("_csrf", String(repeating: "A", count: 43))], csrf: false)
            // validate
            #expect(forged.status == .forbidden)
            #expect(wrong.status == .forbidden)
            #expect(try await app.services.needs.needs.comments(of: need.id).isEmpty)
            let real = try await browser.post("/needs/\(need.number)/comments", [("body", "真的回复")])
            #expect(real.status == .seeOther)
            #expect(try await app.services.needs.needs.comments(of: need.id).map(\.body) == ["真的回复"])
        }
    }

    @Test("a script in a title or a reply is shown as text on every page", arguments: TestDatabase.all)
    func escaping(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let script = "<script>alert(1)</script>"
            let need = try await company.raise(script, by: company.salesEmployee, in: app)
            _ = try await app.services.needs.comment(
                on: need.id, body: "\"><img src=x onerror=alert(2)>", visibility: .public, by: company.itAgent)
            let agent = TestBrowser(app)
            try await agent.signIn(company.itAgent.login)
            let requester = TestBrowser(app)
            try await requester.signIn(company.salesEmployee.login)
            // MUT
            let pages = [
                try await agent.get("/needs/\(need.number)"), try await agent.get("/queue"),
                try await requester.get("/"), try await requester.get("/needs/\(need.number)"),
            ]
            // validate
            for page in pages {
                #expect(page.status == .ok)
                #expect(!page.text.contains(script))
                #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
                #expect(!page.text.contains("<img src=x"))
            }
        }
    }

    @Test("a need another department may not read is the same not-found page as a missing one", arguments: TestDatabase.all)
    func notFound(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let secret = try await company.raise("保密需求", by: company.salesEmployee, in: app, confidential: true)
            let outsider = TestBrowser(app)
            try await outsider.signIn(company.hrAgent.login)
            // MUT
            let refused = try await outsider.get("/needs/\(secret.number)")
            let missing = try await outsider.get("/needs/N-2026-999999")
            // validate
            #expect(refused.status == .notFound)
            #expect(missing.status == .notFound)
            #expect(refused.body == missing.body.replacing(Data("N-2026-999999".utf8), with: Data(secret.number.description.utf8)))
            #expect(!refused.text.contains("保密需求"))
            #expect(refused.text.contains("找不到页面"))
        }
    }

    @Test("the need page offers exactly the actions the core allows this person", arguments: TestDatabase.all)
    func actions(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let need = try await company.raise("权限内的操作", by: company.salesEmployee, in: app)
            for person in [company.salesEmployee, company.itAgent, company.salesColleague] {
                let browser = TestBrowser(app)
                try await browser.signIn(person.login)
                let page = try await browser.get("/needs/\(need.number)")
                let shown = Set(page.text.matches(of: /name="action" value="([a-z_]+)"/).map { String($0.1) })
                #expect(shown == Set(AccessPolicy.availableActions(on: need, person).map(\.rawValue)), "\(person.login)")
                #expect(page.text.contains("value=\"internal\"") == AccessPolicy.canComment(.internal, on: need, person))
            }
        }
    }

    @Test(
        "an agent accepts, notes internally, replies and resolves; the requester sees the reply but not the note",
        arguments: TestDatabase.all)
    func workANeed(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let need = try await company.raise("账号开通", by: company.salesEmployee, in: app)
            let agent = TestBrowser(app)
            try await agent.signIn(company.itAgent.login)
            let path = "/needs/\(need.number)"
            // MUT
            #expect(try await agent.post(path + "/transition", [("action", "accept")]).status == .seeOther)
            #expect(try await agent.post(path + "/comments", [("body", "内部：找张三"), ("visibility", "internal")]).status == .seeOther)
            #expect(try await agent.post(path + "/assignees", [("assignee_ids", company.itAgent2.id.description)]).status == .seeOther)
            #expect(try await agent.post(path + "/transition", [("action", "resolve"), ("reply", "已开通")]).status == .seeOther)
            let again = try await agent.post(path + "/transition", [("action", "accept")])
            // validate
            #expect(again.status == .conflict)
            #expect(again.text.contains("当前状态下不能这样操作"))
            #expect(again.text.contains("需求当前为“已解决”，不能执行“受理”"), "the core's message in Chinese, its values translated")
            #expect(!again.text.contains("cannot accept"))
            let stored = try await app.services.needs.need(need.id, for: company.admin)
            #expect(stored.status == .resolved)
            #expect(stored.assigneeIDs == [company.itAgent2.id])
            let requester = TestBrowser(app)
            try await requester.signIn(company.salesEmployee.login)
            let page = try await requester.get(path)
            #expect(page.text.contains("已开通"))
            #expect(!page.text.contains("找张三"))
            #expect(page.text.contains(company.itAgent2.displayName))
        }
    }

    @Test(
        "raising through the form: a bad value is shown next to its field with what was typed; a good form raises the need with its file",
        arguments: TestDatabase.all)
    func raise(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let browser = TestBrowser(app)
            try await browser.signIn(company.salesEmployee.login)
            let form = try await browser.get("/needs/new?offering=\(company.accountOffering.id)")
            #expect(form.status == .ok)
            for field in company.accountOffering.formFields { #expect(form.text.contains("name=\"form.\(field.key)\"")) }
            let fields: [(String, String)] = [
                ("offering_id", company.accountOffering.id.description), ("providing_department_id", company.it.id.description),
                ("title", "新员工账号"), ("description", "入职"), ("urgency", "high"), ("importance", "critical"),
                ("confidential_shown", "1"), ("form.system", "CRM"), ("form.seats", "很多"),
            ]
            // MUT
            let bad = try await browser.postMultipart("/needs/new", fields, files: [])
            // validate
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("id=\"form-seats-error\""))
            #expect(bad.text.contains("value=\"很多\""))
            #expect(bad.text.contains("value=\"新员工账号\""))
            #expect(try await app.services.needs.count(NeedQuery(), for: company.admin) == 0)
            let pdf = Data("%PDF-1.7 test".utf8)
            let good = try await browser.postMultipart(
                "/needs/new", fields.filter { $0.0 != "form.seats" } + [("form.seats", "3")],
                files: [("attachments", "清单.pdf", "application/pdf", pdf)])
            #expect(good.status == .seeOther)
            let location = try #require(good.headers.first(name: .location))
            let number = try #require(NeedNumber(String(location.dropFirst("/needs/".count))))
            let need = try await app.services.needs.need(number: number, for: company.salesEmployee)
            #expect(need.title == "新员工账号")
            #expect(need.priority == PriorityMatrix.standard.priority(urgency: .high, importance: .critical))
            #expect(need.formAnswers["seats"] == .number(3))
            let attachments = try await app.services.needs.attachments(of: need.id, for: company.salesEmployee)
            #expect(attachments.map(\.fileName) == ["清单.pdf"])
            let wrongFile = try await browser.postMultipart(
                "/needs/new", fields.filter { $0.0 != "form.seats" } + [("form.seats", "3")],
                files: [("attachments", "virus.pdf", "application/pdf", Data("MZ\u{0}\u{0}".utf8))])
            #expect(wrongFile.status == .unprocessableEntity)
            #expect(wrongFile.text.contains("id=\"attachments-error\""))
            #expect(try await app.services.needs.count(NeedQuery(), for: company.admin) == 1, "a refused file leaves no need behind")
        }
    }

    @Test("the language follows the person's setting, else Accept-Language; switching changes the whole page", arguments: TestDatabase.all)
    func language(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let visitor = TestBrowser(app, acceptLanguage: "en-US,en;q=0.9")
            #expect(try await visitor.get("/sign-in").text.contains("<h1>Sign in</h1>"))
            let browser = TestBrowser(app, acceptLanguage: "en-US,en;q=0.9")
            try await browser.signIn(company.salesEmployee.login)
            let chinese = try await browser.get("/profile")
            #expect(chinese.text.contains("<html lang=\"zh-CN\">"), "the person's setting wins over the browser")
            // MUT
            let switched = try await browser.post("/language", [("language", "en"), ("return_to", "/profile")])
            // validate
            #expect(switched.headers.first(name: .location) == "/profile")
            let english = try await browser.get("/profile")
            #expect(english.text.contains("<html lang=\"en\">"))
            #expect(english.text.contains("Change the password"))
            #expect(!english.text.contains("修改密码"))
            #expect(try await app.services.organisation.person(company.salesEmployee.id, for: company.admin).language == .en)
        }
    }

    @Test("the queue filters and bulk-assigns; saved filters belong to their owner", arguments: TestDatabase.all)
    func queue(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let urgent = try await company.raise("紧急需求", by: company.salesEmployee, in: app, urgency: .critical, importance: .critical)
            let calm = try await company.raise("普通需求", by: company.salesEmployee, in: app, urgency: .low, importance: .low)
            let agent = TestBrowser(app)
            try await agent.signIn(company.itAgent.login)
            let all = try await agent.get("/queue")
            #expect(all.text.contains("id=\"queue-count\">2<"))
            let first = try #require(all.text.range(of: "紧急需求")), second = try #require(all.text.range(of: "普通需求"))
            #expect(first.lowerBound < second.lowerBound, "sorted by priority")
            let filtered = try await agent.get("/queue?priority=p4")
            #expect(filtered.text.contains("普通需求") && !filtered.text.contains("紧急需求"))
            // MUT
            let assigned = try await agent.post(
                "/queue/assign",
                [
                    ("need_ids", urgent.id.description), ("need_ids", calm.id.description),
                    ("assignee_id", company.itAgent2.id.description), ("return_to", "/queue"),
                ])
            // validate
            #expect(assigned.status == .seeOther)
            for need in [urgent, calm] {
                #expect(try await app.services.needs.need(need.id, for: company.admin).assigneeIDs == [company.itAgent2.id])
            }
            #expect(try await agent.post("/queue/filters", [("name", "只看低优先级"), ("query", "priority=p4")]).status == .seeOther)
            let saved = try await app.services.savedFilters.filters(for: company.itAgent)
            #expect(saved.map(\.name) == ["只看低优先级"])
            let other = TestBrowser(app)
            try await other.signIn(company.itAgent2.login)
            #expect(!(try await other.get("/queue").text.contains("只看低优先级")))
            let stolen = try await other.post("/queue/filters/\(saved[0].id)/delete", [])
            #expect(stolen.status == .notFound)
            let employee = TestBrowser(app)
            try await employee.signIn(company.salesEmployee.login)
            #expect(try await employee.get("/queue").status == .forbidden)
        }
    }

    @Test("the first administrator with a one-time password must finish the setup first")
    func setup() async throws {
        try await withTestApp(.sqlite) { app in
            let company = try await TestCompany.make(in: app)
            try await app.services.setup.markPending()
            let browser = TestBrowser(app)
            let signedIn = try await browser.signIn(company.admin.login)
            #expect(signedIn.headers.first(name: .location) == "/setup")
            #expect(try await browser.get("/queue").headers.first(name: .location) == "/setup")
            // MUT
            let mismatch = try await browser.post(
                "/setup",
                [
                    ("display_name", "李管理"), ("language", "zh-CN"), ("current_password", TestCompany.password),
                    ("new_password", "a brand new password"), ("repeat_password", "something else"),
                ])
            let done = try await browser.post(
                "/setup",
                [
                    ("display_name", "李管理"), ("language", "en"), ("email", "li@example.com"), ("current_password", TestCompany.password),
                    ("new_password", "a brand new password"), ("repeat_password", "a brand new password"),
                ])
            // validate
            #expect(mismatch.status == .unprocessableEntity)
            #expect(mismatch.text.contains("id=\"repeat_password-error\""))
            #expect(done.status == .seeOther)
            let admin = try await app.services.organisation.person(company.admin.id, for: company.admin)
            #expect(admin.displayName == "李管理" && admin.language == .en && admin.email == "li@example.com")
            #expect(try await app.services.setup.isPending(for: admin) == false)
            let queue = try await browser.get("/queue")
            #expect(queue.status == .ok, "\(queue.text)")
            let again = TestBrowser(app)
            #expect(try await again.signIn(company.admin.login, password: "a brand new password").headers.first(name: .location) == "/")
        }
    }
}
