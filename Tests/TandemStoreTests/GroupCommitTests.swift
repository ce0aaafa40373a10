import Foundation
import TandemCore
import TandemStore
import TandemTestSupport
import Testing

@Suite("Write path")
struct GroupCommitTests {
    @Test("concurrent writes commit together, and a failing one fails alone", arguments: TestDatabase.all)
    func failuresStayAlone(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            // setup
            let company = try await TestCompany.make(in: app)
            let store = app.services.organisation.store
            let before = try await store.people(in: nil).count
            // MUT: 30 new people, every third with a login that is taken
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for index in 0..<30 {
                    group.addTask {
                        let login = index % 3 == 0 ? "xiaoming" : "new.person.\(index)"
                        let person = Person(id: .init(UUID()), login: login, displayName: "新人 \(index)", email: nil,
                                            departmentID: company.sales.id, roles: [.employee], language: .zhCN, createdAt: Date())
                        do {
                            try await store.insert(person, passwordHash: nil)
                            return true
                        } catch let error as TandemError {
                            return error.code == .conflict ? false : true
                        } catch {
                            return true
                        }
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            // validate
            #expect(outcomes.filter { $0 }.count == 20)
            #expect(outcomes.filter { !$0 }.count == 10)
            let after = try await store.people(in: nil)
            #expect(after.count == before + 20)
            #expect(after.filter { $0.login == "xiaoming" }.count == 1)
        }
    }
}
