import Foundation
import NIOConcurrencyHelpers
import SQLKit
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
                        let person = Person(
                            id: .init(UUID()), login: login, displayName: "新人 \(index)", email: nil,
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

@Suite("Write path on PostgreSQL")
struct PostgresWriteTests {
    static var postgres: [TestDatabase] {
        TestDatabase.all.filter { if case .postgres = $0 { return true } else { return false } }
    }

    @Test("a statement on a connection the server has just closed fails at once as unavailable, never waits", arguments: postgres)
    func closedConnectionFailsFast(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            // setup
            let store = app.services.database
            // MUT: the server ends the transaction's connection between two statements
            let write = Task<String, Never> {
                do {
                    try await store.write { sql in
                        let pid = try await sql.raw("SELECT pg_backend_pid() AS pid").first()!.decode(column: "pid", as: Int32.self)
                        try await store.read { other in try await other.raw("SELECT pg_terminate_backend(\(bind: pid))").run() }
                        try await Task.sleep(for: .milliseconds(500))
                        try await sql.raw("SELECT 1").run()
                    }
                    return "committed"
                } catch let error as TandemError {
                    return error.code.rawValue
                } catch {
                    return "\(error)"
                }
            }
            // NB: a lost statement waits forever; 20 s leaves room for a busy machine
            let outcome = await firstOf(write, orAfter: .seconds(20), "still waiting")
            // validate
            #expect(outcome == "unavailable")
            // the pool has let the dead connection go: the next write works
            let answer = try await store.write { sql in try await sql.raw("SELECT 2 AS two").first()!.decode(column: "two", as: Int.self) }
            #expect(answer == 2)
        }
    }

    /// The task's value, or `fallback` once `limit` has passed (the task may never end).
    private func firstOf(_ task: Task<String, Never>, orAfter limit: Duration, _ fallback: String) async -> String {
        let answered = NIOLockedValueBox(false)
        return await withCheckedContinuation { (continuation: CheckedContinuation<String, Never>) in
            @Sendable func answer(_ value: String) {
                if answered.withLockedValue({ done in
                    defer { done = true }; return !done
                }) {
                    continuation.resume(returning: value)
                }
            }
            Task { answer(await task.value) }
            Task {
                try? await Task.sleep(for: limit); answer(fallback)
            }
        }
    }
}
