import Foundation
import SQLKit
import TandemCore

/// Surveys in `surveys`; answers in `survey_responses`, who answered in `survey_participation`
/// (apart, without a time), announced rounds in `survey_rounds_announced`, drafts in `need_drafts`.
public struct SQLSurveyStore: SurveyStore {
    let database: StoreDatabase

    public init(_ database: StoreDatabase) { self.database = database }

    struct SurveyRow: Codable, Sendable {
        var id: UUID
        var title: String
        var description: String
        var owner_department_id: UUID
        var created_by: UUID
        var is_anonymous: Bool
        var questions: String
        var audience_kind: String
        var audience_ids: String
        var frequency: String
        var starts_on: String
        var open_days: Int
        var is_active: Bool
        var created_at: Date

        init(_ survey: Survey) throws {
            id = survey.id.rawValue
            title = survey.title
            description = survey.description
            owner_department_id = survey.ownerDepartmentID.rawValue
            created_by = survey.createdBy.rawValue
            is_anonymous = survey.isAnonymous
            questions = try JSONText.encode(survey.questions)
            switch survey.audience {
            case .departments(let ids): audience_kind = "departments"; audience_ids = try JSONText.encode(ids)
            case .people(let ids): audience_kind = "people"; audience_ids = try JSONText.encode(ids)
            }
            frequency = survey.schedule.frequency.rawValue
            starts_on = survey.schedule.startsOn.description
            open_days = survey.schedule.openDays
            is_active = survey.isActive
            created_at = survey.createdAt.storable
        }

        func survey() throws -> Survey {
            let audience: SurveyAudience =
                audience_kind == "people"
                ? .people(try JSONText.decode([Person.ID].self, from: audience_ids))
                : .departments(try JSONText.decode([Department.ID].self, from: audience_ids))
            let schedule = SurveySchedule(
                frequency: .init(rawValue: frequency) ?? .once,
                startsOn: try CalendarDate(starts_on).orThrow(CorruptColumn(column: "starts_on", value: starts_on)),
                openDays: open_days)
            return Survey(
                id: .init(id), title: title, description: description, ownerDepartmentID: .init(owner_department_id),
                createdBy: .init(created_by), isAnonymous: is_anonymous,
                questions: try JSONText.decode([SurveyQuestion].self, from: questions), audience: audience, schedule: schedule,
                isActive: is_active, createdAt: created_at)
        }
    }

    struct ResponseRow: Codable, Sendable {
        var id: UUID
        var survey_id: UUID
        var round: Int
        var respondent_id: UUID?
        var respondent_department_id: UUID?
        var answers: String
    }

    struct DraftRow: Codable, Sendable {
        var id: UUID
        var survey_id: UUID
        var round: Int
        var question_key: String
        var provider_id: UUID
        var text: String
        var respondent_id: UUID?
        var respondent_department_id: UUID?
        var status: String
        var need_id: UUID?

        init(_ draft: NeedDraft) {
            id = draft.id.rawValue
            survey_id = draft.surveyID.rawValue
            round = draft.round
            question_key = draft.questionKey
            provider_id = draft.providerID.rawValue
            text = draft.text
            respondent_id = draft.respondentID?.rawValue
            respondent_department_id = draft.respondentDepartmentID?.rawValue
            status = draft.status.rawValue
            need_id = draft.needID?.rawValue
        }

        var draft: NeedDraft {
            NeedDraft(
                id: .init(id), surveyID: .init(survey_id), round: round, questionKey: question_key, providerID: .init(provider_id),
                text: text, respondentID: respondent_id.map { .init($0) },
                respondentDepartmentID: respondent_department_id.map { .init($0) },
                status: .init(rawValue: status) ?? .open, needID: need_id.map { .init($0) })
        }
    }

    public func insert(_ survey: Survey) async throws {
        let row = try SurveyRow(survey)
        try await database.write { sql in try await sql.insertRow(row, into: "surveys") }
    }

    public func update(_ survey: Survey) async throws {
        let row = try SurveyRow(survey)
        _ = try await database.write { sql in try await sql.updateRow(row, in: "surveys", id: row.id) }
    }

    public func survey(_ id: Survey.ID) async throws -> Survey? {
        try await database.read { sql in
            try await sql.select().column("*").from("surveys").where("id", .equal, id.rawValue).firstRow(SurveyRow.self)?.survey()
        }
    }

    public func surveys(limit: Int) async throws -> [Survey] {
        try await database.read { sql in
            try await sql.select().column("*").from("surveys").orderBy("created_at", .descending).limit(limit)
                .allRows(SurveyRow.self).map { try $0.survey() }
        }
    }

