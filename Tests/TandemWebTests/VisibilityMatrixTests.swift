import Foundation
import TandemCore
import TandemTestSupport
import Testing
import Vapor

@testable import TandemWeb

/// Generated over every page and every API read the application has (the route table and the
/// API document, not a hand list), as every role: a need a reader may not read must leave no
/// trace in anything they are shown. One need at a time is planted — a confidential need of
/// Sales to IT, then an ordinary need of HR to IT — after every route was read once as each
/// person; then every route is read again, and
/// - no response names the planted need (its number, title, words or id) to anyone who may
///   not read it, and
/// - to a reader who sees nothing of it (`NeedDisclosure.none`) every response is the same as
///   before, byte for byte — no count, sum, rank or notice moved — except, for the ordinary
///   need, the published figures (`publishedFigures`), which count every need that is not
///   confidential.
@Suite("Every view derived from needs obeys need visibility")
struct VisibilityMatrixTests {
    /// Routes that publish figures inside the company: they count every need that is not
    /// confidential (`NeedVisibility.countsInFigures`), whoever reads them. They are still checked
    /// for the need's words, and for the confidential need like any other route.
    static let publishedFigures = [
        "/scorecards", "/map", "/dashboards", "/goals", "/api/v1/departments/:departmentID/scorecard", "/api/v1/supply-chain",
        "/api/v1/dashboards", "/api/v1/goals",
    ]

    static func isPublishedFigures(_ path: String) -> Bool {
        publishedFigures.contains { path == $0 || path.hasPrefix($0 + "/") || path.hasPrefix($0 + ".") || path.hasPrefix($0 + "?") }
    }

    /// One read: a page or an API route, with the path and query it was sent with.
    struct Read: Hashable, CustomStringConvertible {
        var route: String
        var path: String
        var isPage: Bool
        var description: String { "\(isPage ? "page" : "api") \(path)" }
    }

    /// Values for path parameters and query parameters: the company's objects the views are about.
    static func values(_ company: TestCompany, _ baseline: Need, period: ReportingPeriod) -> [String: String] {
        [
            "needID": baseline.id.description, "number": baseline.number.description, "departmentID": company.it.id.description,
            "personID": company.salesEmployee.id.description, "offeringID": company.accountOffering.id.description,
            "period": period.description, "kind": "people", "view": "provider",
        ]
    }

    static func query(_ company: TestCompany) -> [String: String] {
        [
            "department": company.it.id.description, "provider": company.it.id.description, "requester": company.sales.id.description,
            "requesting_department_id": company.sales.id.description, "providing_department_id": company.it.id.description,
            "department_id": company.it.id.description, "q": "需求", "text": "需求",
        ]
    }

    static func encoded(_ query: [String: String]) -> String {
        var components = URLComponents()
        components.queryItems = query.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        return components.percentEncodedQuery.map { "?" + $0 } ?? ""
    }

    /// Every read to make: each GET page with and without the query a reader would choose (the
    /// parameters a page does not take are dropped, as its answer names them), and each GET API
    /// operation with the query parameters its document lists.
    static func reads(_ app: TestApp, _ company: TestCompany, _ values: [String: String], as browser: TestBrowser) async throws -> [Read] {
        var reads: [Read] = []
        let candidates = query(company)
        for route in PagePermissionMatrixTests.pages(app) where route.method == .GET {
            let path = route.filled(values)
            reads.append(Read(route: route.path, path: path, isPage: true))
            var query = candidates
            while !query.isEmpty {
                let response = try await browser.get(path + encoded(query))
                guard response.status == .badRequest || response.status == .unprocessableEntity,
                    let unknown = query.keys.first(where: { response.text.contains("'\($0)'") })
                else { break }
                query[unknown] = nil
            }
            if !query.isEmpty { reads.append(Read(route: route.path, path: path + encoded(query), isPage: true)) }
        }
        for operation in OpenAPIDocument.operations where operation.method == "GET" && operation.audience != .anyone {
            let path = PermissionMatrixTests.path(operation, values)
            reads.append(Read(route: operation.path, path: path, isPage: false))
            let query = candidates.filter { operation.query.contains($0.key) }
            if !query.isEmpty { reads.append(Read(route: operation.path, path: path + encoded(query), isPage: false)) }
        }
        return reads
    }

