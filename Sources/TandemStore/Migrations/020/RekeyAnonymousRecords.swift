import FluentKit
import Foundation
import SQLKit

/// Anonymous records get random ids: the responses and drafts of anonymous surveys and the
/// anonymous suggestions written since ids became time-ordered (UUID version 7) carried the
/// millisecond they were sent in their id, and sorted by id in the order they came. Each gets a
/// new random id (version 4); a draft or suggestion that became a need keeps its link
/// (`need_origins`). Nothing else refers to these rows.
struct RekeyAnonymousRecords: AsyncMigration {
    var name: String { "020_rekey_anonymous_records" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        struct Row: Decodable { var id: UUID }
        // (table, the column empty when anonymous, the origin kind a need made of it records)
        for (table, column, origin) in [
            ("survey_responses", "respondent_id", nil), ("need_drafts", "respondent_id", "draft"),
            ("suggestions", "author_id", "suggestion"),
        ] as [(String, String, String?)] {
            let rows = try await sql.select().column("id").from(table).where(SQLIdentifier(column), .is, SQLLiteral.null).all(
                decoding: Row.self)
            for row in rows where Self.isTimeOrdered(row.id) {
                let fresh = UUID()
                try await sql.update(table).set("id", to: fresh).where("id", .equal, row.id).run()
                if let origin {
                    try await sql.update("need_origins").set("subject_id", to: fresh).where("kind", .equal, origin)
                        .where("subject_id", .equal, row.id).run()
                }
            }
        }
    }

    func revert(on database: any Database) async throws {}

    /// A version-7 id (time-ordered): its version nibble is 7.
    static func isTimeOrdered(_ id: UUID) -> Bool { id.uuid.6 >> 4 == 7 }
}
