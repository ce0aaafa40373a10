import Foundation
import TandemCore
import TandemTestSupport
import Testing

@testable import TandemWeb

@Suite("Type-ahead pickers: suggestions as people type, typed text resolved, no full lists")
struct PickerTests {
    static func labels(_ response: TestResponse) -> [String] {
        response.items.compactMap { $0["label"] as? String }
    }

    @Test("people by initials, login and department; only agents and managers where a need is assigned", arguments: TestDatabase.all)
    func suggestions(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let browser = TestBrowser(app)
            try await browser.signIn(company.salesEmployee.login)
            let byInitials = try await browser.get("/pickers/people?q=wxm")
            #expect(byInitials.status == .ok && Self.labels(byInitials) == ["王小明"])
            #expect(byInitials.items.first?["detail"] as? String == "xiaoming · 销售部")
            #expect(byInitials.items.first?["value"] as? String == company.salesEmployee.id.description)
            let it = try await browser.get("/pickers/people?q=it.&department=\(company.it.id)")
            #expect(Set(Self.labels(it)) == ["陈工", "刘工", "赵经理", "周员"])
            let serving = try await browser.get("/pickers/people?q=it.&department=\(company.it.id)&serving=1")
            #expect(Set(Self.labels(serving)) == ["陈工", "刘工", "赵经理"], "周员 is an employee: never assigned")
            #expect(Self.labels(try await browser.get("/pickers/people?q=g&limit=2")).count == 2)
            let unknown = try await browser.get("/pickers/people?who=me")
            #expect(unknown.status == .badRequest || unknown.status == .unprocessableEntity)

            let byCode = try await browser.get("/pickers/departments?q=hr")
            #expect(Self.labels(byCode).first == "人力资源部", "the code that is the query comes first")
            #expect(Self.labels(try await browser.get("/pickers/departments?q=xxjsb")) == ["信息技术部"], "pinyin initials")
            #expect(Self.labels(try await browser.get("/pickers/departments?q=bu&providers=1")).sorted() == ["人力资源部", "信息技术部"])
            #expect(
                (try await browser.get("/pickers/departments?q=sales")).items.first?["detail"] as? String == "SALES")
        }
    }

    @Test("a form sent with typed text: a login or the only match is taken, otherwise the field says why", arguments: TestDatabase.all)
    func typedText(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let need = try await company.raise("账号开通", by: company.salesEmployee, in: app)
            let manager = TestBrowser(app)
            try await manager.signIn(company.itManager.login)
            let path = "/needs/\(need.number)"
            #expect(try await manager.post(path + "/assignees", [("assignee_ids_lookup", "liugong")]).status == .seeOther)
            #expect(try await app.services.needs.need(need.id, for: company.admin).assigneeIDs == [company.itAgent2.id])
            let kept = try await manager.post(
                path + "/assignees", [("assignee_ids", company.itAgent2.id.description), ("assignee_ids_lookup", "it.agent")])
            #expect(kept.status == .seeOther)
            #expect(
                try await app.services.needs.need(need.id, for: company.admin).assigneeIDs == [company.itAgent2.id, company.itAgent.id],
                "the login it.agent is taken although it.agent2 starts with it too")
            let employee = try await manager.post(path + "/assignees", [("assignee_ids_lookup", "zhouyuan")])
            #expect(employee.status == .unprocessableEntity && employee.element("assignees-error") == "没有人与“zhouyuan”相符")
            let several = try await manager.post(path + "/assignees", [("assignee_ids_lookup", "gong")])
            #expect(several.element("assignees-error") == "有不止一人与“gong”相符，请从列表中选择")
            #expect(try await app.services.needs.need(need.id, for: company.admin).assigneeIDs.count == 2, "nothing changed")

            let meeting = try await manager.post(
                "/meetings",
                [
                    ("title", "IT 周会"), ("held_on", "2026-11-30"), ("department_ids_lookup", "IT"),
                    ("attendee_ids_lookup", "xiaoming"), ("minutes", ""),
                ])
            #expect(meeting.status == .seeOther, "\(meeting.text.prefix(300))")
            let recorded = try #require(try await app.services.meetings.meetings(for: company.itManager).first)
            #expect(recorded.departmentIDs == [company.it.id] && recorded.attendeeIDs == [company.salesEmployee.id])
            let noDepartment = try await manager.post(
                "/meetings", [("title", "周会"), ("held_on", "2026-11-30"), ("department_ids_lookup", "财务部")])
            #expect(noDepartment.element("meeting-departments-error") == "没有部门与“财务部”相符")
            #expect(noDepartment.text.contains(#"value="财务部""#), "what was typed is kept in its field")
        }
    }

    @Test("pages name only the people chosen, never the whole company")
    func noFullLists() async throws {
        try await withTestApp(.sqlite) { app in
            let company = try await TestCompany.make(in: app)
            for index in 0..<30 {
                _ = try await app.services.organisation.createPerson(
                    PersonInput(
                        login: String(format: "agent%02d", index), displayName: "服务员\(index)号", departmentID: company.it.id,
                        roles: [.agent]), by: company.admin)
            }
            let need = try await company.raise("账号开通", by: company.salesEmployee, in: app)
            _ = try await app.services.needs.assign(need.id, to: [company.itAgent.id], by: company.itManager)
            let manager = TestBrowser(app)
            try await manager.signIn(company.itManager.login)
            for path in ["/needs/\(need.number)", "/queue", "/meetings", "/surveys/new", "/admin/catalog/new?department=\(company.it.id)"] {
                let page = try await manager.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(!page.text.contains("服务员"), "\(path) lists no one who was not chosen")
                #expect(page.text.contains(#"class="picker""#), "\(path) has a picker")
            }
            let needPage = try await manager.get("/needs/\(need.number)")
            #expect(needPage.text.contains(#"name="assignee_ids" value="\#(company.itAgent.id)" checked"#), "the assignee, ticked")
        }
    }
}
