import Foundation
import TandemCore
import TandemTestSupport
import Testing
import Vapor

@testable import TandemWeb

@Suite("Evaluation cycles")
struct EvaluationTests {
    /// In 2026-Q3 sales raised two needs to IT, HR one to IT, and IT one to HR. HR gets a manager
    /// to answer for it unless told otherwise.
    static func serve(_ app: TestApp, _ company: TestCompany, _ clock: ManualClock, hrManager: Bool = true) async throws {
        if hrManager {
            _ = try await app.services.organisation.createPerson(
                PersonInput(
                    login: "hr.boss", displayName: "孙经理", email: nil, departmentID: company.hr.id, roles: [.manager],
                    password: TestCompany.password),
                by: company.admin)
        }
        clock.set(ScorecardAPITests.at("2026-08-03 09:00"))
        _ = try await company.raise("一", by: company.salesEmployee, in: app)
        _ = try await company.raise("二", by: company.salesColleague, in: app)
        _ = try await company.raise("三", by: company.hrAgent, in: app)
        _ = try await app.services.needs.raise(
            RaiseNeedInput(title: "四", kind: .service, providingDepartmentID: company.hr.id), by: company.itEmployee)
        clock.set(ScorecardAPITests.at("2026-10-08 09:00"))
    }

    static func fields(_ response: TestResponse) -> [String] {
        ((response.object["error"] as? [String: Any])?["fields"] as? [[String: Any]])?.compactMap { $0["field"] as? String } ?? []
    }

