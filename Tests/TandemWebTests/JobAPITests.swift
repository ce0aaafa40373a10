import Foundation
import TandemCore
import TandemStore
import TandemTestSupport
import Testing
import Vapor

@Suite("Jobs API")
struct JobAPITests {
    @Test("administrators list the jobs with counts and retry a dead one; nobody else sees them", arguments: TestDatabase.all)
    func listAndRetry(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let store = SQLJobStore(app.services.database)
            let now = Date()
            let dead = Job(
                id: .init(UUID()), kind: "deliver.webhook", payload: #"{"url":"http://127.0.0.1:9/"}"#, state: .dead,
                attempts: 8, runAt: now, lastError: "connection refused", createdAt: now, finishedAt: now)
            let pending = Job(id: .init(UUID()), kind: "deliver.email", payload: "{}", runAt: now.addingTimeInterval(3600), createdAt: now)
            try await store.enqueue([dead, pending])
            for person in [company.itManager, company.salesEmployee] {
                #expect(try await app.request(.GET, "/api/v1/jobs", token: company.token(person)).status == .forbidden)
                #expect(try await app.request(.POST, "/api/v1/jobs/\(dead.id)/retry", token: company.token(person)).status == .forbidden)
            }
            // MUT
            let list = try await app.request(.GET, "/api/v1/jobs?state=dead", token: company.token(company.admin))
            // validate
            #expect(list.status == .ok)
            #expect(list.items.map { $0["id"] as? String } == [dead.id.description])
            #expect(list.items.first?["last_error"] as? String == "connection refused")
            let counts = try #require(list.object["counts"] as? [String: Int])
            #expect(counts == ["pending": 1, "running": 0, "done": 0, "dead": 1])
            #expect(try await app.request(.GET, "/api/v1/jobs?state=buried", token: company.token(company.admin)).errorField == "state")
            let retried = try await app.request(.POST, "/api/v1/jobs/\(dead.id)/retry", token: company.token(company.admin))
            #expect(retried.status == .ok)
            #expect(retried["state"] == "pending" && retried.object["attempts"] as? Int == 0)
            #expect(try await app.request(.POST, "/api/v1/jobs/\(dead.id)/retry", token: company.token(company.admin)).status == .conflict)
            #expect(try await app.request(.POST, "/api/v1/jobs/\(UUID())/retry", token: company.token(company.admin)).status == .notFound)
        }
    }
}
