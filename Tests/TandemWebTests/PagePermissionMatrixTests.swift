import Foundation
import TandemCore
import TandemTestSupport
import Testing
import Vapor

@testable import TandemWeb

/// Generated over every page route the application registers, so that a new page is checked
/// the day it is added: who is not signed in is sent to sign in everywhere but the public pages;
/// the administration pages refuse employees and agents, and their company-wide ones refuse
/// managers too; those about another department's person, offering or channel refuse a
/// manager; every page about one need answers those who may not read the need exactly as
/// it answers about a need that does not exist. None of them changes anything.
@Suite("The permission matrix over every page")
struct PagePermissionMatrixTests {
    /// Pages anyone may open: signing in and out, the first setup, the language, rating links.
    static let publicPages: Set<String> = [
        "GET /sign-in", "POST /sign-in", "POST /sign-out", "GET /setup", "POST /setup", "POST /language",
        "GET /rate/:token", "POST /rate/:token", "GET /password/forgot", "POST /password/forgot", "GET /password/set",
        "POST /password/set", "GET /auth/oidc/login", "GET /auth/oidc/callback",
    ]
    /// Administration pages for administrators only; the others serve managers for their
    /// department. Managers read the departments' list (the organisation chart) and the import
    /// templates (column names, as the API gives them to anyone signed in).
    static func administratorsOnly(_ route: PageRoute) -> Bool {
        guard
            ["/admin/departments", "/admin/priority-matrix", "/admin/privacy", "/admin/jobs", "/admin/imports"].contains(
                where: route.path.hasPrefix)
        else {
            return false
        }
        return !["GET /admin/departments", "GET /admin/imports/templates/:kind"].contains(route.description)
    }

    struct PageRoute: CustomStringConvertible {
        var method: HTTPMethod
        var path: String
        var description: String { "\(method.rawValue) \(path)" }

        /// The path with each parameter filled in.
        func filled(_ values: [String: String]) -> String { PermissionMatrixTests.filled(path, values) }
    }

    /// Every page route: all that is not the API, the operations routes or a static file.
    static func pages(_ app: TestApp) -> [PageRoute] {
        app.app.routes.all.compactMap { route in
            let path = "/" + route.path.map(\.description).joined(separator: "/")
            guard !(path.hasPrefix("/api/") || path.hasPrefix("/health") || path == "/metrics") else { return nil }
            return PageRoute(method: route.method, path: path)
        }.sorted { $0.description < $1.description }
    }

    static func send(_ route: PageRoute, _ path: String, as browser: TestBrowser) async throws -> TestResponse {
        route.method == .GET ? try await browser.get(path) : try await browser.post(path, [])
    }

    /// What the pages could change, to compare before and after.
    static func snapshot(_ app: TestApp, needs: [Need]) async throws -> [String] {
        let services = app.services
        var state = [
            "departments \(try await services.organisation.store.departments().count)",
            "people \(try await services.organisation.store.people(in: nil).map { "\($0.login) \($0.roles.sorted { $0.rawValue < $1.rawValue }) \($0.isActive)" })",
        ]
        for need in needs {
            state.append(
                "\(need.number) \(try await services.needs.needs.need(need.id)?.version ?? 0) \(try await services.needs.needs.events(of: need.id).count)"
            )
        }
        return state
    }

