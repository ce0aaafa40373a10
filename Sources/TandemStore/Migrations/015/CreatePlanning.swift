import FluentKit
import SQLKit

/// Goals get a description and a period; providers declare capacity per period; committed plans.
struct CreatePlanning: AsyncMigration {
    var name: String { "015_create_planning" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        let sqlite = sql.dialect.name == "sqlite"
        let double = sqlite ? "REAL" : "DOUBLE PRECISION", time = sqlite ? "REAL" : "TIMESTAMPTZ"
        try await sql.raw(#"ALTER TABLE "strategic_goals" ADD COLUMN "description" TEXT NOT NULL DEFAULT ''"#).run()
        try await sql.raw(#"ALTER TABLE "strategic_goals" ADD COLUMN "starts_on" TEXT"#).run()
        try await sql.raw(#"ALTER TABLE "strategic_goals" ADD COLUMN "ends_on" TEXT"#).run()
        try await sql.raw(
            """
            CREATE TABLE "capacities" ("department_id" UUID NOT NULL REFERENCES "departments" ("id"), "period" TEXT NOT NULL,
              "person_days" \(unsafeRaw: double) NOT NULL, PRIMARY KEY ("department_id", "period"))
            """
        ).run()
        try await sql.raw(
            """
            CREATE TABLE "capacity_plans" ("department_id" UUID NOT NULL REFERENCES "departments" ("id"), "period" TEXT NOT NULL,
              "plan" TEXT NOT NULL, "committed_at" \(unsafeRaw: time) NOT NULL, "committed_by" UUID NOT NULL REFERENCES "people" ("id"),
              PRIMARY KEY ("department_id", "period"))
            """
        ).run()
        try await sql.createIndex("ix_needs_goal", on: "needs", "strategic_goal_id")
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX ix_needs_goal").run()
        for table in ["capacity_plans", "capacities"] { try await database.schema(table).delete() }
        for column in ["ends_on", "starts_on", "description"] {
            try await database.schema("strategic_goals").deleteField(FieldKey(stringLiteral: column)).update()
        }
    }
}