    @Test(
        "opening invites exactly the departments served in the period; only administrators open a company-wide cycle; bad input is named at once",
        arguments: TestDatabase.all)
    func opening(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let clock = ManualClock(ScorecardAPITests.at("2026-08-01 09:00"))
            try app.use(clock: clock)
            let company = try await TestCompany.make(in: app)
            try await Self.serve(app, company, clock, hrManager: false)

            let forbidden = try await app.request(
                .POST, "/api/v1/evaluation-cycles", token: company.token(company.itManager),
                json: #"{"name":"全公司","period":"2026-Q3"}"#)
            #expect(forbidden.status == .forbidden, "a manager opens only for their own department")
            let bad = try await app.request(
                .POST, "/api/v1/evaluation-cycles", token: company.token(company.admin),
                json: """
                    {"name":" ","period":"2026-Q5","dimensions":[{"key":"speed","name":"速度","weight":0},{"key":"speed","name":"","weight":10}],
                     "closes_on":"2026-10-01"}
                    """)
            #expect(bad.status == .unprocessableEntity)
            #expect(Self.fields(bad) == ["name", "period", "dimensions[0].weight", "dimensions[1].key", "dimensions[1].name", "closes_on"])
            let empty = try await app.request(
                .POST, "/api/v1/evaluation-cycles", token: company.token(company.admin),
                json: #"{"name":"去年","period":"2025"}"#)
            #expect(
                empty.status == .unprocessableEntity && empty.errorField == "period"
                    && (empty.object["error"] as? [String: Any])?["reason"] as? String == "nothing_to_evaluate")

            // MUT: the IT manager's cycle: sales and HR rate IT
            let opened = try await app.request(
                .POST, "/api/v1/evaluation-cycles", token: company.token(company.itManager),
                json: #"{"name":"2026 三季度 IT 服务评价","period":"2026-Q3","provider_id":"\#(company.it.id)"}"#)
            #expect(opened.status == .created)
            // HR has no manager: nobody could answer for it, so it is not invited
            #expect(opened.object["invited"] as? Int == 1 && opened.object["answered"] as? Int == 0)
            #expect(
                (opened.object["dimensions"] as? [[String: Any]])?.map { $0["key"] as? String } == [
                    "responsiveness", "quality", "communication", "professionalism",
                ])
            let invitations = try #require(opened.object["invitations"] as? [[String: Any]])
            let pairs = Set(
                invitations.map {
                    "\($0["rater_department_id"] as! String)>\($0["provider_department_id"] as! String):\($0["need_count"] as! Int)"
                })
            #expect(pairs == ["\(company.sales.id)>\(company.it.id):2"])

            // the administrator's company-wide cycle (a minute later) also has IT rating HR
            clock.advance(by: 60)
            let all = try await app.request(
                .POST, "/api/v1/evaluation-cycles", token: company.token(company.admin),
                json: #"{"name":"全公司互评","period":"2026-Q3","asks_recommendation":false}"#)
            #expect(all.status == .created && all.object["invited"] as? Int == 2)
            let list = try await app.request(.GET, "/api/v1/evaluation-cycles", token: company.token(company.salesEmployee))
            #expect(list.items.map { $0["name"] as? String } == ["全公司互评", "2026 三季度 IT 服务评价"])
        }
    }

    @Test(
        "the rating department's managers answer every dimension; the answer shows only to the two departments' managers; closed means closed; the scorecard shows it",
        arguments: TestDatabase.all)
    func answering(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let clock = ManualClock(ScorecardAPITests.at("2026-08-01 09:00"))
            try app.use(clock: clock)
            let company = try await TestCompany.make(in: app)
            try await Self.serve(app, company, clock)
            let cycle = try await app.services.evaluations.open(
                .init(name: "IT 评价", period: "2026-Q3", providerID: company.it.id, closesOn: "2026-10-20"), by: company.itManager)
            let invitations = try await app.services.evaluations.store.invitations(of: cycle.id)
            let sales = try #require(invitations.first { $0.raterID == company.sales.id })
            let hr = try #require(invitations.first { $0.raterID == company.hr.id })
            let path = "/api/v1/evaluation-invitations/\(sales.id)/response"

            let pending = try await app.request(.GET, "/api/v1/me/evaluations", token: company.token(company.salesManager))
            #expect(pending.items.map { $0["id"] as? String } == [sales.id.description])

            // the sales manager is told, once, with a link to the invitation; nobody else in sales is
            await app.drainJobs()
            try await app.services.evaluations.invite(.init(cycleID: cycle.id))
            let told = try await app.request(.GET, "/api/v1/me/notifications", token: company.token(company.salesManager))
            #expect(told.items.map { $0["kind"] as? String } == ["evaluation_requested"])
            #expect(told.items.first?["path"] as? String == "/evaluations/invitations/\(sales.id)")
            #expect(told.items.first?["text"] as? String == "请为提供服务的部门打分：IT 评价 · 信息技术部")
            #expect(try await app.request(.GET, "/api/v1/me/notifications", token: company.token(company.salesEmployee)).items.isEmpty)
            let page = TestBrowser(app)
            try await page.signIn(company.salesManager.login)
            let noticeID = try #require(told.items.first?["id"] as? String)
            let opened = try await page.post("/inbox/\(noticeID)/open", [])
            #expect(opened.headers.first(name: .location) == "/evaluations/invitations/\(sales.id)")
            #expect(try await app.request(.GET, "/api/v1/me/evaluations", token: company.token(company.salesEmployee)).items.isEmpty)

            let good =
                #"{"scores":{"responsiveness":4,"quality":5,"communication":3,"professionalism":4},"recommendation":9,"comment":"整体不错"}"#
            for person in [company.salesEmployee, company.itManager] {
                #expect(try await app.request(.PUT, path, token: company.token(person), json: good).status == .forbidden, "\(person.login)")
            }
            let bad = try await app.request(
                .PUT, path, token: company.token(company.salesManager),
                json: #"{"scores":{"responsiveness":6,"quality":5,"communication":3,"speed":2},"recommendation":11}"#)
            #expect(bad.status == .unprocessableEntity)
            #expect(Self.fields(bad) == ["scores.responsiveness", "scores.professionalism", "scores.speed", "recommendation"])

            // a reminder reaches the sales manager while sales has not answered; only the opener or an administrator sends it
            #expect(
                try await app.request(.POST, "/api/v1/evaluation-cycles/\(cycle.id)/remind", token: company.token(company.salesManager))
                    .status == .forbidden)
            let reminded = try await app.request(
                .POST, "/api/v1/evaluation-cycles/\(cycle.id)/remind", token: company.token(company.itManager))
            #expect(reminded.object["reminded"] as? Int == 2)
            let remindedKinds = try await app.request(.GET, "/api/v1/me/notifications", token: company.token(company.salesManager)).items
                .compactMap { $0["kind"] as? String }
            #expect(remindedKinds.sorted() == ["evaluation_reminder", "evaluation_requested"])

            // MUT: answer
            let answered = try await app.request(.PUT, path, token: company.token(company.salesManager), json: good)
            #expect(answered.status == .ok && (answered.object["scores"] as? [String: Int])?["quality"] == 5)
            _ = try await app.services.evaluations.answer(
                hr.id,
                .init(
                    scores: [
                        "responsiveness": 2, "quality": 3, "communication": 3,
                        "professionalism": 2,
                    ], recommendation: 5), by: company.admin)

            // who sees the answer: the two departments' managers and administrators, not an agent of another department
            for (person, sees) in [
                (company.salesManager, true), (company.itManager, true), (company.admin, true), (company.hrAgent, false),
                (company.salesEmployee, false),
            ] {
                let seen = try await app.request(.GET, "/api/v1/evaluation-invitations/\(sales.id)", token: company.token(person))
                #expect(seen.status == .ok)
                #expect((seen.object["response"] as? [String: Any] != nil) == sees, "\(person.login)")
            }
            let progress = try await app.request(.GET, "/api/v1/evaluation-cycles/\(cycle.id)", token: company.token(company.hrAgent))
            #expect(progress.object["answered"] as? Int == 2)
            let nobodyLeft = try await app.request(
                .POST, "/api/v1/evaluation-cycles/\(cycle.id)/remind", token: company.token(company.itManager))
            #expect(nobodyLeft.status == .ok && nobodyLeft.object["reminded"] as? Int == 0)

            // the scorecard of IT for 2026-Q3: averages (4+2)/2, (5+3)/2, (3+3)/2, (4+2)/2 → 3, 4, 3, 3; overall 3.25; NPS: 9 promoter, 5 detractor → 0
            // (read by IT's manager, who reads every answer; to others two answers are too few to show)
            let hidden = try await app.request(
                .GET, "/api/v1/departments/\(company.it.id)/scorecard?period=2026-Q3", token: company.token(company.hrAgent))
            #expect(hidden.object["evaluation"] == nil && hidden.object["evaluation_withheld"] as? Bool == true)
            let card = try await app.request(
                .GET, "/api/v1/departments/\(company.it.id)/scorecard?period=2026-Q3", token: company.token(company.itManager))
            let evaluation = try #require(card.object["evaluation"] as? [String: Any])
            #expect((evaluation["dimensions"] as? [[String: Any]])?.map { $0["average"] as? Double } == [3, 4, 3, 3])
            #expect(
                evaluation["overall"] as? Double == 3.25 && evaluation["net_promoter_score"] as? Double == 0
                    && evaluation["responses"] as? Int == 2)
            // the pair's scores are Sales's one answer: for Sales's and IT's managers, not for HR (its invitation page hides it too)
            let pairPath = "/api/v1/departments/\(company.it.id)/scorecard?period=2026-Q3&requesting_department_id=\(company.sales.id)"
            let pair = try await app.request(.GET, pairPath, token: company.token(company.salesManager))
            #expect((pair.object["evaluation"] as? [String: Any])?["overall"] as? Double == 4)
            let pairHidden = try await app.request(.GET, pairPath, token: company.token(company.hrAgent))
            #expect(pairHidden.object["evaluation"] == nil && pairHidden.object["evaluation_withheld"] as? Bool == true)
            #expect(!pairHidden.text.contains("\"overall\""), "no score of the one answer")

            // closing: by the manager who opened it; then no more answers
            #expect(
                try await app.request(.POST, "/api/v1/evaluation-cycles/\(cycle.id)/close", token: company.token(company.salesManager))
                    .status == .forbidden)
            let closed = try await app.request(
                .POST, "/api/v1/evaluation-cycles/\(cycle.id)/close", token: company.token(company.itManager))
            #expect(closed.status == .ok && closed.object["status"] as? String == "closed")
            let late = try await app.request(.PUT, path, token: company.token(company.salesManager), json: good)
            #expect(late.status == .conflict)