    public func record(_ response: SurveyResponse, participant: Person.ID, drafts: [NeedDraft]) async throws {
        let row = ResponseRow(
            id: response.id.rawValue, survey_id: response.surveyID.rawValue, round: response.round,
            respondent_id: response.respondentID?.rawValue, respondent_department_id: response.respondentDepartmentID?.rawValue,
            answers: try JSONText.encode(response.answers))
        try await database.write { sql in
            // NB: the participation row first: a second answer of the same person fails on its key.
            try await sql.insert(into: "survey_participation").columns("survey_id", "round", "person_id")
                .values(SQLBind(response.surveyID.rawValue), SQLBind(response.round), SQLBind(participant.rawValue)).run()
            try await sql.insert(into: "survey_responses").model(row, nilEncodingStrategy: .asNil).run()
            for draft in drafts { try await sql.insert(into: "need_drafts").model(DraftRow(draft), nilEncodingStrategy: .asNil).run() }
        }
    }

    public func participants(of survey: Survey.ID, round: Int) async throws -> Set<Person.ID> {
        struct Row: Decodable { var person_id: UUID }
        return try await database.read { sql in
            Set(
                try await sql.select().column("person_id").from("survey_participation").where("survey_id", .equal, survey.rawValue)
                    .where("round", .equal, round).allRows(Row.self).map { Person.ID($0.person_id) })
        }
    }

    public func responses(of survey: Survey.ID, round: Int) async throws -> [SurveyResponse] {
        try await database.read { sql in
            try await sql.select().column("*").from("survey_responses").where("survey_id", .equal, survey.rawValue).where(
                "round", .equal, round
            )
            .orderBy("id").allRows(ResponseRow.self).map { row in
                SurveyResponse(
                    id: .init(row.id), surveyID: .init(row.survey_id), round: row.round, respondentID: row.respondent_id.map { .init($0) },
                    respondentDepartmentID: row.respondent_department_id.map { .init($0) },
                    answers: try JSONText.decode([String: SurveyAnswer].self, from: row.answers))
            }
        }
    }

    public func drafts(provider: Department.ID, status: NeedDraft.Status?) async throws -> [NeedDraft] {
        try await database.read { sql in
            var select = sql.select().column("*").from("need_drafts").where("provider_id", .equal, provider.rawValue)
            if let status { select = select.where("status", .equal, status.rawValue) }
            return try await select.orderBy("round", .descending).orderBy("id").limit(500).allRows(DraftRow.self).map(\.draft)
        }
    }

    public func drafts(of survey: Survey.ID, round: Int) async throws -> [NeedDraft] {
        try await database.read { sql in
            try await sql.select().column("*").from("need_drafts").where("survey_id", .equal, survey.rawValue).where("round", .equal, round)
                .orderBy("id").allRows(DraftRow.self).map(\.draft)
        }
    }

    public func draft(_ id: NeedDraft.ID) async throws -> NeedDraft? {
        try await database.read { sql in
            try await sql.select().column("*").from("need_drafts").where("id", .equal, id.rawValue).firstRow(DraftRow.self)?.draft
        }
    }

    public func dismiss(_ draft: NeedDraft.ID) async throws -> Bool {
        try await database.write { sql in
            try await sql.update("need_drafts").set("status", to: NeedDraft.Status.dismissed.rawValue).where("id", .equal, draft.rawValue)
                .where("status", .equal, NeedDraft.Status.open.rawValue).runCountingRows() == 1
        }
    }

    public func markAnnounced(_ survey: Survey.ID, round: Int) async throws -> Bool {
        // NB: the watcher asks every few seconds: a read answers "already" without a write.
        let known = try await database.read { sql in
            try await sql.select().column("round").from("survey_rounds_announced").where("survey_id", .equal, survey.rawValue)
                .where("round", .equal, round).first() != nil
        }
        if known { return false }
        return try await database.write { sql in
            let inserted = try await sql.raw(
                """
                INSERT INTO survey_rounds_announced (survey_id, round) VALUES (\(bind: survey.rawValue), \(bind: round))
                ON CONFLICT DO NOTHING RETURNING round
                """
            ).all()
            return inserted.count == 1
        }
    }

    /// Marks the draft a new need was made from (part of the need's write).
    static func convert(_ draft: NeedDraft.ID, into need: Need.ID, on sql: any SQLDatabase) async throws {
        let changed = try await sql.update("need_drafts").set("status", to: NeedDraft.Status.converted.rawValue).set(
            "need_id", to: need.rawValue
        )
        .where("id", .equal, draft.rawValue).where("status", .equal, NeedDraft.Status.open.rawValue).runCountingRows()
        guard changed == 1 else { throw TandemError(.conflict, "the draft was dealt with already", field: "draft") }
    }
}
