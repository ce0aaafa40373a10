import Foundation
import TandemCore
import TandemTestSupport
import Testing
import Vapor

@testable import TandemWeb

@Suite("Dashboards")
struct DashboardTests {
    /// 2026-11-16 10:00 in Shanghai (a Monday).
    static let now = Date(timeIntervalSince1970: 1_794_794_400)

    static func raise(
        _ app: TestApp, _ company: TestCompany, _ title: String, kind: NeedKind, to provider: Department, at time: Date,
        clock: ManualClock
    ) async throws -> Need {
        clock.set(time)
        return try await app.services.needs.raise(
            RaiseNeedInput(title: title, kind: kind, providingDepartmentID: provider.id),
            by: company.salesEmployee)
    }

    static func figures(_ app: TestApp, _ path: String, as person: Person, _ company: TestCompany) async throws -> TestResponse {
        try await app.request(.GET, path, token: company.token(person))
    }

    @Test("figures counted by hand: volumes, trend, backlog by age, ratings; who sees which dashboard", arguments: TestDatabase.all)
    func figures(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let clock = ManualClock(Self.now)
            try app.use(clock: clock)
            let company = try await TestCompany.make(in: app)
            let day: TimeInterval = 86_400
            let served = try await Self.raise(
                app, company, "开通账号", kind: .technology, to: company.it, at: Self.now - 14 * day, clock: clock)
            clock.advance(by: 2 * 3600)
            _ = try await app.services.needs.transition(served.id, .start, by: company.itAgent)
            clock.advance(by: day)
            _ = try await app.services.needs.transition(served.id, .resolve, by: company.itAgent)
            _ = try await app.services.satisfaction.rate(served.id, score: 4, comment: nil, by: company.salesEmployee)
            _ = try await Self.raise(app, company, "招聘", kind: .resource, to: company.hr, at: Self.now - 37 * day, clock: clock)
            let rejected = try await Self.raise(app, company, "采购", kind: .resource, to: company.it, at: Self.now - 2 * day, clock: clock)
            _ = try await app.services.needs.transition(rejected.id, .reject, by: company.itAgent)
            _ = try await Self.raise(app, company, "很久以前", kind: .service, to: company.it, at: Self.now - 400 * day, clock: clock)
            clock.set(Self.now)
            await app.drainJobs()

            let response = try await Self.figures(app, "/api/v1/dashboards/company", as: company.admin, company)
            #expect(response.status == .ok, "\(response.text)")
            let body = response.object
            let kinds = body["kinds"] as? [[String: Any]] ?? []
            #expect(kinds.reduce(0) { $0 + ($1["count"] as? Int ?? 0) } == 3, "the need of 400 days ago is outside the window")
            let byStatus = Dictionary(grouping: kinds, by: { $0["status"] as? String ?? "" }).mapValues {
                $0.reduce(0) { $0 + ($1["count"] as? Int ?? 0) }
            }
            #expect(byStatus == ["resolved": 1, "new": 1, "rejected": 1])
            let pairs = (body["pairs"] as? [[String: Any]] ?? []).map {
                ($0["providing_department_id"] as? String ?? "", $0["counts"] as? [Int] ?? [])
            }
            #expect(
                Dictionary(pairs, uniquingKeysWith: { first, _ in first }) == [
                    company.it.id.description: [0, 1, 0, 1], company.hr.id.description: [1, 0, 0, 0],
                ],
                "by status group: open, resolved, closed, rejected")
            let months = body["months"] as? [[String: Any]] ?? []
            #expect(
                months.count == 12 && months.last?["start"] as? String == "2026-11-01" && months.first?["start"] as? String == "2025-12-01")
            #expect(months.last?["raised"] as? Int == 2 && months.last?["resolved"] as? Int == 1)
            #expect(months[10]["raised"] as? Int == 1, "October")
            #expect(months.last?["rating_sum"] as? Int == 4 && months.last?["rating_count"] as? Int == 1)
            #expect(
                months.last?["response_count"] as? Int == 2 && (months.last?["response_seconds"] as? Double ?? 0) > 0,
                "the start and the rejection were responses")
            let weeks = body["weeks"] as? [[String: Any]] ?? []
            #expect(weeks.count == 26 && weeks.last?["start"] as? String == "2026-11-16")
            #expect(weeks[weeks.count - 3]["raised"] as? Int == 1, "two weeks ago, Monday 2026-11-02")
            #expect(body["backlog"] as? [Int] == [0, 0, 0, 0, 0, 1, 1], "open: 37 days and 400 days old")
            #expect(body["ratings"] as? [Int] == [0, 0, 0, 1, 0])

            // a department's view as provider and as requester
            let it = try await Self.figures(app, "/api/v1/dashboards/departments/\(company.it.id)", as: company.itAgent, company).object
            #expect((it["kinds"] as? [[String: Any]])?.reduce(0) { $0 + ($1["count"] as? Int ?? 0) } == 2)
            let asker = try await Self.figures(
                app, "/api/v1/dashboards/departments/\(company.sales.id)?view=requester", as: company.salesColleague, company
            ).object
            #expect((asker["kinds"] as? [[String: Any]])?.reduce(0) { $0 + ($1["count"] as? Int ?? 0) } == 3)
            let nobody = try await Self.figures(app, "/api/v1/me/dashboard", as: company.itAgent2, company).object
            #expect((nobody["kinds"] as? [[String: Any]])?.isEmpty == true)

            // who sees which
            for (path, person, status) in [
                ("/api/v1/dashboards/company", company.salesEmployee, HTTPStatus.forbidden),
                ("/api/v1/dashboards/company", company.itManager, .ok),
                ("/api/v1/dashboards/departments/\(company.it.id)", company.salesEmployee, .forbidden),
                ("/api/v1/dashboards/departments/\(company.it.id)", company.itEmployee, .ok),
                ("/api/v1/dashboards/departments/\(UUID())", company.admin, .notFound),
                ("/api/v1/dashboards/departments/\(company.it.id)?view=both", company.itAgent, .unprocessableEntity),
            ] as [(String, Person, HTTPStatus)] {
                #expect(try await Self.figures(app, path, as: person, company).status == status, "\(person.login) \(path)")
            }
        }
    }

    @Test("a stale snapshot is served at once and refreshed by one background job", arguments: TestDatabase.all)
    func snapshots(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let clock = ManualClock(Self.now)
            try app.use(clock: clock)
            let company = try await TestCompany.make(in: app)
            _ = try await Self.raise(app, company, "一", kind: .service, to: company.it, at: Self.now, clock: clock)
            let first = try await app.services.dashboards.dashboard(.company, for: company.admin)
            #expect(first.total == 1)
            _ = try await Self.raise(app, company, "二", kind: .service, to: company.it, at: Self.now + 10, clock: clock)
            #expect(try await app.services.dashboards.dashboard(.company, for: company.admin).total == 1, "fresh: the snapshot")
            clock.advance(by: DashboardWorkflow.freshFor + 1)
            await app.drainJobs()
            let jobsBefore = try await app.services.jobs.store.jobs(state: nil, limit: 500).filter {
                $0.kind == DashboardWorkflow.refreshKind
            }.count
            #expect(try await app.services.dashboards.dashboard(.company, for: company.admin).total == 1, "stale: still served at once")
            #expect(try await app.services.dashboards.dashboard(.company, for: company.admin).total == 1, "read again")
            let refreshes = try await app.services.jobs.store.jobs(state: nil, limit: 500).filter {
                $0.kind == DashboardWorkflow.refreshKind
            }
            #expect(refreshes.count == jobsBefore + 1, "one refresh asked, whoever reads")
            await app.drainJobs()
            let refreshed = try await app.services.dashboards.dashboard(.company, for: company.admin)
            #expect(refreshed.total == 2 && refreshed.computedAt == clock.now())
        }
    }

    @Test(
        "the pages draw every chart as SVG in the reader's language, and each chart's numbers download as CSV for Excel",
        arguments: TestDatabase.all)
    func pages(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let clock = ManualClock(Self.now)
            try app.use(clock: clock)
            let company = try await TestCompany.make(in: app)
            for index in 0..<3 {
                _ = try await Self.raise(
                    app, company, "需求\(index)", kind: .information, to: company.it, at: Self.now - Double(index) * 86_400, clock: clock)
            }
            _ = try await Self.raise(app, company, "HR", kind: .resource, to: company.hr, at: Self.now, clock: clock)
            let admin = TestBrowser(app)
            _ = try await admin.signIn(company.admin.login)
            #expect(try await admin.get("/dashboards").headers.first(name: .location) == "/dashboards/company")
            let page = try await admin.get("/dashboards/company")
            #expect(page.status == .ok)
            for id in DashboardCharts.ids {
                #expect(page.text.contains("id=\"\(id)\""), "chart \(id)")
                #expect(page.text.contains("href=\"/dashboards/company/\(id).csv\""), "csv of \(id)")
            }
            #expect(page.text.contains("<polyline") && page.text.contains("class=\"heat heat-5\"") && page.text.contains("每周趋势"))
            let csv = try await admin.get("/dashboards/company/pairs.csv")
            #expect(csv.status == .ok && csv.headers.contentType?.subType == "csv")
            #expect(csv.text.hasPrefix("\u{FEFF}需求方 \\ 服务方,"), "a byte-order mark, then the header in the reader's language")
            let lines = csv.text.dropFirst().split(separator: "\r\n")
            #expect(lines.count == 2 && lines[1].hasPrefix("销售部,3,1") || lines[1].hasPrefix("销售部,1,3"), "\(lines)")
            let kinds = try await admin.get("/dashboards/company/by_kind.csv")
            #expect(kinds.text.contains("信息,3\r\n") && kinds.text.contains("资源,1\r\n"))
            #expect(try await admin.get("/dashboards/company/nothing.csv").status == .notFound)

            let employee = TestBrowser(app, acceptLanguage: "en")
            _ = try await employee.signIn(company.salesEmployee.login)
            #expect(try await employee.get("/dashboards").headers.first(name: .location) == "/dashboards/departments/\(company.sales.id)")
            let mine = try await employee.get("/dashboards/departments/\(company.sales.id)?view=requester")
            #expect(mine.status == .ok && mine.text.contains("id=\"view-requester\""))
            #expect(try await employee.get("/dashboards/company").status == .forbidden)
            #expect(try await employee.get("/dashboards/me").status == .ok)
        }
    }
}
