import Foundation
import TandemCore
import TandemTestSupport
import Testing
import Vapor

@testable import TandemWeb

/// Generated over every operation of the API document, so that a new route is checked the day
/// it is added: who is not signed in is refused everywhere but the public routes, before the
/// body is read; an operation whose audience is administrators refuses anyone else (403, before
/// the body is read) and changes nothing; every route about one need answers those who may not
/// read the need exactly as it answers the same request about a need that does not exist, and
/// changes nothing.
@Suite("The permission matrix over every API route")
struct PermissionMatrixTests {
    /// The operation's path with each parameter filled in.
    static func path(_ operation: OpenAPIDocument.Operation, _ values: [String: String]) -> String {
        filled(operation.path, values)
    }

    /// A route's path with each parameter (`:name`) filled in from `values`, else a random id.
    static func filled(_ path: String, _ values: [String: String]) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { part in
            part.hasPrefix(":") ? values[String(part.dropFirst())] ?? UUID().uuidString : String(part)
        }.joined(separator: "/")
    }

    static func send(_ operation: OpenAPIDocument.Operation, _ path: String, token: String?, in app: TestApp) async throws -> TestResponse {
        let method = HTTPMethod(rawValue: operation.method)
        guard operation.body != nil else { return try await app.request(method, path, token: token) }
        if operation.mediaType == "application/json" { return try await app.request(method, path, token: token, json: "{}") }
        return try await app.request(method, path, token: token, body: Data("a\n".utf8))
    }

    @Test("no route but the public ones answers anyone not signed in", arguments: [TestDatabase.sqlite])
    func anonymous(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let need = try await company.raise("匿名检查", by: company.salesEmployee, in: app)
            let values = [
                "needID": need.id.description, "departmentID": company.it.id.description, "personID": company.salesEmployee.id.description,
                "offeringID": company.accountOffering.id.description, "kind": "people", "period": "2026-11",
            ]
            var checked = 0
            for operation in OpenAPIDocument.operations where operation.audience != .anyone {
                let response = try await Self.send(operation, Self.path(operation, values), token: nil, in: app)
                #expect(response.status == .unauthorized, "\(operation.method) \(operation.path) → \(response.status.code)")
                checked += 1
            }
            #expect(checked > 100)
        }
    }

    @Test("what the document marks for administrators refuses employees, agents and managers", arguments: TestDatabase.all)
    func administratorsOnly(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let goal = try await app.services.goals.create(GoalInput(title: "降本增效", weight: 50), by: company.admin)
            let values = [
                "departmentID": company.it.id.description, "personID": company.salesEmployee.id.description,
                "goalID": goal.id.description, "kind": "people", "period": "2026-11",
            ]
            let operations = OpenAPIDocument.operations.filter { $0.audience == .administrators }
            #expect(operations.count >= 12)
            let departmentsBefore = try await app.services.organisation.store.departments().count
            // NB: refused before the body is read: an empty one gets the same 403
            for person in [company.salesEmployee, company.itAgent, company.salesManager, company.itManager] {
                for operation in operations {
                    let response = try await Self.send(operation, Self.path(operation, values), token: company.token(person), in: app)
                    #expect(
                        response.status == .forbidden, "\(person.login): \(operation.method) \(operation.path) → \(response.status.code)")
                }
            }
            #expect(try await app.services.organisation.store.departments().count == departmentsBefore)
            #expect(try await app.services.goals.store.goal(goal.id)?.title == "降本增效")
        }
    }

    @Test("every route about one need answers who may not read it like a missing need, and changes nothing", arguments: TestDatabase.all)
    func needRoutes(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let open = try await company.raise("公开需求", by: company.salesEmployee, in: app)
            let secret = try await company.raise("保密需求", by: company.salesEmployee, in: app, confidential: true)
            let operations = OpenAPIDocument.operations.filter { $0.path.hasPrefix("/api/v1/needs/:needID") }
            #expect(operations.count >= 12)
            let store = app.services.needs.needs
            func snapshot() async throws -> [String] {
                var state: [String] = []
                for need in [open, secret] {
                    state.append("\(try await store.need(need.id)?.version ?? 0) \(try await store.events(of: need.id).count)")
                }
                return state
            }
            let before = try await snapshot()
            // NB: the HR agent works in another providing department; the sales colleague and the IT
            // employee share the requester's or the provider's department but not the confidential need.
            for (person, need) in [
                (company.hrAgent, open), (company.hrAgent, secret), (company.salesColleague, secret), (company.itEmployee, secret),
            ] {
                #expect(!AccessPolicy.canRead(need, person))
                let other = UUID().uuidString
                for operation in operations {
                    let response = try await Self.send(
                        operation, Self.path(operation, ["needID": need.id.description]), token: company.token(person), in: app)
                    let missing = try await Self.send(
                        operation, Self.path(operation, ["needID": other]), token: company.token(person), in: app)
                    #expect(
                        response.status == .notFound,
                        "\(person.login): \(operation.method) \(operation.path) on \(need.title) → \(response.status.code)")
                    #expect(response.text == missing.text, "\(operation.method) \(operation.path) says no more than about a missing need")
                }
            }
            #expect(try await snapshot() == before, "nothing changed")
        }
    }
}
