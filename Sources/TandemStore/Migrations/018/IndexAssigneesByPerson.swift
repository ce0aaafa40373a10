import FluentKit
import SQLKit

/// The index of a person's assignments holds the needs too, so "is this need assigned to the
/// reader?" — part of every permission filter — is answered inside the index. With the person
/// alone, each of an agent's 3,992 assignments was a fetch from the table: 19 ms of a 26 ms search
/// at a million needs (PostgreSQL); with the need in the index, 0.4 ms.
struct IndexAssigneesByPerson: AsyncMigration {
    var name: String { "018_index_assignees_by_person" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.createIndex("ix_need_assignees_person_need", on: "need_assignees", "person_id", "need_id")
        try await sql.drop(index: "ix_need_assignees_person").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.createIndex("ix_need_assignees_person", on: "need_assignees", "person_id")
        try await sql.drop(index: "ix_need_assignees_person_need").run()
    }
}
