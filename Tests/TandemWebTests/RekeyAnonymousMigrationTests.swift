import Foundation
import SQLKit
import TandemCore
import TandemTestSupport
import Testing

@testable import TandemStore
@testable import TandemWeb

@Suite("Migration 020: anonymous records re-keyed at random")
struct RekeyAnonymousMigrationTests {
    @Test(
        "a time-ordered anonymous suggestion gets a random id and its need still links back; named ones keep theirs",
        arguments: TestDatabase.all)
    func rekeys(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let suggestions = app.services.suggestions
            let anonymous = try await suggestions.submit(to: company.it.id, body: "打印机经常卡纸", anonymous: true, by: company.salesEmployee)
            let named = try await suggestions.submit(to: company.it.id, body: "希望有 Mac 支持", anonymous: false, by: company.salesEmployee)
            let need = try await suggestions.convert(
                anonymous.id, Conversion(requestingDepartmentID: company.sales.id), by: company.itAgent)
            // setup: the anonymous one as it was written before random ids, with a time-ordered id
            let old = TimeOrderedIDGenerator().next() as Suggestion.ID
            try await app.app.db.withConnection { db in
                let sql = db as! any SQLDatabase
                try await sql.update("suggestions").set("id", to: old.rawValue).where("id", .equal, anonymous.id.rawValue).run()
                try await sql.update("need_origins").set("subject_id", to: old.rawValue).where("subject_id", .equal, anonymous.id.rawValue)
                    .run()
                // MUT
                try await RekeyAnonymousRecords().prepare(on: db)
            }
            // validate
            let stored = try await suggestions.store.suggestions(to: company.it.id, limit: 10)
            let rekeyed = try #require(stored.first { $0.body == "打印机经常卡纸" })
            #expect(rekeyed.id != old && rekeyed.id.rawValue.uuid.6 >> 4 == 4, "a random id")
            #expect(stored.first { $0.body == "希望有 Mac 支持" }?.id == named.id, "a named suggestion keeps its id")
            #expect(try await app.services.needs.needs.origin(of: need.id) == .suggestion(rekeyed.id), "the need still links back")
        }
    }
}
