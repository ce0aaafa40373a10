import Foundation
import TandemCore
import TandemStore
import TandemTestSupport
import Testing
import Vapor

@testable import TandemWeb

@Suite("The benchmark dataset and the bulk path")
struct DatasetTests {
    @Test(
        "the same seed gives the same needs; bulk-loaded needs are read, searched and numbered on like raised ones",
        arguments: TestDatabase.all)
    func bulkLoad(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let now = Date(timeIntervalSince1970: 1_790_000_000)
            let company = SyntheticCompany(departmentCount: 6, peopleCount: 60, now: now)
            var first = SyntheticNeeds(company: company, total: 300, seed: 7, timeZone: app.services.configuration.timeZone)
            var again = SyntheticNeeds(company: company, total: 300, seed: 7, timeZone: app.services.configuration.timeZone)
            let needs = (0..<300).map { first.next($0) }
            #expect(needs.map(\.need) == (0..<300).map { again.next($0).need }, "deterministic")
            #expect(Set(needs.map(\.need.status)).count >= 5, "needs in many states")

            let store = app.services.organisation.store
            for department in company.departments { try await store.insert(department) }
            for person in company.people { try await store.insert(person, passwordHash: nil) }
            let loader = BulkNeedLoader(app.services.database)
            try await loader.load(Array(needs[..<150]))
            try await loader.load(Array(needs[150...]))
            try await loader.continueNumbering(after: first.highestNumbers)

            let admin = try #require(company.people.first { $0.has(.manager) })
            var adminRoles = admin
            adminRoles.roles.insert(.admin)
            // read back: the need, its history and replies exactly as generated
            let sample = needs[123]
            let read = try await app.services.needs.need(sample.need.id, for: adminRoles)
            #expect(read == sample.need)
            let history = try await app.services.needs.history(of: sample.need.id, for: adminRoles)
            #expect(history.map(\.id) == sample.events.map(\.id))
            #expect(try await app.services.needs.comments(of: sample.need.id, for: adminRoles).map(\.id) == sample.comments.map(\.id))
            let all = try await app.services.needs.count(NeedQuery(), for: adminRoles)
            #expect(all == 300)

            // searched: every need holding 打印 or 印机 (one of the query's two terms) is found, and no other
            let printers = Set(
                needs.filter { need in ["打印", "印机"].contains { need.need.title.contains($0) || need.need.description.contains($0) } }
                    .map(\.need.id))
            let found = try await app.services.search.search(NeedSearch(text: "打印机", limit: 50), for: adminRoles)
            #expect(!printers.isEmpty && found.total == .exactly(printers.count))
            #expect(Set(found.hits.map(\.need.id)).isSubset(of: printers))

            // numbered on: the next raised need follows the highest bulk number of its year
            let requester = try #require(company.people.first { !$0.has(.manager) })
            let provider = try #require(company.providers.first { $0.id != requester.departmentID })
            let raised = try await app.services.needs.raise(
                RaiseNeedInput(
                    title: "新需求", kind: .service, providingDepartmentID: provider.id), by: requester)
            let year = raised.number.year
            #expect(raised.number.sequence == (first.highestNumbers[year] ?? 0) + 1)
        }
    }
}
