import Foundation
import SQLKit
import TandemCore
import TandemTestSupport
import Testing
import Vapor

@testable import TandemWeb

@Suite("Needs surveys")
struct SurveyAPITests {
    static func fields(_ response: TestResponse) -> [String] {
        ((response.object["error"] as? [String: Any])?["fields"] as? [[String: Any]])?.compactMap { $0["field"] as? String } ?? []
    }

    /// IT asks sales what it needs: a choice, a rating, and a "raise a need" question for IT.
    static func body(_ company: TestCompany, anonymous: Bool, frequency: String = "once", startsOn: String = "2026-10-05") -> String {
        """
        {"title":"IT 服务需求调查","is_anonymous":\(anonymous),"audience_departments":["\(company.sales.id)"],"frequency":"\(frequency)",
         "starts_on":"\(startsOn)","open_days":7,"questions":[
           {"key":"system","prompt":"最常用的系统","kind":"single_choice","options":["CRM","ERP"],"required":true},
           {"key":"score","prompt":"对 IT 服务的满意度","kind":"rating"},
           {"key":"need","prompt":"您需要 IT 做什么？","kind":"raise_need","provider_id":"\(company.it.id)"}]}
        """
    }

    static func create(_ app: TestApp, _ company: TestCompany, anonymous: Bool, frequency: String = "once") async throws -> String {
        let created = try await app.request(
            .POST, "/api/v1/surveys", token: company.token(company.itManager),
            json: body(company, anonymous: anonymous, frequency: frequency))
        #expect(created.status == .created)
        return try #require(created.object["id"] as? String)
    }

    @Test("building: managers only, every bad field named at once", arguments: TestDatabase.all)
    func building(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let employee = try await app.request(
                .POST, "/api/v1/surveys", token: company.token(company.salesEmployee),
                json: Self.body(company, anonymous: false))
            #expect(employee.status == .forbidden)
            let bad = try await app.request(
                .POST, "/api/v1/surveys", token: company.token(company.itManager),
                json: """
                    {"title":" ","open_days":0,"questions":[{"key":"a","prompt":"选一个","kind":"single_choice","options":[]},
                     {"key":"a","prompt":"要什么","kind":"raise_need"},{"key":"c","prompt":"","kind":"text","options":["x"]}]}
                    """)
            #expect(bad.status == .unprocessableEntity)
            #expect(
                Self.fields(bad) == [
                    "title", "questions[0].options", "questions[1].key", "questions[1].provider_id", "questions[2].prompt",
                    "questions[2].options", "audience_departments", "open_days",
                ])
            let count = try await app.services.surveys.store.surveys(limit: 10).count
            #expect(count == 0)

