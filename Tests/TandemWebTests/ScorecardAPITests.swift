import Foundation
import TandemCore
import TandemTestSupport
import Testing
import Vapor

@testable import TandemWeb

@Suite("Scorecards over the API and the page")
struct ScorecardAPITests {
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    /// A moment in Shanghai: `"2026-11-02 09:00"`.
    static func at(_ text: String) -> Date {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        formatter.timeZone = shanghai
        formatter.locale = Locale(identifier: "en_US_POSIX")
        return formatter.date(from: text)!
    }

    /// IT serves sales twice and HR once in 2026-Q4, sales once in Q3; every figure is known by hand.
    static func serve(_ app: TestApp, _ company: TestCompany, _ clock: ManualClock) async throws -> [Need] {
        let policy = try ServiceLevelPolicy(
            mode: .business, targets: [.p3: ServiceLevelTargets(firstResponseMinutes: 60, resolutionMinutes: 480)])
        _ = try await app.services.serviceLevels.setPolicy(policy, of: nil, by: company.admin)
        let needs = app.services.needs
        func step(_ time: String, _ body: () async throws -> Void) async throws {
            clock.set(at(time))
            try await body()
        }
        // Q3: raised and resolved within the hour, rated 3
        clock.set(at("2026-09-01 09:00"))
        let old = try await company.raise("上季度的需求", by: company.salesEmployee, in: app)
        try await step("2026-09-01 10:00") {
            _ = try await needs.transition(old.id, .start, by: company.itAgent)
            _ = try await needs.transition(old.id, .resolve, by: company.itAgent)
        }
        try await step("2026-09-01 11:00") {
            try await app.services.satisfaction.rate(old.id, score: 3, comment: nil, by: company.salesEmployee)
        }
        // A: answered in 30 min (met), resolved in 2 h (met), rated 5
        clock.set(at("2026-11-02 09:00"))
        let a = try await company.raise("A", by: company.salesEmployee, in: app)
        let b = try await company.raise("B", by: company.salesEmployee, in: app)
        try await step("2026-11-02 09:30") { _ = try await needs.transition(a.id, .accept, by: company.itAgent) }
        try await step("2026-11-02 10:00") {}
        let c = try await company.raise("C", by: company.hrAgent, in: app)
        try await step("2026-11-02 11:00") {
            _ = try await needs.transition(a.id, .resolve, by: company.itAgent)
            // B: first answered after 2 h (missed)
            _ = try await needs.transition(b.id, .start, by: company.itAgent)
        }
        // B resolved the next morning: 09:00–12:00 + 13:30–18:00 = 7.5 business hours (met)
        try await step("2026-11-03 09:00") { _ = try await needs.transition(b.id, .resolve, by: company.itAgent) }
        try await step("2026-11-03 10:00") {
            try await app.services.satisfaction.rate(a.id, score: 5, comment: nil, by: company.salesEmployee)
            try await app.services.satisfaction.rate(b.id, score: 2, comment: "慢", by: company.salesEmployee)
        }
        await app.drainJobs()
        // C is never answered: by 11-04 both of its targets are missed (the watcher's refresh sees it)
        clock.set(at("2026-11-04 09:00"))
        try await app.services.serviceLevels.refresh(c.id)
        await app.drainJobs()
        return [a, b, c]
    }

    @Test(
        "a provider's figures, its pair with one department, the previous period and its rank, exactly as counted by hand",
        arguments: TestDatabase.all)
    func scorecard(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let clock = ManualClock(Self.at("2026-09-01 08:00"))
            try app.use(clock: clock)
            let company = try await TestCompany.make(in: app)
            _ = try await Self.serve(app, company, clock)

            // MUT: read as an employee of another department (scorecards are published company-wide)
            let response = try await app.request(
                .GET, "/api/v1/departments/\(company.it.id)/scorecard?period=2026-Q4",
                token: company.token(company.hrAgent))
            #expect(response.status == .ok)
            let figures = try #require(response.object["figures"] as? [String: Any])
            #expect(figures["volume"] as? Int == 3 && figures["resolved"] as? Int == 2 && figures["open"] as? Int == 1)
            #expect(figures["response_decided"] as? Int == 3)
            #expect(abs((figures["response_met_percent"] as? Double ?? 0) - 100.0 / 3) < 1e-9)
            #expect(figures["resolution_decided"] as? Int == 3)
            #expect(abs((figures["resolution_met_percent"] as? Double ?? 0) - 200.0 / 3) < 1e-9)
            #expect(figures["response_median_hours"] as? Double == 0.5 && figures["response_p90_hours"] as? Double == 2)
            #expect(figures["resolution_median_hours"] as? Double == 2 && figures["resolution_p90_hours"] as? Double == 7.5)
            #expect(figures["satisfaction_average"] as? Double == 3.5 && figures["satisfaction_count"] as? Int == 2)
            #expect(figures["satisfaction_distribution"] as? [Int] == [0, 1, 0, 0, 1])
            let previous = try #require(response.object["previous"] as? [String: Any])
            #expect(response.object["previous_period"] as? String == "2026-Q3")
            #expect(previous["volume"] as? Int == 1 && previous["satisfaction_average"] as? Double == 3)
            #expect(previous["resolution_median_hours"] as? Double == 1)
            let ranks = try #require(response.object["ranks"] as? [String: Any])
            #expect(
                (ranks["service_level"] as? [String: Any])?["place"] as? Int == 1
                    && (ranks["service_level"] as? [String: Any])?["of"] as? Int == 1)
            // Sales's two needs are too few to show to HR (the minimum group is 5); HR's own row is HR's
            let served = try #require(response.object["served"] as? [[String: Any]])
            #expect(served.map { $0["department_id"] as? String } == [company.hr.id.description])
            #expect(response.object["served_withheld"] as? Int == 1 && response.object["figures_withheld"] as? Bool == false)
            let full = try await app.request(
                .GET, "/api/v1/departments/\(company.it.id)/scorecard?period=2026-Q4", token: company.token(company.admin))
            let allServed = try #require(full.object["served"] as? [[String: Any]])
            #expect(allServed.map { $0["department_id"] as? String } == [company.sales.id.description, company.hr.id.description])
            #expect(allServed.first?["satisfaction_average"] as? Double == 3.5 && full.object["served_withheld"] as? Int == 0)

