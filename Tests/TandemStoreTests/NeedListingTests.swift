import Foundation
import TandemCore
import TandemStore
import TandemTestSupport
import Testing

@Suite("Need listing")
struct NeedListingTests {
    /// A spread of needs: several requesters, confidential or not, assigned or not, both providers.
    static func seed(_ company: TestCompany, _ app: TestApp) async throws -> [Need] {
        let workflow = app.services.needs
        var needs: [Need] = []
        let requesters = [company.salesEmployee, company.salesColleague, company.salesManager, company.itEmployee, company.hrAgent]
        for index in 0..<30 {
            let requester = requesters[index % requesters.count]
            let confidential = index % 3 == 0
            var need: Need
            if index % 4 == 3 {
                need = try await workflow.raise(
                    RaiseNeedInput(
                        title: "招聘需求 \(index)", kind: .resource, providingDepartmentID: company.hr.id,
                        urgency: Urgency.allCases[index % 4], importance: Importance.allCases[(index / 4) % 4], isConfidential: confidential
                    ),
                    by: requester)
            } else {
                need = try await company.raise(
                    index % 2 == 0 ? "开通 CRM 账号 \(index)" : "VPN access \(index)", by: requester, in: app,
                    confidential: confidential, urgency: Urgency.allCases[index % 4],
                    importance: Importance.allCases[(index / 4) % 4])
                if index % 5 == 0 { need = try await workflow.assign(need.id, to: [company.itAgent2.id], by: company.itManager) }
                if index % 7 == 0 { need = try await workflow.transition(need.id, .start, by: company.itManager) }
            }
            needs.append(need)
        }
        return needs
    }

    /// Reads every page of a query.
    static func all(_ query: NeedQuery, for person: Person, _ app: TestApp) async throws -> [Need] {
        var query = query
        var result: [Need] = []
        while true {
            let page = try await app.services.needs.list(query, for: person)
            result += page.needs
            guard let next = page.nextCursor else { return result }
            query.cursor = next
        }
    }

    @Test("every person lists exactly the needs the core lets them read, in every sort order", arguments: TestDatabase.all)
    func visibilityMatchesCore(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            // setup
            let company = try await TestCompany.make(in: app)
            _ = try await Self.seed(company, app)
            let everything = try await Self.all(NeedQuery(), for: company.admin, app)
            #expect(everything.count == 30)
            for person in company.everyone {
                for sort in NeedQuery.Sort.allCases {
                    var query = NeedQuery()
                    query.sort = sort
                    query.limit = 7
                    // MUT
                    let listed = try await Self.all(query, for: person, app)
                    // validate
                    let expected = Set(everything.filter { AccessPolicy.canRead($0, person) }.map(\.id))
                    #expect(listed.count == expected.count, "\(person.login) \(sort): no duplicates, none missing")
                    #expect(Set(listed.map(\.id)) == expected, "\(person.login) \(sort)")
                }
                // counts agree with the lists, exact below the cap and "at least" beyond it
                let readable = everything.filter { AccessPolicy.canRead($0, person) }.count
                #expect(try await app.services.needs.count(NeedQuery(), for: person) == readable, "\(person.login)")
                #expect(try await app.services.needs.count(NeedQuery(), for: person, cappedAt: 100) == .exactly(readable))
                #expect(try await app.services.needs.count(NeedQuery(), for: person, cappedAt: readable) == .exactly(readable))
                if readable > 1 {
                    #expect(try await app.services.needs.count(NeedQuery(), for: person, cappedAt: readable - 1) == .atLeast(readable - 1))
                }
            }
        }
    }

    @Test("pages follow the sort order", arguments: TestDatabase.all)
    func sortOrder(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            _ = try await Self.seed(company, app)
            var query = NeedQuery()
            query.limit = 4
            query.sort = .priority
            let byPriority = try await Self.all(query, for: company.admin, app)
            #expect(byPriority.map(\.priority) == byPriority.map(\.priority).sorted())
            for (a, b) in zip(byPriority, byPriority.dropFirst()) where a.priority == b.priority {
                #expect(a.createdAt <= b.createdAt)
            }
            query.sort = .newest
            let newest = try await Self.all(query, for: company.admin, app)
            #expect(newest.map(\.number.sequence) == Array((1...30).reversed()))
            query.sort = .oldest
            #expect(try await Self.all(query, for: company.admin, app).map(\.number.sequence) == Array(1...30))
        }
    }

    @Test("filters combine", arguments: TestDatabase.all)
    func filters(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let seeded = try await Self.seed(company, app)
            var query = NeedQuery()
            query.textContains = "crm"
            query.providingDepartmentID = company.it.id
            let crm = try await Self.all(query, for: company.admin, app)
            #expect(Set(crm.map(\.id)) == Set(seeded.filter { $0.title.contains("CRM") }.map(\.id)))

            query = NeedQuery()
            query.textContains = "招聘"
            #expect(try await Self.all(query, for: company.admin, app).count == seeded.filter { $0.title.hasPrefix("招聘") }.count)

            query = NeedQuery()
            query.assigneeID = company.itAgent2.id
            query.statuses = [.new]
            let assigned = try await Self.all(query, for: company.admin, app)
            let current = try await Self.all(NeedQuery(), for: company.admin, app)
            #expect(
                Set(assigned.map(\.id))
                    == Set(current.filter { $0.assigneeIDs.contains(company.itAgent2.id) && $0.status == .new }.map(\.id)))
            #expect(!assigned.isEmpty)

            query = NeedQuery()
            query.priorities = [.p1]
            query.kinds = [.technology]
            #expect(
                Set(try await Self.all(query, for: company.admin, app).map(\.id))
                    == Set(current.filter { $0.priority == .p1 && $0.kind == .technology }.map(\.id)))

            query = NeedQuery()
            query.textContains = "100%_"
            #expect(try await Self.all(query, for: company.admin, app).isEmpty)
        }
    }
}