            // asking people rather than departments: only they see it and answer
            let people = try await app.request(
                .POST, "/api/v1/surveys", token: company.token(company.itManager),
                json: """
                    {"title":"只问李华","audience_people":["\(company.salesColleague.id)"],"questions":[{"prompt":"还好吗？","kind":"text"}]}
                    """)
            let id = try #require(people.object["id"] as? String)
            #expect(people.object["audience_people"] as? [String] == [company.salesColleague.id.description])
            #expect(try await app.request(.GET, "/api/v1/surveys/\(id)", token: company.token(company.salesEmployee)).status == .notFound)
            #expect(
                try await app.request(
                    .POST, "/api/v1/surveys/\(id)/responses", token: company.token(company.salesColleague),
                    json: #"{"answers":{"q1":"很好"}}"#
                ).status == .created)
            let unknown = try await app.request(
                .POST, "/api/v1/surveys", token: company.token(company.itManager),
                json: """
                    {"title":"x","audience_people":["\(UUID())"],"questions":[{"prompt":"?","kind":"text"}]}
                    """)
            #expect(unknown.errorField == "audience_people")
        }
    }

    @Test(
        "a named survey: asked people answer each round once, required questions and options are checked, the owners read the results",
        arguments: TestDatabase.all)
    func named(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let clock = ManualClock(ScorecardAPITests.at("2026-10-06 09:00"))
            try app.use(clock: clock)
            let company = try await TestCompany.make(in: app)
            let id = try await Self.create(app, company, anonymous: false, frequency: "monthly")
            let path = "/api/v1/surveys/\(id)/responses"

            #expect(
                try await app.request(.GET, "/api/v1/surveys/\(id)", token: company.token(company.hrAgent)).status == .notFound,
                "not asked, not owner")
            let missing = try await app.request(
                .POST, path, token: company.token(company.salesEmployee), json: #"{"answers":{"system":"OA","score":9,"extra":"x"}}"#)
            #expect(Self.fields(missing) == ["answers.system", "answers.score", "answers.extra"])

            let answered = try await app.request(
                .POST, path, token: company.token(company.salesEmployee),
                json: #"{"answers":{"system":"CRM","score":4,"need":"给新同事开通 CRM 账号\n三个人"}}"#)
            #expect(answered.status == .created && answered.object["round"] as? Int == 0)
            let again = try await app.request(
                .POST, path, token: company.token(company.salesEmployee), json: #"{"answers":{"system":"ERP"}}"#)
            #expect(again.status == .conflict)
            #expect(
                try await app.request(
                    .POST, path, token: company.token(company.salesColleague), json: #"{"answers":{"system":"ERP","score":2}}"#
                ).status == .created)
            let seen = try await app.request(.GET, "/api/v1/surveys/\(id)", token: company.token(company.salesEmployee))
            #expect(seen.object["has_answered"] as? Bool == true && seen.object["open_round"] as? Int == 0)

            // results: the owners only
            #expect(
                try await app.request(.GET, "/api/v1/surveys/\(id)/results", token: company.token(company.salesEmployee)).status
                    == .forbidden)
            let results = try await app.request(.GET, "/api/v1/surveys/\(id)/results", token: company.token(company.itManager))
            #expect(results.object["responses"] as? Int == 2 && results.object["invited"] as? Int == 3)
            let questions = try #require(results.object["questions"] as? [[String: Any]])
            #expect((questions[0]["options"] as? [[String: Any]])?.map { $0["count"] as? Int } == [1, 1])
            #expect(questions[1]["rating_distribution"] as? [Int] == [0, 1, 0, 1, 0] && questions[1]["rating_average"] as? Double == 3)
            #expect(questions[2]["texts"] as? [String] == ["给新同事开通 CRM 账号\n三个人"])

            // the draft: IT turns it into a need raised for its author, in one step, once
            let drafts = try await app.request(
                .GET, "/api/v1/departments/\(company.it.id)/need-drafts", token: company.token(company.itAgent))
            let draft = try #require(drafts.items.first)
            #expect(draft["respondent_id"] as? String == company.salesEmployee.id.description)
            #expect(
                try await app.request(.GET, "/api/v1/departments/\(company.it.id)/need-drafts", token: company.token(company.hrAgent))
                    .status == .forbidden)
            let draftID = try #require(draft["id"] as? String)
            let converted = try await app.request(
                .POST, "/api/v1/need-drafts/\(draftID)/convert", token: company.token(company.itAgent), json: "{}")
            #expect(converted.status == .created)
            #expect(converted.object["title"] as? String == "给新同事开通 CRM 账号")
            #expect(converted.object["requester_id"] as? String == company.salesEmployee.id.description)
            #expect(converted.object["requesting_department_id"] as? String == company.sales.id.description)
            let needText = try #require(converted.object["id"] as? String)
            let needID = try #require(Need.ID(needText))
            #expect(try await app.services.needs.needs.events(of: needID).first?.actorID == company.itAgent.id, "recorded by the provider")
            let storedDraftID = try #require(NeedDraft.ID(draftID))
            #expect(try await app.services.surveys.store.draft(storedDraftID)?.needID == needID)
            #expect(
                try await app.request(.POST, "/api/v1/need-drafts/\(draftID)/convert", token: company.token(company.itAgent), json: "{}")
                    .status == .conflict)

            // the next month's round takes a new answer; the announcement reaches the asked once per round
            _ = try await app.services.surveys.watch()
            _ = try await app.services.surveys.watch()
            let told = try await app.request(.GET, "/api/v1/me/notifications", token: company.token(company.salesManager))
            #expect(told.items.compactMap { $0["kind"] as? String } == ["survey_requested"])
            #expect(told.items.first?["path"] as? String == "/surveys/\(id)")
            clock.set(ScorecardAPITests.at("2026-10-20 09:00"))
            #expect(
                try await app.request(.POST, path, token: company.token(company.salesManager), json: #"{"answers":{"system":"CRM"}}"#)
                    .status == .conflict,
                "no round open between rounds")
            clock.set(ScorecardAPITests.at("2026-11-06 09:00"))
            #expect(
                try await app.request(.POST, path, token: company.token(company.salesEmployee), json: #"{"answers":{"system":"ERP"}}"#)
                    .object["round"] as? Int == 1)
            // reminders: only those who have not answered round 1
            let reminded = try await app.request(.POST, "/api/v1/surveys/\(id)/remind", token: company.token(company.itManager))
            #expect(reminded.object["reminded"] as? Int == 2)
            #expect(
                try await app.request(.GET, "/api/v1/me/notifications", token: company.token(company.salesEmployee)).items
                    .compactMap { $0["kind"] as? String }.contains("survey_reminder") == false)
        }
    }

    @Test(
        "an anonymous answer keeps no link to its person: no person, department or time in the response or its draft; only 'answered' apart",
        arguments: TestDatabase.all)
    func anonymous(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let clock = ManualClock(ScorecardAPITests.at("2026-10-06 09:00"))
            try app.use(clock: clock)
            let company = try await TestCompany.make(in: app)
            // sales has three people: an anonymous survey of them needs a minimum group of three
            let tooFew = try await app.request(
                .POST, "/api/v1/surveys", token: company.token(company.itManager),
                json: Self.body(company, anonymous: true))
            #expect(tooFew.status == .unprocessableEntity && tooFew.errorField == "audience_departments")
            #expect(
                try await app.request(
                    .PUT, "/api/v1/settings/privacy", token: company.token(company.itManager),
                    json: #"{"minimum_group":3}"#
                ).status == .forbidden)
            #expect(
                try await app.request(
                    .PUT, "/api/v1/settings/privacy", token: company.token(company.admin),
                    json: #"{"minimum_group":2}"#
                ).status == .unprocessableEntity, "never below three")
            #expect(
                try await app.request(
                    .PUT, "/api/v1/settings/privacy", token: company.token(company.admin),
                    json: #"{"minimum_group":3}"#
                ).status == .ok)
            let id = try await Self.create(app, company, anonymous: true)
            let answered = try await app.request(
                .POST, "/api/v1/surveys/\(id)/responses", token: company.token(company.salesEmployee),
                json: #"{"answers":{"system":"ERP","need":"希望 ERP 培训"}}"#)
            #expect(answered.status == .created)
            #expect(
                try await app.request(
                    .POST, "/api/v1/surveys/\(id)/responses", token: company.token(company.salesEmployee),
                    json: #"{"answers":{"system":"CRM"}}"#
                ).status == .conflict, "still only once")

            // MUT/validate: look at the stored rows themselves
            let sql = app.services.database.sql
            let person = company.salesEmployee.id.rawValue.uuidString.lowercased()
            let department = company.sales.id.rawValue.uuidString.lowercased()
            for table in ["survey_responses", "need_drafts"] {
                let rows = try await sql.raw("SELECT * FROM \(unsafeRaw: table)").all()
                #expect(rows.count == 1, "\(table)")
                for row in rows {
                    #expect(
                        Set(row.allColumns).isDisjoint(with: ["created_at", "submitted_at", "answered_at", "updated_at"]),
                        "\(table) keeps no time")
                    for column in row.allColumns {
                        let text = (try? row.decode(column: column, as: String?.self)).flatMap { $0 }?.lowercased() ?? ""
                        #expect(!text.contains(person) && !text.contains(department), "\(table).\(column) names the person or department")
                    }
                }
            }
            let participation = try await sql.raw("SELECT * FROM survey_participation").all()
            #expect(participation.count == 1 && Set(participation[0].allColumns) == ["survey_id", "round", "person_id"])
            if database.description == "SQLite" {
                let definition = try await sql.raw("SELECT sql FROM sqlite_master WHERE name = 'survey_responses'").first()
                #expect(try definition?.decode(column: "sql", as: String.self).contains("WITHOUT ROWID") == true, "no arrival order kept")
            }

            // one response is too few to show; from three on, the results say nothing of who
            let early = try await app.request(.GET, "/api/v1/surveys/\(id)/results", token: company.token(company.itManager))
            #expect(early.object["withheld"] as? Bool == true && early.object["responses"] as? Int == 1)
            #expect(!early.text.contains("希望 ERP 培训"))
            for person in [company.salesColleague, company.salesManager] {
                #expect(
                    try await app.request(
                        .POST, "/api/v1/surveys/\(id)/responses", token: company.token(person),
                        json: #"{"answers":{"system":"CRM"}}"#
                    ).status == .created)
            }
            let results = try await app.request(.GET, "/api/v1/surveys/\(id)/results", token: company.token(company.itManager))
            #expect(results.object["withheld"] as? Bool == false)
            #expect((results.object["questions"] as? [[String: Any]])?[2]["texts"] as? [String] == ["希望 ERP 培训"])
            let draft = try #require(
                try await app.request(
                    .GET, "/api/v1/departments/\(company.it.id)/need-drafts",
                    token: company.token(company.itAgent)
                ).items.first)
            #expect(draft["respondent_id"] == nil && draft["respondent_department_id"] == nil)
            // the ids carry no time: random (version 4), not time-ordered like everything else
            for table in ["survey_responses", "need_drafts"] {
                let ids = try await sql.raw("SELECT id FROM \(unsafeRaw: table)").all().map { try $0.decode(column: "id", as: UUID.self) }
                #expect(ids.allSatisfy { $0.uuid.6 >> 4 == 4 }, "\(table) ids are random")
            }
            // turned into a need: recorded by the provider, from the department the survey asked (its only one),
            // of the kind the provider chose, with the answer as written and no marker in it
            let need = try await app.request(
                .POST, "/api/v1/need-drafts/\(draft["id"] as! String)/convert", token: company.token(company.itAgent),
                json: #"{"title":"ERP 培训","kind":"technology"}"#)
            #expect(need.status == .created && need.object["requester_id"] as? String == company.itAgent.id.description)
            #expect(need.object["requesting_department_id"] as? String == company.sales.id.description)
            #expect(need.object["kind"] as? String == "technology")
            #expect(need.object["description"] as? String == "希望 ERP 培训")
        }
    }

    @Test(
        "pages: building with a bad row, answering named and anonymous, results with charts, a draft turned into a need",
        arguments: TestDatabase.all)
    func pages(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let clock = ManualClock(ScorecardAPITests.at("2026-10-06 09:00"))
            try app.use(clock: clock)
            let company = try await TestCompany.make(in: app)
            let manager = TestBrowser(app)
            try await manager.signIn(company.itManager.login)
            var fields = [
                ("title", "办公设备需求"), ("is_anonymous", "on"), ("audience_departments", company.sales.id.description),
                ("frequency", "once"), ("starts_on", "2026-10-06"), ("open_days", "7"), ("question_count", "3"),
                ("question_prompt_0", "哪种设备最缺？"), ("question_kind_0", "single_choice"), ("question_options_0", "显示器\n键盘"),
                ("question_prompt_1", "还需要什么？"), ("question_kind_1", "raise_need"), ("question_provider_1", ""),
                ("question_prompt_2", ""), ("question_kind_2", "text"), ("question_options_2", ""),
            ]
            let bad = try await manager.post("/surveys", fields)
            #expect(bad.status == .unprocessableEntity && bad.element("question-provider-1-error") == "所选的项目不存在或已停用")
            _ = try await app.services.settings.setMinimumGroup(try MinimumGroup(3), by: company.admin)
            #expect(bad.text.contains("显示器\n键盘</textarea>"))
            fields = fields.map { $0.0 == "question_provider_1" ? ($0.0, company.it.id.description) : $0 }
            let created = try await manager.post("/surveys", fields)
            #expect(created.status == .seeOther)
            let survey = try #require(try await app.services.surveys.store.surveys(limit: 1).first)
            #expect(survey.isAnonymous && survey.questions.map(\.kind) == [.singleChoice, .raiseNeed])

            let employee = TestBrowser(app)
            try await employee.signIn(company.salesEmployee.login)
            #expect(try await employee.get("/").text.contains(#"<a href="/surveys/\#(survey.id)">填写问卷：办公设备需求</a>"#), "the home page asks")
            let form = try await employee.get("/surveys/\(survey.id)")
            #expect(form.element("survey-anonymity") == "这是匿名问卷：您的回答不会与您的姓名、部门或提交时间关联。")
            let sent = try await employee.post("/surveys/\(survey.id)", [("answer_q1", "显示器"), ("answer_q2", "两台 27 寸显示器")])
            #expect(sent.status == .seeOther)
            #expect(try await employee.get("/surveys/\(survey.id)").element("survey-notice") == "本轮已填写")
            #expect(!(try await employee.get("/").text.contains("填写问卷")), "answered: no longer to do")

            let early = try await manager.get("/surveys/\(survey.id)/results")
            #expect(early.element("survey-withheld") == "回答太少，暂不显示（至少 3 份回答才显示匿名结果）")
            #expect(!early.text.contains("两台 27 寸显示器"))
            for person in [company.salesColleague, company.salesManager] {
                let other = TestBrowser(app)
                try await other.signIn(person.login)
                #expect(try await other.post("/surveys/\(survey.id)", [("answer_q1", "键盘")]).status == .seeOther)
            }
            let results = try await manager.get("/surveys/\(survey.id)/results")
            #expect(results.element("survey-response-count") == "3 / 3 人已回答 · ", "sales has three people")
            #expect(results.text.contains(#"<text x="0" y="13">显示器</text>"#) && results.text.contains(#"id="chart-q1""#))
            #expect(results.text.contains("两台 27 寸显示器"))

            let agent = TestBrowser(app)
            try await agent.signIn(company.itAgent.login)
            #expect(try await agent.get("/").text.contains("1 条问卷中的需求草稿待处理"))
            let drafts = try await agent.get("/drafts")
            let draft = try #require(try await app.services.surveys.store.drafts(provider: company.it.id, status: .open).first)
            #expect(drafts.text.contains("匿名 · 办公设备需求 #1"))
            let converted = try await agent.post("/drafts/\(draft.id)/convert", [("title", "两台显示器")])
            #expect(converted.status == .seeOther && converted.headers.first(name: .location)?.hasPrefix("/needs/N-") == true)
            #expect(try await agent.get("/drafts").text.contains("没有待处理的草稿"))
        }
    }

    @Test(
        "before a round or an evaluation closes, those still missing are reminded once, whatever the number of watchers",
        arguments: TestDatabase.all)
    func closingReminders(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let clock = ManualClock(ScorecardAPITests.at("2026-10-06 09:00"))
            try app.use(clock: clock)
            let company = try await TestCompany.make(in: app)
            let id = try await Self.create(app, company, anonymous: false)
            #expect(
                try await app.request(
                    .POST, "/api/v1/surveys/\(id)/responses", token: company.token(company.salesEmployee),
                    json: #"{"answers":{"system":"CRM"}}"#
                ).status == .created)
            // the round (from 10-05, seven days) closes on 10-12 at midnight: nothing due on the 6th
            #expect(try await app.services.surveys.watch().isEmpty)
            clock.set(ScorecardAPITests.at("2026-10-10 09:00"))
            // an evaluation closing on the 11th is due from the 10th
            _ = try await company.raise("评价用", by: company.salesEmployee, in: app)
            _ = try await app.services.evaluations.open(
                .init(name: "四季度", period: "2026-Q4", providerID: company.it.id, closesOn: "2026-10-11"),
                by: company.itManager)
            await app.drainJobs()
            // MUT: two watchers ask at once
            for _ in 0..<2 {
                try await app.services.jobs.store.enqueue(try await app.services.surveys.watch() + app.services.evaluations.dueReminders())
            }
            await app.drainJobs()
            func kinds(_ person: Person) async throws -> [String] {
                try await app.request(.GET, "/api/v1/me/notifications", token: company.token(person)).items.compactMap {
                    $0["kind"] as? String
                }
            }
            #expect(try await kinds(company.salesColleague).filter { $0 == "survey_reminder" }.count == 1)
            #expect(try await kinds(company.salesEmployee).contains("survey_reminder") == false, "answered: not reminded")
            #expect(try await kinds(company.salesManager).filter { $0 == "evaluation_reminder" }.count == 1)
            #expect(try await kinds(company.salesManager).contains("evaluation_requested"))
        }
    }
}
