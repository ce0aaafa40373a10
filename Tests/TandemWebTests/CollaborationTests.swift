import Foundation
import TandemCore
import TandemTestSupport
import Testing
import Vapor

@testable import TandemWeb

@Suite("Meetings, suggestions and improvement plans")
struct CollaborationTests {
    static func fields(_ response: TestResponse) -> [String] {
        ((response.object["error"] as? [String: Any])?["fields"] as? [[String: Any]])?.compactMap { $0["field"] as? String } ?? []
    }

    @Test(
        "a meeting: recorded by a manager, read by its people only, needs raised from it link back, actions moved on by their owner",
        arguments: TestDatabase.all)
    func meetings(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let bad = try await app.request(
                .POST, "/api/v1/meetings", token: company.token(company.itManager),
                json: #"{"title":"","held_on":"2026-13-01","department_ids":[]}"#)
            #expect(Self.fields(bad) == ["title", "held_on", "department_ids"])
            #expect(
                try await app.request(
                    .POST, "/api/v1/meetings", token: company.token(company.itAgent),
                    json: #"{"title":"周会","held_on":"2026-11-30","department_ids":["\#(company.it.id)"]}"#
                ).status == .forbidden)
            let recorded = try await app.request(
                .POST, "/api/v1/meetings", token: company.token(company.itManager),
                json: """
                    {"title":"IT 与销售月度沟通会","held_on":"2026-11-30","department_ids":["\(company.it.id)","\(company.sales.id)"],
                     "attendee_ids":["\(company.salesManager.id)"],"minutes":"销售希望 CRM 更快"}
                    """)
            #expect(recorded.status == .created)
            let id = try #require(recorded.object["id"] as? String)
            #expect(try await app.request(.GET, "/api/v1/meetings/\(id)", token: company.token(company.hrAgent)).status == .notFound)
            #expect(try await app.request(.GET, "/api/v1/meetings", token: company.token(company.hrAgent)).items.isEmpty)
            #expect(try await app.request(.GET, "/api/v1/meetings", token: company.token(company.salesEmployee)).items.count == 1)

            // a need raised from it by a salesperson links back to it
            let need = try await app.request(
                .POST, "/api/v1/meetings/\(id)/needs", token: company.token(company.salesManager),
                json: #"{"title":"CRM 提速","kind":"technology","providing_department_id":"\#(company.it.id)"}"#)
            #expect(need.status == .created && need.object["requesting_department_id"] as? String == company.sales.id.description)
            let needID = try #require(Need.ID(need.object["id"] as? String ?? ""))
            #expect(try await app.services.needs.needs.origin(of: needID) == .meeting(try #require(Meeting.ID(id))))
            #expect(
                try await app.request(
                    .POST, "/api/v1/meetings/\(id)/needs", token: company.token(company.hrAgent),
                    json: #"{"title":"x","kind":"technology","providing_department_id":"\#(company.it.id)"}"#
                ).status == .notFound)

            // actions: added by the recorder, moved on by the owner, not by others
            let badAction = try await app.request(
                .POST, "/api/v1/meetings/\(id)/actions", token: company.token(company.itManager),
                json: #"{"title":" ","due_on":"tomorrow"}"#)
            #expect(Self.fields(badAction) == ["title", "owner_id", "due_on"])
            #expect(
                try await app.request(
                    .POST, "/api/v1/meetings/\(id)/actions", token: company.token(company.salesManager),
                    json: #"{"title":"x","owner_id":"\#(company.itAgent.id)"}"#
                ).status == .forbidden)
            let action = try await app.request(
                .POST, "/api/v1/meetings/\(id)/actions", token: company.token(company.itManager),
                json: #"{"title":"评估 CRM 性能","owner_id":"\#(company.itAgent.id)","due_on":"2026-12-15"}"#)
            #expect(action.status == .created && action.object["status"] as? String == "open")
            let actionID = try #require(action.object["id"] as? String)
            #expect(
                try await app.request(
                    .PATCH, "/api/v1/actions/\(actionID)", token: company.token(company.salesEmployee),
                    json: #"{"status":"done"}"#
                ).status == .forbidden)
            #expect(
                try await app.request(
                    .PATCH, "/api/v1/actions/\(actionID)", token: company.token(company.itAgent),
                    json: #"{"status":"done"}"#
                ).object["status"] as? String == "done")
            let shown = try await app.request(.GET, "/api/v1/meetings/\(id)", token: company.token(company.salesEmployee))
            #expect((shown.object["actions"] as? [[String: Any]])?.first?["status"] as? String == "done")
            #expect(shown.object["need_ids"] as? [String] == [needID.description])
        }
    }

    @Test(
        "the suggestion box: anonymous ones keep no author, department or time; the department answers publicly or turns one into a need, once",
        arguments: TestDatabase.all)
    func suggestions(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let bad = try await app.request(
                .POST, "/api/v1/suggestions", token: company.token(company.salesEmployee), json: #"{"body":" "}"#)
            #expect(Self.fields(bad) == ["body", "department_id"])
            let anonymous = try await app.request(
                .POST, "/api/v1/suggestions", token: company.token(company.salesEmployee),
                json: #"{"department_id":"\#(company.it.id)","body":"打印机经常卡纸","anonymous":true}"#)
            #expect(anonymous.status == .created && anonymous.object["author_id"] == nil && anonymous.object["author_department_id"] == nil)
            let row = try #require(try await app.services.database.sql.raw("SELECT * FROM suggestions").first())
            #expect(Set(row.allColumns).isDisjoint(with: ["created_at", "updated_at"]))
            #expect(
                try row.decode(column: "author_id", as: UUID?.self) == nil
                    && row.decode(column: "author_department_id", as: UUID?.self) == nil)
            let named = try await app.request(
                .POST, "/api/v1/suggestions", token: company.token(company.salesEmployee),
                json: #"{"department_id":"\#(company.it.id)","body":"希望有 Mac 支持\n两台"}"#)
            #expect(named.object["author_id"] as? String == company.salesEmployee.id.description)

            // everyone reads the board; only IT answers
            let board = try await app.request(
                .GET, "/api/v1/suggestions?department_id=\(company.it.id)", token: company.token(company.hrAgent))
            #expect(board.items.count == 2)
            let anonymousID = try #require(anonymous.object["id"] as? String), namedID = try #require(named.object["id"] as? String)
            #expect(
                try await app.request(
                    .POST, "/api/v1/suggestions/\(anonymousID)/answer", token: company.token(company.hrAgent),
                    json: #"{"answer":"好"}"#
                ).status == .forbidden)
            let answered = try await app.request(
                .POST, "/api/v1/suggestions/\(anonymousID)/answer", token: company.token(company.itAgent),
                json: #"{"answer":"已更换新打印机"}"#)
            #expect(answered.object["status"] as? String == "answered" && answered.object["answer"] as? String == "已更换新打印机")

            // turned into a need raised for its author, once
            let need = try await app.request(
                .POST, "/api/v1/suggestions/\(namedID)/convert", token: company.token(company.itAgent), json: "{}")
            #expect(need.status == .created && need.object["title"] as? String == "希望有 Mac 支持")
            #expect(need.object["requester_id"] as? String == company.salesEmployee.id.description)
            #expect(
                try await app.request(.POST, "/api/v1/suggestions/\(namedID)/convert", token: company.token(company.itAgent), json: "{}")
                    .status == .conflict)
            let after = try await app.request(.GET, "/api/v1/suggestions", token: company.token(company.salesEmployee))
            #expect(after.items.first { $0["id"] as? String == namedID }?["status"] as? String == "converted")
            // an anonymous one: its id carries no time; a need made of it comes from the department the converter names
            #expect(UUID(uuidString: anonymousID).map { $0.uuid.6 >> 4 } == 4, "a random id")
            let unnamed = try await app.request(
                .POST, "/api/v1/suggestions/\(anonymousID)/convert", token: company.token(company.itAgent), json: "{}")
            #expect(unnamed.status == .unprocessableEntity && unnamed.errorField == "requesting_department_id")
            let fromSales = try await app.request(
                .POST, "/api/v1/suggestions/\(anonymousID)/convert", token: company.token(company.itAgent),
                json: #"{"kind":"resource","requesting_department_id":"\#(company.sales.id)"}"#)
            #expect(fromSales.status == .created)
            #expect(fromSales.object["requesting_department_id"] as? String == company.sales.id.description)
            #expect(fromSales.object["kind"] as? String == "resource" && fromSales.object["description"] as? String == "打印机经常卡纸")
        }
    }

    @Test(
        "an improvement plan keeps its figure's value then, and the next period's scorecard shows it beside the value now",
        arguments: TestDatabase.all)
    func plans(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let clock = ManualClock(ScorecardAPITests.at("2026-09-01 08:00"))
            try app.use(clock: clock)
            let company = try await TestCompany.make(in: app)
            let needs = try await ScorecardAPITests.serve(app, company, clock)
            // Q4 satisfaction: 5 and 2 → 3.5. A plan made from it, its actions
            let bad = try await app.request(
                .POST, "/api/v1/improvement-plans", token: company.token(company.itManager),
                json: #"{"department_id":"\#(company.it.id)","title":"","source_kind":"scorecard","baseline_period":"Q4"}"#)
            #expect(Self.fields(bad) == ["title", "baseline_period", "target_figure"])
            #expect(
                try await app.request(
                    .POST, "/api/v1/improvement-plans", token: company.token(company.salesManager),
                    json: """
                        {"department_id":"\(company.it.id)","title":"x","source_kind":"scorecard","target_figure":"satisfaction"}
                        """
                ).status == .forbidden)
            let fromNeeds = try await app.request(
                .POST, "/api/v1/improvement-plans", token: company.token(company.itManager),
                json: """
                    {"department_id":"\(company.it.id)","title":"重复的账号需求做成标准服务","source_kind":"needs","need_ids":["\(needs[0].id)","\(needs[1].id)"]}
                    """)
            #expect(fromNeeds.status == .created && (fromNeeds.object["need_ids"] as? [String])?.count == 2)
            let created = try await app.request(
                .POST, "/api/v1/improvement-plans", token: company.token(company.itManager),
                json: """
                    {"department_id":"\(company.it.id)","title":"提高满意度","source_kind":"scorecard","target_figure":"satisfaction",
                     "baseline_period":"2026-Q4","target_value":4.5}
                    """)
            #expect(created.status == .created && created.object["baseline_value"] as? Double == 3.5)
            let planID = try #require(created.object["id"] as? String)
            let action = try await app.request(
                .POST, "/api/v1/improvement-plans/\(planID)/actions", token: company.token(company.itManager),
                json: #"{"title":"每周回访低分需求","owner_id":"\#(company.itAgent.id)"}"#)
            #expect(action.status == .created)

            // 2027-Q1: one need rated 4 → the plan beside it: 3.5 then, 4 now, improved
            clock.set(ScorecardAPITests.at("2027-01-05 09:00"))
            let later = try await company.raise("D", by: company.salesEmployee, in: app)
            _ = try await app.services.needs.transition(later.id, .start, by: company.itAgent)
            _ = try await app.services.needs.transition(later.id, .resolve, by: company.itAgent)
            try await app.services.satisfaction.rate(later.id, score: 4, comment: nil, by: company.salesEmployee)
            let card = try await app.request(
                .GET, "/api/v1/departments/\(company.it.id)/scorecard?period=2027-Q1", token: company.token(company.hrAgent))
            let plans = try #require(card.object["plans"] as? [[String: Any]])
            let progress = try #require(plans.first { ($0["plan"] as? [String: Any])?["id"] as? String == planID })
            #expect(
                progress["current_value"] as? Double == 4 && progress["change"] as? Double == 0.5 && progress["improved"] as? Bool == true)
            let q4 = try await app.request(
                .GET, "/api/v1/departments/\(company.it.id)/scorecard?period=2026-Q4", token: company.token(company.hrAgent))
            #expect((q4.object["plans"] as? [Any])?.isEmpty == true, "a plan shows from the period after its baseline")
        }
    }

    @Test(
        "pages: a meeting recorded, an action added and done, a need raised from it that links back; a suggestion answered; a plan made and shown",
        arguments: TestDatabase.all)
    func pages(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let manager = TestBrowser(app)
            try await manager.signIn(company.itManager.login)
            let bad = try await manager.post("/meetings", [("title", ""), ("held_on", "2026-11-30")])
            #expect(bad.status == .unprocessableEntity && bad.element("meeting-title-error") == "此项必填")
            #expect(bad.element("meeting-departments-error") == "此项必填")
            let recorded = try await manager.post(
                "/meetings",
                [
                    ("title", "IT 周会"), ("held_on", "2026-11-30"), ("department_ids", company.it.id.description),
                    ("department_ids", company.sales.id.description), ("minutes", "讨论 CRM"),
                ])
            let path = try #require(recorded.headers.first(name: .location))
            #expect(
                try await manager.post(
                    path + "/actions",
                    [
                        ("title", "整理 CRM 问题"), ("owner_id", company.itAgent.id.description),
                        ("due_on", "2026-12-04"),
                    ]
                ).status == .seeOther)
            let agent = TestBrowser(app)
            try await agent.signIn(company.itAgent.login)
            let page = try await agent.get(path)
            #expect(page.text.contains("整理 CRM 问题") && page.text.contains("陈工"))
            let meetingID = try #require(Meeting.ID(String(path.dropFirst("/meetings/".count))))
            let actionID = try #require(try await app.services.actions.store.items(of: .meeting(meetingID)).first?.id)
            #expect(try await agent.post("/actions/\(actionID)", [("status", "done")]).status == .seeOther)
            #expect(try await agent.get(path).text.contains("已完成"))

            let sales = TestBrowser(app)
            try await sales.signIn(company.salesManager.login)
            let raised = try await sales.post(
                path + "/needs",
                [
                    ("need_title", "CRM 导出报表"), ("providing_department_id", company.it.id.description),
                    ("kind", "technology"),
                ])
            let needPath = try #require(raised.headers.first(name: .location))
            let needPage = try await sales.get(needPath)
            #expect(needPage.text.contains(#"<a href="\#(path)">会议：IT 周会</a>"#))

            // the suggestion box
            let employee = TestBrowser(app)
            try await employee.signIn(company.salesEmployee.login)
            let missing = try await employee.post("/suggestions", [("department_id", ""), ("body", "")])
            #expect(missing.element("suggestion-body-error") == "此项必填" && missing.element("suggestion-department-error") == "此项必填")
            #expect(
                try await employee.post(
                    "/suggestions",
                    [
                        ("department_id", company.it.id.description), ("body", "会议室投影仪太暗"),
                        ("anonymous", "on"),
                    ]
                ).status == .seeOther)
            let suggestion = try #require(try await app.services.suggestions.store.suggestions(to: company.it.id, limit: 5).first)
            #expect(try await agent.post("/suggestions/\(suggestion.id)/answer", [("answer", "本周更换灯泡")]).status == .seeOther)
            let board = try await employee.get("/suggestions")
            #expect(board.text.contains("本周更换灯泡") && board.text.contains("匿名 → 信息技术部"))
            #expect(!board.text.contains("answer-submit-\(suggestion.id)"), "only IT sees the answering form")

            // a plan
            let planBad = try await manager.post(
                "/plans",
                [
                    ("department_id", company.it.id.description), ("title", "缩短解决时间"),
                    ("source_kind", "needs"), ("need_numbers", "N-2026-999999"), ("target_value", "abc"),
                ])
            #expect(planBad.element("plan-needs-error") == "所选的项目不存在或已停用" && planBad.element("plan-target-error") == "请填写数字")
            let plan = try await manager.post(
                "/plans",
                [
                    ("department_id", company.it.id.description), ("title", "缩短解决时间"),
                    ("source_kind", "scorecard"), ("target_figure", "resolution_median"), ("baseline_period", "2026-Q3"),
                ])
            let planPath = try #require(plan.headers.first(name: .location))
            let planPage = try await manager.get(planPath)
            #expect(planPage.element("plan-figure") == "解决时间中位数" && planPage.element("plan-baseline") == "2026-Q3 · —")
            #expect(try await employee.get("/plans").text.contains("缩短解决时间"), "plans are published")
        }
    }
}