            // the pair IT → HR, for HR: its one need
            let pairPath = "/api/v1/departments/\(company.it.id)/scorecard?period=2026-Q4&requesting_department_id=\(company.hr.id)"
            let pair = try await app.request(.GET, pairPath, token: company.token(company.hrAgent))
            let pairFigures = try #require(pair.object["figures"] as? [String: Any])
            #expect(pairFigures["volume"] as? Int == 1 && pairFigures["resolution_met_percent"] as? Double == 0)
            #expect(pair.object["ranks"] == nil && pair.object["served"] == nil && pair.object["figures_withheld"] as? Bool == false)
            // for Sales, outside the pair: too few to show, every figure empty
            let outside = try await app.request(.GET, pairPath, token: company.token(company.salesEmployee))
            let outsideFigures = try #require(outside.object["figures"] as? [String: Any])
            #expect(outside.object["figures_withheld"] as? Bool == true && outsideFigures["volume"] as? Int == 0)
            #expect(outsideFigures["resolution_met_percent"] is NSNull && outsideFigures["satisfaction_count"] as? Int == 0)

            // bad input is named; an unknown provider is not found
            let bad = try await app.request(
                .GET, "/api/v1/departments/\(company.it.id)/scorecard?period=2026-Q5", token: company.token(company.hrAgent))
            #expect(bad.status == .unprocessableEntity && bad.errorField == "period")
            let unknownRequester = try await app.request(
                .GET, "/api/v1/departments/\(company.it.id)/scorecard?requesting_department_id=\(UUID())",
                token: company.token(company.hrAgent))
            #expect(unknownRequester.status == .unprocessableEntity && unknownRequester.errorField == "requesting_department_id")
            #expect(
                try await app.request(.GET, "/api/v1/departments/\(UUID())/scorecard", token: company.token(company.hrAgent)).status
                    == .notFound)
            #expect(try await app.request(.GET, "/api/v1/departments/\(company.it.id)/scorecard").status == .unauthorized)
        }
    }

    @Test(
        "the scorecards page shows the figures beside the previous period, the ratings chart and the departments served",
        arguments: TestDatabase.all)
    func page(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let clock = ManualClock(Self.at("2026-09-01 08:00"))
            try app.use(clock: clock)
            let company = try await TestCompany.make(in: app)
            _ = try await Self.serve(app, company, clock)
            let browser = TestBrowser(app)
            try await browser.signIn(company.salesEmployee.login)
            // the current quarter by default (the clock is in November)
            let page = try await browser.get("/scorecards?department=\(company.it.id)")
            #expect(page.status == .ok)
            #expect(page.element("scorecard-heading") == "信息技术部 · 2026-Q4")
            #expect(
                page.text.contains(
                    #"<tr id="figure-volume"><th scope="row">需求量</th><td class="figure-current">3</td><td>1</td><td class="trend trend-same">+2.0</td>"#
                ))
            #expect(
                page.text.contains(
                    #"<tr id="figure-resolution_median"><th scope="row">解决时间中位数</th><td class="figure-current">2.0 工作小时</td><td>1.0 工作小时</td><td class="trend trend-worse">+1.0 工作小时</td>"#
                ))
            #expect(page.text.contains(#"<td class="figure-current">3.50</td><td>3.00</td><td class="trend trend-better">+0.5</td>"#))
            #expect(page.text.contains("解决达标率排名 1/1") && page.text.contains("满意度排名 1/1"))
            #expect(
                page.text.contains(#"<text x="0" y="13">5★</text>"#) && page.text.contains(#"width="180""#),
                "the bar of the most frequent score is full")
            // HR's one need is too few to show to Sales
            #expect(!page.text.contains("requester=\(company.hr.id)"))
            #expect(page.text.contains(#"id="scorecard-withheld""#) && page.text.contains("另有 1 个部门的需求太少，未单独列出（至少 5 项才显示）"))
            let admin = TestBrowser(app)
            try await admin.signIn(company.admin.login)
            #expect(
                try await admin.get("/scorecards?department=\(company.it.id)").text
                    .contains("/scorecards?department=\(company.it.id)&amp;period=2026-Q4&amp;requester=\(company.hr.id)"))

            let pair = try await admin.get("/scorecards?department=\(company.it.id)&period=2026-Q4&requester=\(company.hr.id)")
            #expect(pair.element("scorecard-heading") == "信息技术部 为 人力资源部 提供的服务 · 2026-Q4")

            let csv = try await admin.get("/scorecards/export.csv?department=\(company.it.id)&period=2026-Q4")
            #expect(
                csv.text.hasPrefix("\u{FEFF}列表,信息技术部,2026-Q4,2026-Q3,变化\r\n") && csv.text.contains("指标,需求量,3,1,+2.0\r\n"), "\(csv.text)")
            #expect(csv.text.contains("服务过的部门,人力资源部,"))
            #expect(try await browser.get("/scorecards/export.csv?department=\(company.it.id)&period=Q9").status == .unprocessableEntity)

            let bad = try await browser.get("/scorecards?department=\(company.it.id)&period=Q9")
            #expect(bad.status == .unprocessableEntity && bad.element("period-error")?.contains("2026-Q4") == true)
        }
    }

    @Test(
        "the database's sums equal the core's over the same needs: counts, verdicts, ratings, departments served, percentiles",
        arguments: TestDatabase.all)
    func tallyInSQL(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let clock = ManualClock(Self.at("2026-10-05 09:00"))
            try app.use(clock: clock)
            let company = try await TestCompany.make(in: app)
            var random = SeededGenerator(seed: 42)
            let store = app.services.needs.needs
            var raised: [Need] = []
            for index in 0..<40 {
                clock.set(Self.at("2026-10-05 09:00").addingTimeInterval(Double(index) * 3_600))
                let requester = [company.salesEmployee, company.salesColleague, company.hrAgent][Int.random(in: 0..<3, using: &random)]
                var need = try await company.raise("需求 \(index)", by: requester, in: app, confidential: index % 4 == 0)
                raised.append(need)
                // MUT: an outcome and, for some, a rating, written as the refresh and a rating would
                let outcome = ServiceLevelOutcome(
                    responseSeconds: Bool.random(using: &random) ? Double(Int.random(in: 60...90_000, using: &random)) : nil,
                    resolutionSeconds: Bool.random(using: &random) ? Double(Int.random(in: 600...500_000, using: &random)) : nil,
                    responseMet: [true, false, nil][Int.random(in: 0..<3, using: &random)],
                    resolutionMet: [true, false, nil][Int.random(in: 0..<3, using: &random)])
                try await app.services.serviceLevels.store.setDeadlines(
                    ServiceLevelDeadlines(), outcome: outcome, of: need.id, version: need.version)
                if Bool.random(using: &random) {
                    var updated = need
                    updated.version += 1
                    updated.status = [.resolved, .closed, .inProgress][Int.random(in: 0..<3, using: &random)]
                    var write = NeedWrite(need: updated, events: [])
                    write.rating = SatisfactionRating(
                        needID: need.id, raterID: requester.id, requestingDepartmentID: need.requestingDepartmentID,
                        providingDepartmentID: need.providingDepartmentID, score: Int.random(in: 1...5, using: &random),
                        comment: nil, ratedAt: clock.now(), updatedAt: clock.now())
                    try await store.apply(write, over: need)
                    need = updated
                }
            }
            let scorecards = app.services.scorecards.store
            let quarter = try #require(ReportingPeriod("2026-Q4")).interval(in: Self.shanghai)
            for requester in [nil, company.sales.id, company.hr.id] {
                // validate: the SQL sums equal the sums in memory, over the needs the core's rule counts for each reader
                for reader in [
                    company.admin, company.salesEmployee, company.salesColleague, company.itAgent, company.itAgent2, company.itManager,
                    company.hrAgent,
                ] {
                    let visibility = NeedVisibility(for: reader)
                    let rows = try await scorecards.scoredNeeds(
                        provider: company.it.id, requester: requester, raisedIn: quarter, visibility: visibility)
                    let summed = try await scorecards.tally(
                        provider: company.it.id, requester: requester, raisedIn: quarter, visibility: visibility)
                    let expected = raised.filter { need in
                        (requester == nil || need.requestingDepartmentID == requester) && visibility.countsInFigures(need)
                    }
                    #expect(
                        Set(rows.map(\.needID)) == Set(expected.map(\.id)), "\(reader.login), requester \(String(describing: requester))")
                    #expect(summed == ScorecardTally(rows), "\(reader.login), requester \(String(describing: requester))")
                    if requester == nil && reader.id == company.admin.id {
                        #expect(summed.volume == 40 && summed.responseSeconds.count > 0)
                    }
                    if requester == nil && reader.id == company.itAgent2.id {
                        #expect(summed.volume == 30, "no confidential need the agent may not read")
                    }
                }
            }
        }
    }
}
