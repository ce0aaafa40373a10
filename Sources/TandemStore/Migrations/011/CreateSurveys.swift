import FluentKit
import SQLKit

/// Needs surveys: the surveys, their responses, who answered which round (apart from the
/// responses), the rounds announced, and the needs the answers drafted.
///
/// NB: an anonymous response must not be linkable to its person. It stores no person, no
/// department and no time; on SQLite the response, participation and draft tables are
/// `WITHOUT ROWID`, so rows are kept in the order of their random keys, not of their arrival.
struct CreateSurveys: AsyncMigration {
    var name: String { "011_create_surveys" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        let sqlite = sql.dialect.name == "sqlite"
        let bool = sqlite ? "INTEGER" : "BOOLEAN", int = sqlite ? "INTEGER" : "BIGINT", time = sqlite ? "REAL" : "TIMESTAMPTZ"
        let unordered = sqlite ? " WITHOUT ROWID" : ""
        try await sql.raw(
            """
            CREATE TABLE "surveys" ("id" UUID PRIMARY KEY, "title" TEXT NOT NULL, "description" TEXT NOT NULL,
              "owner_department_id" UUID NOT NULL REFERENCES "departments" ("id"), "created_by" UUID NOT NULL REFERENCES "people" ("id"),
              "is_anonymous" \(unsafeRaw: bool) NOT NULL, "questions" TEXT NOT NULL, "audience_kind" TEXT NOT NULL, "audience_ids" TEXT NOT NULL,
              "frequency" TEXT NOT NULL, "starts_on" TEXT NOT NULL, "open_days" \(unsafeRaw: int) NOT NULL, "is_active" \(unsafeRaw: bool) NOT NULL,
              "created_at" \(unsafeRaw: time) NOT NULL)
            """
        ).run()
        try await sql.raw(
            """
            CREATE TABLE "survey_responses" ("id" UUID NOT NULL PRIMARY KEY, "survey_id" UUID NOT NULL REFERENCES "surveys" ("id"),
              "round" \(unsafeRaw: int) NOT NULL, "respondent_id" UUID REFERENCES "people" ("id"),
              "respondent_department_id" UUID REFERENCES "departments" ("id"), "answers" TEXT NOT NULL)\(unsafeRaw: unordered)
            """
        ).run()
        try await sql.createIndex("ix_survey_responses_round", on: "survey_responses", ["survey_id", "round"])
        try await sql.raw(
            """
            CREATE TABLE "survey_participation" ("survey_id" UUID NOT NULL REFERENCES "surveys" ("id"), "round" \(unsafeRaw: int) NOT NULL,
              "person_id" UUID NOT NULL REFERENCES "people" ("id"), PRIMARY KEY ("survey_id", "round", "person_id"))\(unsafeRaw: unordered)
            """
        ).run()
        try await sql.raw(
            """
            CREATE TABLE "survey_rounds_announced" ("survey_id" UUID NOT NULL REFERENCES "surveys" ("id"), "round" \(unsafeRaw: int) NOT NULL,
              PRIMARY KEY ("survey_id", "round"))
            """
        ).run()
        try await sql.raw(
            """
            CREATE TABLE "need_drafts" ("id" UUID NOT NULL PRIMARY KEY, "survey_id" UUID NOT NULL REFERENCES "surveys" ("id"),
              "round" \(unsafeRaw: int) NOT NULL, "question_key" TEXT NOT NULL, "provider_id" UUID NOT NULL REFERENCES "departments" ("id"),
              "text" TEXT NOT NULL, "respondent_id" UUID REFERENCES "people" ("id"), "respondent_department_id" UUID REFERENCES "departments" ("id"),
              "status" TEXT NOT NULL, "need_id" UUID REFERENCES "needs" ("id"))\(unsafeRaw: unordered)
            """
        ).run()
        try await sql.createIndex("ix_need_drafts_provider_status", on: "need_drafts", ["provider_id", "status"])
        try await sql.createIndex("ix_need_drafts_survey_round", on: "need_drafts", ["survey_id", "round"])
    }

    func revert(on database: any Database) async throws {
        for table in ["need_drafts", "survey_rounds_announced", "survey_participation", "survey_responses", "surveys"] {
            try await database.schema(table).delete()
        }
    }
}
