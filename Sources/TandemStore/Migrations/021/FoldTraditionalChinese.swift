import FluentKit
import Foundation
import SQLKit
import TandemCore

/// The tokenizer now reads traditional Chinese characters as simplified (`Tokenizer`), so the
/// search documents of needs written in traditional characters are written again: the needs and
/// replies or notes that hold one are found by reading every need's words and every comment once,
/// a few thousand rows at a time, and only their documents are rewritten.
struct FoldTraditionalChinese: AsyncMigration {
    var name: String { "021_fold_traditional_chinese" }

    static let page = 5_000

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        let dialect: StoreDatabase.Dialect = sql.dialect.name == "sqlite" ? .sqlite : .postgres
        var affected = try await holding(
            sql,
            "SELECT id AS key, id AS need_id, COALESCE(title, '') || ' ' || COALESCE(description, '') || ' ' || COALESCE(form_answers, '') AS text FROM needs"
        )
        affected.formUnion(try await holding(sql, "SELECT id AS key, need_id, body AS text FROM need_comments"))
        let needs = Array(affected)
        for start in stride(from: 0, to: needs.count, by: 1_000) {
            let ids = Array(needs[start..<min(start + 1_000, needs.count)])
            let found = try await NeedRow.needs(ids.map(Need.ID.init), sql)
            let comments = try await sql.select().column("*").from("need_comments").where("need_id", .in, ids)
                .orderBy("created_at").orderBy("id").allRows(NeedCommentRow.self).map(\.comment)
            let byNeed = Dictionary(grouping: comments, by: \.needID)
            try await NeedSearchIndex.rewrite(found.map { ($0, byNeed[$0.id] ?? []) }, dialect: dialect, sql)
        }
    }

    /// The needs whose rows of `select` (a key to page by, the need, a text) hold a traditional
    /// character.
    func holding(_ sql: any SQLDatabase, _ select: String) async throws -> Set<UUID> {
        struct Row: Decodable { var key: UUID; var need_id: UUID; var text: String? }
        var affected: Set<UUID> = []
        var after: UUID?
        while true {
            let condition: SQLQueryString = after.map { "WHERE id > \(bind: $0)" } ?? ""
            let rows = try await sql.raw("\(unsafeRaw: select) \(condition) ORDER BY id LIMIT \(unsafeRaw: String(Self.page))")
                .all(decoding: Row.self)
            for row in rows where SimplifiedChinese.holdsTraditional(row.text ?? "") { affected.insert(row.need_id) }
            guard rows.count == Self.page, let last = rows.last else { return affected }
            after = last.key
        }
    }

    func revert(on database: any Database) async throws {}
}