            // a cycle past its closing day closes by itself
            let second = try await app.services.evaluations.open(
                .init(name: "再评", period: "2026-Q3", providerID: company.it.id, closesOn: "2026-10-09"),
                by: company.itManager)
            clock.set(ScorecardAPITests.at("2026-10-10 09:00"))
            let read = try await app.request(.GET, "/api/v1/evaluation-cycles/\(second.id)", token: company.token(company.salesManager))
            #expect(read.object["status"] as? String == "closed")
            #expect(try await app.request(.GET, "/api/v1/me/evaluations", token: company.token(company.salesManager)).items.isEmpty)
        }
    }

    @Test(
        "pages: a manager opens a cycle with a dimension of their own, another answers it, every bad field shown on its row",
        arguments: TestDatabase.all)
    func pages(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let clock = ManualClock(ScorecardAPITests.at("2026-08-01 09:00"))
            try app.use(clock: clock)
            let company = try await TestCompany.make(in: app)
            try await Self.serve(app, company, clock)
            let itManager = TestBrowser(app)
            try await itManager.signIn(company.itManager.login)
            let list = try await itManager.get("/evaluations")
            #expect(list.text.contains(#"value="2026-Q3""#), "last quarter is offered")

            var fields: [(String, String)] = [
                ("name", ""), ("period", "2026-Q3"), ("provider_id", company.it.id.description),
                ("dimension_count", "6"), ("asks_recommendation", "on"),
            ]
            for (index, dimension) in EvaluationDimension.standard.enumerated() {
                fields += [
                    ("dimension_key_\(index)", dimension.key), ("dimension_name_\(index)", dimension.name),
                    ("dimension_weight_\(index)", "20"),
                ]
            }
            fields += [
                ("dimension_key_4", ""), ("dimension_name_4", "交付及时"), ("dimension_weight_4", "二十"),
                ("dimension_key_5", ""), ("dimension_name_5", ""), ("dimension_weight_5", ""),
            ]
            let bad = try await itManager.post("/evaluations", fields)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.element("dimension-weight-4-error") == "请填写数字")
            #expect(bad.text.contains(#"value="交付及时""#))
            fields = fields.map { $0.0 == "dimension_weight_4" ? ($0.0, "20") : $0.0 == "name" ? ($0.0, "三季度 IT 评价") : $0 }
            let opened = try await itManager.post("/evaluations", fields)
            #expect(opened.status == .seeOther)
            let cycleID = try #require(opened.headers.first(name: .location)).replacingOccurrences(of: "/evaluations/", with: "")
            let id = try #require(EvaluationCycle.ID(cycleID))
            let cycle = try #require(try await app.services.evaluations.store.cycle(id))
            #expect(cycle.dimensions.map(\.key) == ["responsiveness", "quality", "communication", "professionalism", "dimension_5"])
            #expect(cycle.dimensions.map(\.weight) == [20, 20, 20, 20, 20])

            // the sales manager finds it among the evaluations owed and answers
            let salesManager = TestBrowser(app)
            try await salesManager.signIn(company.salesManager.login)
            #expect(try await salesManager.get("/").text.contains("为本部门评价 信息技术部"), "the home page asks")
            let owed = try await salesManager.get("/evaluations")
            let invitation = try #require(
                try await app.services.evaluations.store.invitations(of: cycle.id).first { $0.raterID == company.sales.id })
            #expect(owed.text.contains("/evaluations/invitations/\(invitation.id)"))
            var answer = [
                ("score_responsiveness", "4"), ("score_quality", "5"), ("score_communication", "3"), ("score_professionalism", "4"),
                ("recommendation", "9"), ("comment", "希望更快"),
            ]
            let missing = try await salesManager.post("/evaluations/invitations/\(invitation.id)", answer)
            #expect(missing.status == .unprocessableEntity && missing.element("score-dimension_5-error") == "此项必填")
            #expect(missing.text.contains(#"id="score-quality-5" checked"#), "the chosen scores are kept")
            answer.append(("score_dimension_5", "2"))
            #expect(try await salesManager.post("/evaluations/invitations/\(invitation.id)", answer).status == .seeOther)
            let progress = try await salesManager.get("/evaluations/\(cycle.id)")
            #expect(progress.element("evaluation-progress") == "已评价 1 / 2")
            let shown = try await itManager.get("/evaluations/invitations/\(invitation.id)")
            #expect(shown.element("evaluation-comment-text") == "希望更快" && !shown.text.contains("evaluation-answer-form"))

            // the scorecard page shows the evaluation
            let card = try await salesManager.get("/scorecards?department=\(company.it.id)&period=2026-Q3")
            #expect(
                card.text.contains(
                    #"<tr id="evaluation-dimension-quality"><th scope="row">服务质量 Quality</th><td class="figure-current">5.00</td>"#))
            #expect(card.text.contains(#"<tr id="evaluation-nps"><th scope="row">内部 NPS（1 个回答）</th><td class="figure-current">100.0</td>"#))
        }
    }
}