    /// What each person is shown by each read, tokens left out.
    static func snapshot(_ app: TestApp, _ company: TestCompany, _ reads: [Read], _ browsers: [Person.ID: TestBrowser]) async throws
        -> [Person.ID: [Read: String]]
    {
        // NB: dashboards are served from snapshots that stay fresh for a minute on this stopped
        // clock: count them afresh, as a minute later would.
        try await app.services.database.write { sql in try await sql.raw("DELETE FROM dashboard_snapshots").run() }
        var shown: [Person.ID: [Read: String]] = [:]
        for person in company.everyone {
            for read in reads {
                let response =
                    read.isPage
                    ? try await browsers[person.id]!.get(read.path)
                    : try await app.request(.GET, read.path, token: company.token(person))
                shown[person.id, default: [:]][read] = "\(response.status.code) " + PagePermissionMatrixTests.withoutTokens(response.text)
            }
        }
        return shown
    }

    /// The traces of a need a reader must not find: its number, id, title and description.
    static func traces(of need: Need) -> [String] {
        [need.number.description, need.id.description, need.id.description.lowercased(), need.title, need.description]
    }

    @Test("a confidential need and another department's need leave no trace for who may not read them", arguments: TestDatabase.all)
    func everyView(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            // setup: a company with a need, a rating, a committed plan and an evaluation to show
            let clock = ManualClock(ScorecardAPITests.at("2026-12-07 10:00"))
            try app.use(clock: clock)
            let company = try await TestCompany.make(in: app)
            let month = ReportingPeriod.containing(clock.now(), .month, in: ScorecardAPITests.shanghai)
            let baseline = try await company.raise("打印机需求 更换硒鼓", by: company.salesEmployee, in: app)
            var effort = NeedPatch()
            effort.effortHours = .some(16)
            _ = try await app.services.needs.update(baseline.id, effort, by: company.itManager)
            try await app.services.planning.setCapacity(20, of: company.it.id, in: month, by: company.itManager)
            _ = try await app.services.planning.commit(company.it.id, in: month, pins: [:], by: company.itManager)
            await app.drainJobs()
            let values = Self.values(company, baseline, period: month)
            var browsers: [Person.ID: TestBrowser] = [:]
            for person in company.everyone {
                let browser = TestBrowser(app)
                try await browser.signIn(person.login)
                browsers[person.id] = browser
            }
            let reads = try await Self.reads(app, company, values, as: browsers[company.admin.id]!)
            #expect(reads.filter(\.isPage).count > 60 && reads.filter { !$0.isPage }.count > 50, "\(reads.count) reads")
            // NB: a first pass, so that what reading itself changes (a token's last use) is there before
            _ = try await Self.snapshot(app, company, reads, browsers)

            // MUT: plant each need as a person raises it, with its work estimated and planned, its notifications sent
            let plantings: [@Sendable () async throws -> Need] = [
                {
                    try await app.services.needs.raise(
                        RaiseNeedInput(
                            title: "机密调查 QZX 内部审计", description: "涉及人员 ZQXDESC 的调查材料", offeringID: company.accountOffering.id,
                            urgency: .high, importance: .high, isConfidential: true, formAnswers: ["system": .choice("ERP")]),
                        by: company.salesEmployee)
                },
                {
                    try await app.services.needs.raise(
                        RaiseNeedInput(
                            title: "人事系统 WJX 权限", description: "招聘模块 WJXDESC 需要开通", offeringID: company.accountOffering.id,
                            urgency: .medium, importance: .medium, formAnswers: ["system": .choice("CRM")]), by: company.hrAgent)
                },
            ]
            for plant in plantings {
                let before = try await Self.snapshot(app, company, reads, browsers)
                let planted = try await plant()
                _ = try await app.services.needs.update(planted.id, effort, by: company.itManager)
                _ = try await app.services.planning.commit(company.it.id, in: month, pins: [:], by: company.itManager)
                await app.drainJobs()
                let after = try await Self.snapshot(app, company, reads, browsers)
                // validate
                var compared = 0
                for person in company.everyone {
                    let disclosure = NeedVisibility(for: person).disclosure(of: planted)
                    guard disclosure != .full else { continue }
                    for read in reads {
                        let shown = after[person.id]![read]!
                        for trace in Self.traces(of: planted) {
                            #expect(!shown.contains(trace), "\(person.login) (\(disclosure)) finds '\(trace)' in \(read)")
                        }
                        guard disclosure == .none else { continue }
                        if !planted.isConfidential && Self.isPublishedFigures(read.route) { continue }
                        #expect(shown == before[person.id]![read]!, "\(person.login) sees \(read) change when \(planted.title) is raised")
                        compared += 1
                    }
                }
                #expect(compared > 500, "\(compared) reads compared")
            }
        }
    }
}
