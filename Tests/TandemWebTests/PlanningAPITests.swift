import Foundation
import TandemCore
import TandemTestSupport
import Testing
import Vapor

@testable import TandemWeb

@Suite("Strategic goals and capacity planning")
struct PlanningAPITests {
    @Test(
        "goals: administrators set them, bad fields are named, needs link to them, their effort and outcomes add up",
        arguments: TestDatabase.all)
    func goals(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let admin = company.token(company.admin)
            let bad = try await app.request(
                .POST, "/api/v1/goals", token: admin,
                json: #"{"title":" ","weight":150,"starts_on":"2026-12-01","ends_on":"2026-01-01"}"#)
            let fields = ((bad.object["error"] as? [String: Any])?["fields"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
            #expect(bad.status == .unprocessableEntity && fields == ["title", "weight", "ends_on"])
            #expect(
                try await app.request(.POST, "/api/v1/goals", token: company.token(company.itManager), json: #"{"title":"x","weight":1}"#)
                    .status == .forbidden)
            let created = try await app.request(
                .POST, "/api/v1/goals", token: admin,
                json: #"{"title":"数字化转型","description":"全员上云","weight":80,"starts_on":"2026-01-01"}"#)
            #expect(created.status == .created)
            let goalID = try #require(created.object["id"] as? String)
            let ended = try await app.request(
                .POST, "/api/v1/goals", token: admin, json: #"{"title":"去年的目标","weight":10,"ends_on":"2020-12-31"}"#)
            let endedID = try #require(ended.object["id"] as? String)

            // providers link needs (an ended goal is refused), with their effort
            let first = try await company.raise("上云迁移", by: company.salesEmployee, in: app)
            let second = try await company.raise("账号合并", by: company.salesEmployee, in: app)
            let agent = company.token(company.itAgent)
            for (need, hours) in [(first, 16), (second, 8)] {
                let patched = try await app.request(
                    .PATCH, "/api/v1/needs/\(need.id)", token: agent,
                    json: #"{"strategic_goal_id":"\#(goalID)","effort_hours":\#(hours)}"#)
                #expect(patched.status == .ok, "\(patched.text)")
            }
            let refused = try await app.request(
                .PATCH, "/api/v1/needs/\(first.id)", token: agent, json: #"{"strategic_goal_id":"\#(endedID)"}"#)
            #expect(refused.status == .unprocessableEntity && refused.errorField == "strategic_goal_id")
            // one rule when raised and when changed: an ended goal takes no new need either way
            let raisedOnEnded = try await app.request(
                .POST, "/api/v1/needs", token: company.token(company.salesEmployee),
                json: """
                    {"title":"旧目标下的需求","kind":"technology","providing_department_id":"\(company.it.id)","strategic_goal_id":"\(endedID)"}
                    """)
            #expect(
                raisedOnEnded.status == .unprocessableEntity && raisedOnEnded.errorField == "strategic_goal_id", "\(raisedOnEnded.text)")
            // a change names every bad field at once, and writes none of them
            let several = try await app.request(
                .PATCH, "/api/v1/needs/\(first.id)", token: agent,
                json: #"{"title":" ","effort_hours":-1,"strategic_goal_id":"\#(endedID)"}"#)
            let named = ((several.object["error"] as? [String: Any])?["fields"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
            #expect(several.status == .unprocessableEntity && named == ["title", "effort_hours", "strategic_goal_id"], "\(several.text)")
            #expect(try await app.services.needs.need(first.id, for: company.itAgent).title == "上云迁移")
            #expect(
                try await app.request(
                    .PATCH, "/api/v1/needs/\(first.id)", token: company.token(company.salesEmployee),
                    json: #"{"strategic_goal_id":"\#(goalID)"}"#
                ).status == .forbidden, "the requester does not judge")
            _ = try await app.services.needs.transition(first.id, .start, by: company.itAgent)
            _ = try await app.services.needs.transition(first.id, .resolve, by: company.itAgent)
            _ = try await app.services.satisfaction.rate(first.id, score: 5, comment: nil, by: company.salesEmployee)

            let list = try await app.request(.GET, "/api/v1/goals", token: company.token(company.salesColleague))
            let goal = try #require(list.items.first { $0["id"] as? String == goalID }, "\(list.text)")
            let figures = try #require(goal["figures"] as? [String: Any])
            #expect(figures["needs"] as? Int == 2 && figures["open"] as? Int == 1 && figures["resolved"] as? Int == 1)
            #expect(figures["effort_hours"] as? Double == 24 && figures["resolved_effort_hours"] as? Double == 16)
            #expect(figures["rating_sum"] as? Int == 5 && figures["rating_count"] as? Int == 1)
            let changed = try await app.request(.PATCH, "/api/v1/goals/\(goalID)", token: admin, json: #"{"weight":90,"ends_on":null}"#)
            #expect(
                changed.object["weight"] as? Int == 90 && changed.object["title"] as? String == "数字化转型" && changed.object["ends_on"] == nil)

            // the goals page lists them; administrators get the form, with every bad field named
            let browser = TestBrowser(app)
            _ = try await browser.signIn(company.admin.login)
            let page = try await browser.get("/goals")
            #expect(page.text.contains("数字化转型") && page.text.contains("id=\"goal-form\""))
            let csv = try await browser.get("/goals/export.csv")
            #expect(csv.text.hasPrefix("\u{FEFF}目标,权重") && csv.text.contains("数字化转型,90,2026-01-01 – …,2,1,1,24,16,"), "\(csv.text)")
            let form = try await browser.post("/goals", [("title", ""), ("weight", "abc"), ("starts_on", "2026-13-01")])
            #expect(
                form.status == .unprocessableEntity && form.element("goal-title-error") != nil && form.element("goal-weight-error") != nil,
                "\(form.status) \(form.text.prefix(3000))")
        }
    }

    @Test(
        "the planner proposes in score order within the declared capacity, the manager pins and commits, and the plan is set against what was resolved",
        arguments: TestDatabase.all)
    func planning(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let clock = ManualClock(Date(timeIntervalSince1970: 1_794_794_400))  // 2026-11-16
            try app.use(clock: clock)
            let company = try await TestCompany.make(in: app)
            let manager = company.token(company.itManager), agent = company.token(company.itAgent)
            let plan = "/api/v1/departments/\(company.it.id)/plan?period=2026-11"
            // no capacity yet: nothing to propose
            #expect(try await app.request(.GET, plan, token: agent).object["proposal"] == nil)
            // who declares: the department's managers
            #expect(
                try await app.request(
                    .PUT, "/api/v1/departments/\(company.it.id)/capacity/2026-11", token: agent, json: #"{"person_days":5}"#
                )
                .status == .forbidden)
            #expect(try await app.request(.GET, plan, token: company.token(company.salesEmployee)).status == .forbidden)
            #expect(
                try await app.request(
                    .PUT, "/api/v1/departments/\(company.it.id)/capacity/2026-13", token: manager, json: #"{"person_days":5}"#
                )
                .errorField == "period")
            #expect(
                try await app.request(
                    .PUT, "/api/v1/departments/\(company.it.id)/capacity/2026-11", token: manager, json: #"{"person_days":-1}"#
                )
                .errorField == "person_days")
            let declared = try await app.request(
                .PUT, "/api/v1/departments/\(company.it.id)/capacity/2026-11", token: manager, json: #"{"person_days":5}"#)
            #expect(declared.status == .ok && declared.object["person_days"] as? Double == 5)

            // four needs: 3 days P1, 3 days P2, 1 day P3, one without an estimate
            let big = try await company.raise("大需求", by: company.salesEmployee, in: app, urgency: .critical, importance: .critical)
            let second = try await company.raise("第二", by: company.salesEmployee, in: app, urgency: .high, importance: .high)
            let small = try await company.raise("小需求", by: company.salesEmployee, in: app, urgency: .low, importance: .medium)
            let unknown = try await company.raise("未估计", by: company.salesEmployee, in: app)
            for (need, hours) in [(big, 24), (second, 24), (small, 8)] {
                _ = try await app.request(.PATCH, "/api/v1/needs/\(need.id)", token: agent, json: #"{"effort_hours":\#(hours)}"#)
            }
            let proposal = try #require(try await app.request(.GET, plan, token: agent).object["proposal"] as? [String: Any])
            let lines = try #require(proposal["lines"] as? [[String: Any]])
            #expect(lines.map { $0["title"] as? String } == ["大需求", "第二", "未估计", "小需求"])
            #expect(lines.map { $0["decision"] as? String } == ["planned", "deferred", "deferred", "planned"])
            #expect(lines.map { $0["reason"] as? String } == [nil, "over_capacity", "no_estimate", nil])
            #expect(lines[1]["needed_days"] as? Double == 3 && lines[1]["left_days"] as? Double == 2)
            #expect(proposal["planned_days"] as? Double == 4 && proposal["left_days"] as? Double == 1)

            // the manager sets the big one aside and commits; an agent may not commit
            let pins = #"{"period":"2026-11","pins":{"\#(big.id)":"exclude"}}"#
            #expect(
                try await app.request(.POST, "/api/v1/departments/\(company.it.id)/plan", token: agent, json: pins).status == .forbidden)
            let strange = try await app.request(
                .POST, "/api/v1/departments/\(company.it.id)/plan", token: manager,
                json: #"{"period":"2026-11","pins":{"\#(UUID())":"include"}}"#)
            #expect(strange.errorField == "pins")
            let committed = try await app.request(.POST, "/api/v1/departments/\(company.it.id)/plan", token: manager, json: pins)
            #expect(committed.status == .created)
            let committedLines = ((committed.object["proposal"] as? [String: Any])?["lines"] as? [[String: Any]]) ?? []
            #expect(
                committedLines.filter { $0["decision"] as? String == "planned" }.compactMap { $0["title"] as? String } == ["第二", "小需求"])

            // the month goes on: the small one and the unplanned big one get resolved
            for need in [small, big] {
                _ = try await app.services.needs.transition(need.id, .start, by: company.itAgent)
                _ = try await app.services.needs.transition(need.id, .resolve, by: company.itAgent)
            }
            let state = try await app.request(.GET, plan, token: agent).object
            let review = try #require(state["review"] as? [String: Any])
            #expect(review["planned"] as? Int == 2 && review["planned_done"] as? Int == 1 && review["unplanned_done"] as? Int == 1)
            #expect(review["planned_done_days"] as? Double == 1 && review["unplanned_done_days"] as? Double == 3)
            #expect(review["missed"] as? [String] == [second.id.description])
            _ = unknown

            // the page: the proposal with its reasons, pins, and the committed plan against actual
            let browser = TestBrowser(app)
            _ = try await browser.signIn(company.itManager.login)
            let page = try await browser.get("/planning?department=\(company.it.id)&period=2026-11")
            #expect(page.status == .ok && page.text.contains("没有工作量估计") && page.text.contains("id=\"plan-review\""))
            let csv = try await browser.get("/planning/export.csv?department=\(company.it.id)&period=2026-11")
            let csvLines = csv.text.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(csvLines.first == "#,编号,标题,优先级,得分,工作量（人天）,建议,原因", "\(csv.text)")
            #expect(csvLines.count == 1 + (page.text.components(separatedBy: "<tr id=\"line-").count - 1))
            #expect(csv.text.contains(",暂缓,没有工作量估计"))
            let recommitted = try await browser.post(
                "/planning/commit",
                [
                    ("department", company.it.id.description), ("period", "2026-11"),
                    ("pin.\(second.id)", "include"),
                ])
            #expect(recommitted.status == .seeOther)
            let again = try await app.services.planning.review(company.it.id, in: ReportingPeriod("2026-11")!, for: company.itManager)
            #expect(again?.plan.proposal.lines.first { $0.needID == second.id }?.pin == .include)
            let capacity = try await browser.post(
                "/planning/capacity", [("department", company.it.id.description), ("period", "2026-11"), ("person_days", "很多")])
            #expect(capacity.status == .unprocessableEntity && capacity.element("person-days-error") != nil)
        }
    }

    @Test("the need page lets the provider judge urgency, importance, effort and goal; not the requester", arguments: TestDatabase.all)
    func triage(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let goal = try await app.services.goals.create(GoalInput(title: "降本增效", weight: 60), by: company.admin)
            let need = try await company.raise("服务器扩容", by: company.salesEmployee, in: app)
            let requester = TestBrowser(app)
            _ = try await requester.signIn(company.salesEmployee.login)
            #expect(try await requester.get("/needs/\(need.number)").text.contains("id=\"triage-form\"") == false)
            let agent = TestBrowser(app)
            _ = try await agent.signIn(company.itAgent.login)
            #expect(try await agent.get("/needs/\(need.number)").text.contains("降本增效 (60)"))
            let bad = try await agent.post(
                "/needs/\(need.number)/triage",
                [
                    ("urgency", "high"), ("importance", "high"), ("effort_hours", "-3"),
                    ("strategic_goal_id", goal.id.description),
                ])
            #expect(bad.status == .unprocessableEntity && bad.element("effort-error") != nil)
            let good = try await agent.post(
                "/needs/\(need.number)/triage",
                [
                    ("urgency", "high"), ("importance", "high"), ("effort_hours", "12.5"),
                    ("strategic_goal_id", goal.id.description),
                ])
            #expect(good.status == .seeOther)
            let stored = try #require(try await app.services.needs.needs.need(need.id))
            #expect(
                stored.urgency == .high && stored.effortHours == Decimal(string: "12.5") && stored.strategicGoalID == goal.id
                    && stored.priority == .p2)
        }
    }
}
