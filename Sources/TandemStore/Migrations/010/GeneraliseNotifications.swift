import FluentKit
import SQLKit

/// Notifications about more than needs: `need_id` may be empty, and `subject_id` names what else
/// a notification is about (an evaluation invitation …).
struct GeneraliseNotifications: AsyncMigration {
    var name: String { "010_generalise_notifications" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "sqlite" {
            // NB: SQLite cannot drop NOT NULL from a column: the table is rebuilt (nothing refers to it).
            try await sql.raw(
                """
                CREATE TABLE "notifications_new" ("id" UUID PRIMARY KEY,
                  "person_id" UUID NOT NULL REFERENCES "people" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION,
                  "need_id" UUID REFERENCES "needs" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION,
                  "event_id" UUID NOT NULL, "kind" TEXT NOT NULL, "actor_id" UUID, "detail" TEXT, "created_at" REAL NOT NULL,
                  "read_at" REAL, "subject_id" UUID,
                  CONSTRAINT "uq_notifications_event_person" UNIQUE ("event_id", "person_id"))
                """
            ).run()
            try await sql.raw(
                """
                INSERT INTO "notifications_new" ("id", "person_id", "need_id", "event_id", "kind", "actor_id", "detail", "created_at", "read_at")
                SELECT "id", "person_id", "need_id", "event_id", "kind", "actor_id", "detail", "created_at", "read_at" FROM "notifications"
                """
            ).run()
            try await sql.raw(#"DROP TABLE "notifications""#).run()
            try await sql.raw(#"ALTER TABLE "notifications_new" RENAME TO "notifications""#).run()
            try await sql.createIndex("ix_notifications_person_created", on: "notifications", ["person_id", "created_at"])
            try await sql.createIndex("ix_notifications_person_read", on: "notifications", ["person_id", "read_at"])
        } else {
            try await sql.raw(#"ALTER TABLE "notifications" ALTER COLUMN "need_id" DROP NOT NULL"#).run()
            try await database.schema("notifications").field("subject_id", .uuid).update()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.delete(from: "notifications").where("need_id", .is, SQLLiteral.null).run()
        try await database.schema("notifications").deleteField("subject_id").update()
    }
}
