import FluentKit
import Foundation
import SQLKit
import TandemCore

/// People are found as colleagues type them (`PersonSearch`): each keeps a search key — login,
/// name, the name's pinyin and initials — written with the person and filled here for those
/// already stored.
struct AddPersonSearchKey: AsyncMigration {
    var name: String { "027_add_person_search_key" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw(#"ALTER TABLE "people" ADD COLUMN "search_key" TEXT"#).run()
        struct Named: Decodable {
            var id: UUID
            var login: String
            var display_name: String
        }
        for person in try await sql.raw("SELECT id, login, display_name FROM people").all(decoding: Named.self) {
            try await sql.update("people").set("search_key", to: PersonSearch.key(handle: person.login, name: person.display_name))
                .where("id", .equal, person.id).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw(#"ALTER TABLE "people" DROP COLUMN "search_key""#).run()
    }
}
