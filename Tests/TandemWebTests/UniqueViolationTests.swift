import Foundation
import TandemCore
import TandemTestSupport
import Testing

/// A write that breaks a unique constraint is a conflict on the field the constraint guards —
/// read from the database's own codes (PostgreSQL's SQL state and constraint name, SQLite's
/// extended result code and column), never guessed from the message's words.
@Suite("Unique violations by code")
struct UniqueViolationTests {
    static func conflict(_ write: () async throws -> Void) async -> TandemError? {
        do {
            try await write()
            return nil
        } catch let error as TandemError {
            return error
        } catch {
            return TandemError(.unavailable, "not a TandemError: \(error)")
        }
    }

    @Test("a taken login, a taken department code, and a constraint that guards no field of a form", arguments: TestDatabase.all)
    func fields(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let store = app.services.organisation.store
            // MUT: the same login, the same code, the same invitation pair twice
            var twin = company.salesEmployee
            twin.id = .init(UUID())
            let login = await Self.conflict { try await store.insert(twin, passwordHash: nil) }
            #expect(login?.code == .conflict && login?.field == "login")
            var copy = company.sales
            copy.id = .init(UUID())
            let code = await Self.conflict { try await store.insert(copy) }
            #expect(code?.code == .conflict && code?.field == "code")
            let cycle = EvaluationCycle(
                id: .init(UUID()), name: "评价", period: try #require(ReportingPeriod("2026-Q3")), providerID: company.it.id,
                dimensions: EvaluationDimension.standard, asksRecommendation: false, closesOn: nil, status: .open,
                openedBy: company.admin.id, createdAt: Date(), closedAt: nil)
            let pair = {
                EvaluationInvitation(
                    id: .init(UUID()), cycleID: cycle.id, raterID: company.sales.id, providerID: company.it.id, needCount: 1)
            }
            let invitations = await Self.conflict {
                try await app.services.evaluations.store.insert(cycle, invitations: [pair(), pair()], jobs: [])
            }
            #expect(
                invitations?.code == .conflict && invitations?.field == nil,
                "no form field is to blame: \(String(describing: invitations?.field))")
        }
    }
}