    @Test("every page but the public ones sends who is not signed in to sign in, whatever the parameters", arguments: [TestDatabase.sqlite])
    func anonymous(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let need = try await company.raise("匿名检查", by: company.salesEmployee, in: app)
            let values = [
                "number": need.number.description, "departmentID": company.it.id.description,
                "personID": company.salesEmployee.id.description, "offeringID": company.accountOffering.id.description,
            ]
            let before = try await Self.snapshot(app, needs: [need])
            let routes = Self.pages(app).filter { !Self.publicPages.contains($0.description) }
            #expect(routes.count > 80)
            for route in routes {
                let browser = TestBrowser(app)
                _ = try await browser.get("/sign-in")  // a CSRF cookie, as a visitor's browser would have
                let response = try await Self.send(route, route.filled(values), as: browser)
                let location = response.headers.first(name: .location) ?? ""
                #expect(response.status == .seeOther && location.hasPrefix("/sign-in"), "\(route) → \(response.status.code) \(location)")
            }
            #expect(try await Self.snapshot(app, needs: [need]) == before, "nothing changed")
        }
    }

    @Test("the administration pages refuse employees and agents; the company-wide ones refuse managers too", arguments: TestDatabase.all)
    func administration(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let values = [
                "departmentID": company.it.id.description, "personID": company.salesEmployee.id.description,
                "offeringID": company.accountOffering.id.description, "kind": "people",
            ]
            let before = try await Self.snapshot(app, needs: [])
            let administration = Self.pages(app).filter { $0.path.hasPrefix("/admin") }
            let companyWide = administration.filter(Self.administratorsOnly)
            #expect(administration.count >= 25 && companyWide.count >= 8)
            let refused: [(Person, [PageRoute])] = [
                (company.salesEmployee, administration), (company.itAgent, administration), (company.itEmployee, administration),
                (company.salesManager, companyWide), (company.itManager, companyWide),
            ]
            for (person, routes) in refused {
                let browser = TestBrowser(app)
                try await browser.signIn(person.login)
                for route in routes {
                    let response = try await Self.send(route, route.filled(values), as: browser)
                    #expect(response.status == .forbidden, "\(person.login): \(route) → \(response.status.code)")
                }
            }
            // A manager serves their own department only: another's objects named in the path are
            // checked by `departmentCrossings`; here those named in the query or the form, and
            // filled forms on the path-named pages (the core decides who may before the form).
            let salesManager = TestBrowser(app)
            try await salesManager.signIn(company.salesManager.login)
            let crossings: [(String, [(String, String)]?)] = [
                ("/admin/people/\(company.itAgent.id)", [("display_name", "改名")]),
                ("/admin/people/\(company.itAgent.id)/password", [("password", "a-new-password-1")]),
                ("/admin/catalog/\(company.accountOffering.id)", [("name", "改名")]),
                ("/admin/channels?department=\(company.it.id)", nil),
                (
                    "/admin/channels",
                    [("department_id", company.it.id.description), ("kind", "webhook"), ("name", "x"), ("url", "http://127.0.0.1:1/")]
                ),
                ("/admin/service-levels?department=\(company.it.id)", nil),
                (
                    "/admin/service-levels/calendar",
                    [("department", company.it.id.description), ("name", "x"), ("time_zone", "Asia/Shanghai")]
                ),
                ("/admin/service-levels/policy", [("department", company.it.id.description), ("first_response_p1", "1")]),
            ]
            for (path, form) in crossings {
                let response = if let form { try await salesManager.post(path, form) } else { try await salesManager.get(path) }
                #expect(response.status == .forbidden, "sales.boss: \(form == nil ? "GET" : "POST") \(path) → \(response.status.code)")
            }
            #expect(try await Self.snapshot(app, needs: []) == before, "nothing changed")
        }
    }

    /// The path parameters that name an object of one department, and IT's object for each.
    static func itsObjects(_ company: TestCompany, channel: NotificationChannel) -> [String: String] {
        [
            "personID": company.itAgent.id.description, "offeringID": company.accountOffering.id.description,
            "channelID": channel.id.description,
        ]
    }

    /// How a page refuses another department's object: people and offerings are seen across the
    /// company (the directory, the catalog), so changing them is forbidden; a notification channel
    /// is its department's own, so another's is answered as missing.
    static func refusal(_ route: PageRoute) -> HTTPStatus {
        route.path.contains(":channelID") ? .notFound : .forbidden
    }

    @Test(
        "every administration page about another department's person, offering or channel refuses a manager; its own department's serves them",
        arguments: TestDatabase.all)
    func departmentCrossings(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let itChannel = try await app.services.notifications.createChannel(
                ChannelInput(kind: .webhook, name: "值班系统", url: "http://127.0.0.1:9/hook", secret: "s3cret"), in: company.it.id,
                by: company.itManager)
            let values = Self.itsObjects(company, channel: itChannel)
            let before = try await Self.snapshot(app, needs: [])
            let routes = Self.pages(app).filter { route in
                route.path.hasPrefix("/admin") && !Self.administratorsOnly(route) && values.keys.contains { route.path.contains(":" + $0) }
            }
            #expect(routes.count >= 7, "\(routes)")
            let salesManager = TestBrowser(app), itManager = TestBrowser(app)
            try await salesManager.signIn(company.salesManager.login)
            try await itManager.signIn(company.itManager.login)
            for route in routes {
                let response = try await Self.send(route, route.filled(values), as: salesManager)
                #expect(response.status == Self.refusal(route), "sales.boss: \(route) → \(response.status.code)")
                // the same page for the department's own manager: not refused (a GET serves it; an empty POST is judged on its form)
                if route.method == .GET {
                    let own = try await Self.send(route, route.filled(values), as: itManager)
                    #expect(own.status == .ok, "it.boss: \(route) → \(own.status.code)")
                }
            }
            #expect(try await Self.snapshot(app, needs: []) == before, "nothing changed")
            let channel = try await app.services.notifications.channel(itChannel.id, for: company.itManager)
            #expect(channel.isActive && channel.name == itChannel.name, "the channel is as it was")
        }
    }

    @Test("every page about one need answers who may not read it like a missing need", arguments: TestDatabase.all)
    func needPages(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let open = try await company.raise("公开需求", by: company.salesEmployee, in: app)
            let secret = try await company.raise("保密需求", by: company.salesEmployee, in: app, confidential: true)
            let routes = Self.pages(app).filter { $0.path.hasPrefix("/needs/:number") }
            #expect(routes.count >= 7)
            let before = try await Self.snapshot(app, needs: [open, secret])
            let missing = NeedNumber(year: open.number.year, sequence: 9_999)
            for (person, need) in [
                (company.hrAgent, open), (company.hrAgent, secret), (company.salesColleague, secret), (company.itEmployee, secret),
            ] {
                #expect(!AccessPolicy.canRead(need, person))
                let browser = TestBrowser(app)
                try await browser.signIn(person.login)
                for route in routes {
                    let response = try await Self.send(route, route.filled(["number": need.number.description]), as: browser)
                    let absent = try await Self.send(route, route.filled(["number": missing.description]), as: browser)
                    #expect(response.status == .notFound, "\(person.login): \(route) on \(need.title) → \(response.status.code)")
                    // NB: the page's language form returns to the page asked for, with its number
                    #expect(
                        Self.withoutTokens(response.text).replacingOccurrences(of: need.number.description, with: "N")
                            == Self.withoutTokens(absent.text).replacingOccurrences(of: missing.description, with: "N"),
                        "\(route) says no more than about a missing need")
                }
            }
            #expect(try await Self.snapshot(app, needs: [open, secret]) == before, "nothing changed")
        }
    }

    /// A page without its per-request tokens (the CSRF field), which differ between two answers.
    static func withoutTokens(_ page: String) -> String {
        page.replacingOccurrences(of: #"name="_csrf" value="[^"]*""#, with: "", options: .regularExpression)
    }
}
