import FluentKit
import SQLKit

/// Needs have followers — people who read a need and hear of it as its requester does, such as
/// the requesters of needs merged into it — and a merged need names the need it went into. The
/// followers are kept twice, as the assignees are: in the need's row (`follower_ids`, read with
/// the need) and in `need_followers`, indexed by person and need, which the permission filter
/// asks ("does the reader follow this need?").
struct CreateFollowersAndMerges: AsyncMigration {
    var name: String { "023_create_followers_and_merges" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw(#"ALTER TABLE "needs" ADD COLUMN "follower_ids" TEXT NOT NULL DEFAULT ''"#).run()
        try await sql.raw(#"ALTER TABLE "needs" ADD COLUMN "merged_into_id" UUID"#).run()
        try await database.schema("need_followers")
            .field("need_id", .uuid, .required, .references("needs", "id"))
            .field("person_id", .uuid, .required, .references("people", "id"))
            .compositeIdentifier(over: "need_id", "person_id")
            .create()
        try await sql.createIndex("ix_need_followers_person_need", on: "need_followers", "person_id", "need_id")
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await database.schema("need_followers").delete()
        try await sql.raw(#"ALTER TABLE "needs" DROP COLUMN "merged_into_id""#).run()
        try await sql.raw(#"ALTER TABLE "needs" DROP COLUMN "follower_ids""#).run()
    }
}
