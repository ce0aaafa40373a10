import Foundation
import TandemCore
import TandemStore
import TandemTestSupport
import Testing

@Suite("Need store")
struct NeedStoreTests {
    @Test("concurrent creation gives unique, consecutive numbers", arguments: TestDatabase.all)
    func concurrentNumbers(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            // setup
            let company = try await TestCompany.make(in: app)
            // MUT
            // NB: eight at a time, not forty: under the whole suite's load on two cores, forty
            // raises at once waited longer than the pool's 3 s for a PostgreSQL connection.
            let needs = try await withThrowingTaskGroup(of: Need.self) { group in
                var raised: [Need] = []
                for index in 0..<40 {
                    if index >= 8, let one = try await group.next() { raised.append(one) }
                    group.addTask { try await company.raise("并发 \(index)", by: company.salesEmployee, in: app) }
                }
                for try await one in group { raised.append(one) }
                return raised
            }
            // validate
            let sequences = needs.map(\.number.sequence).sorted()
            #expect(sequences == Array(1...40))
            for need in needs {
                let stored = try #require(try await app.services.needs.needs.need(number: need.number))
                #expect(stored.id == need.id)
                let events = try await app.services.needs.needs.events(of: need.id)
                #expect(events.map(\.kind) == [.raised, .assigned])
            }
        }
    }

    @Test("a change against an old version is refused and writes nothing", arguments: TestDatabase.all)
    func optimisticConcurrency(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let need = try await company.raise("版本", by: company.salesEmployee, in: app)
            let store = app.services.needs.needs
            var changed = need
            changed.title = "changed"
            changed.version = 2
            let event = NeedEvent(id: .init(UUID()), needID: need.id, actorID: company.itAgent.id, at: Date(), kind: .updated)
            try await store.apply(NeedWrite(need: changed, events: [event]), over: need)

            // MUT: the same base version again
            var stale = need
            stale.title = "stale"
            stale.version = 2
            await #expect(throws: TandemError.self) {
                try await store.apply(
                    NeedWrite(
                        need: stale,
                        events: [
                            NeedEvent(id: .init(UUID()), needID: need.id, actorID: company.itAgent.id, at: Date(), kind: .updated)
                        ]), over: need)
            }
            // validate
            let stored = try #require(try await store.need(need.id))
            #expect(stored.title == "changed")
            #expect(try await store.events(of: need.id).count == 3)  // raised, assigned, updated
        }
    }

    @Test("a write that fails half-way leaves nothing behind", arguments: TestDatabase.all)
    func atomicity(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let need = try await company.raise("原子", by: company.salesEmployee, in: app)
            let store = app.services.needs.needs
            var changed = need
            changed.title = "half"
            changed.assigneeIDs = [company.itAgent2.id]
            changed.version = 2
            // NB: the second event names a comment that does not exist: its foreign key fails after
            // the row, the assignees and the first event were written.
            let good = NeedEvent(id: .init(UUID()), needID: need.id, actorID: company.itAgent.id, at: Date(), kind: .updated)
            let bad = NeedEvent(
                id: .init(UUID()), needID: need.id, actorID: company.itAgent.id, at: Date(), kind: .replied,
                commentID: .init(UUID()))
            // MUT
            await #expect(throws: (any Error).self) {
                try await store.apply(NeedWrite(need: changed, events: [good, bad]), over: need)
            }
            // validate
            let stored = try #require(try await store.need(need.id))
            #expect(stored.title == "原子")
            #expect(stored.version == 1)
            #expect(stored.assigneeIDs == [company.itAgent.id])
            #expect(try await store.events(of: need.id).map(\.kind) == [.raised, .assigned])
        }
    }

    @Test("a taken login is a conflict on login", arguments: TestDatabase.all)
    func uniqueLogin(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            await #expect(throws: TandemError(.conflict, "a record with this value exists already", field: "login", reason: .taken)) {
                _ = try await app.services.organisation.createPerson(
                    PersonInput(login: "xiaoming", displayName: "又一个", departmentID: company.sales.id), by: company.admin)
            }
        }
    }
}
