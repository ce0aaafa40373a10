import Foundation
import TandemCore

/// Needs surveys in the OpenAPI document.
extension OpenAPIDocument {
    static let surveyOperations: [Operation] = [
        .init(
            method: "GET", path: "/api/v1/surveys", summary: "The surveys that ask me or that my department asks", tag: "surveys",
            response: "SurveyList"),
        .init(
            method: "POST", path: "/api/v1/surveys", summary: "Build a survey for my department (managers, administrators)", tag: "surveys",
            body: "SurveyInput", decodes: SurveyController.CreateBody.self, success: 201, response: "Survey"),
        .init(
            method: "GET", path: "/api/v1/surveys/:surveyID", summary: "One survey, with the round open now and whether I answered it",
            tag: "surveys", response: "Survey"),
        .init(
            method: "POST", path: "/api/v1/surveys/:surveyID/responses",
            summary: "Answer the open round, once (anonymous surveys keep no link to the person)", tag: "surveys", body: "SurveyAnswers",
            decodes: SurveyController.AnswerBody.self,
            success: 201, response: "SurveyAnswered"),
        .init(
            method: "GET", path: "/api/v1/surveys/:surveyID/results",
            summary: "A round's results per question (the asking department's managers)",
            tag: "surveys", query: ["round"], response: "SurveyResults"),
        .init(
            method: "POST", path: "/api/v1/surveys/:surveyID/remind", summary: "Remind those asked who have not answered the open round",
            tag: "surveys", response: "Reminded"),
        .init(method: "POST", path: "/api/v1/surveys/:surveyID/close", summary: "Stop asking", tag: "surveys", response: "Survey"),
        .init(
            method: "GET", path: "/api/v1/departments/:departmentID/need-drafts",
            summary: "Needs drafted by survey answers for a provider (its agents and managers)", tag: "surveys", query: ["status"],
            response: "NeedDraftList"),
        .init(
            method: "POST", path: "/api/v1/need-drafts/:draftID/convert", summary: "Turn a draft into a need in one step", tag: "surveys",
            body: "ConvertDraft", decodes: ConvertBody.self, success: 201, response: "Need"),
        .init(method: "POST", path: "/api/v1/need-drafts/:draftID/dismiss", summary: "Set a draft aside", tag: "surveys", success: 204),
    ]

    static var surveySchemas: [String: Any] {
        let count: [String: Any] = ["type": "integer", "minimum": 0]
        let kinds = strings(SurveyQuestion.Kind.allCases.map(\.rawValue))
        let question = object(
            [
                "key": string(["pattern": "^[a-z0-9_]{0,40}$"]), "prompt": string(["minLength": 1, "maxLength": 500, "pattern": "\\S"]),
                "kind": kinds,
                "options": ["type": "array", "items": string(["maxLength": 200]), "maxItems": 30], "required": boolean, "provider_id": uuid,
            ], required: ["prompt", "kind"])
        let schedule = object(
            [
                "frequency": strings(SurveySchedule.Frequency.allCases.map(\.rawValue)), "starts_on": string(["format": "date"]),
                "open_days": ["type": "integer", "minimum": 1, "maximum": 90],
            ], required: ["frequency", "starts_on", "open_days"])
        let survey = object(
            [
                "id": uuid, "title": string(), "description": string(), "owner_department_id": uuid, "is_anonymous": boolean,
                "questions": ["type": "array", "items": question], "audience_departments": ["type": "array", "items": uuid],
                "audience_people": ["type": "array", "items": uuid], "schedule": schedule, "is_active": boolean, "open_round": count,
                "latest_round": count, "is_asked": boolean, "has_answered": boolean,
            ],
            required: [
                "id", "title", "owner_department_id", "is_anonymous", "questions", "schedule", "is_active", "is_asked", "has_answered",
            ])
        let draft = object(
            [
                "id": uuid, "survey_id": uuid, "round": count, "question_key": string(), "provider_id": uuid, "text": string(),
                "respondent_id": uuid, "respondent_department_id": uuid, "status": strings(NeedDraft.Status.allCases.map(\.rawValue)),
                "need_id": uuid,
            ], required: ["id", "survey_id", "round", "question_key", "provider_id", "text", "status"])
        let answer: [String: Any] = ["oneOf": [string(), ["type": "integer"], ["type": "array", "items": string()]]]
        return [
            "Survey": survey,
            "SurveyList": object(["items": ["type": "array", "items": survey]], required: ["items"]),
            "SurveyInput": object(
                [
                    "title": string(["minLength": 1, "maxLength": 200, "pattern": "\\S"]), "description": string(["maxLength": 5000]),
                    "is_anonymous": boolean, "questions": ["type": "array", "items": question, "minItems": 1, "maxItems": 50],
                    "audience_departments": ["type": "array", "items": uuid], "audience_people": ["type": "array", "items": uuid],
                    "frequency": strings(SurveySchedule.Frequency.allCases.map(\.rawValue)), "starts_on": string(["format": "date"]),
                    "open_days": ["type": "integer", "minimum": 1, "maximum": 90],
                ], required: ["title", "questions"]),
            "SurveyAnswers": object(["answers": ["type": "object", "additionalProperties": answer]], required: ["answers"]),
            "SurveyAnswered": object(["round": count], required: ["round"]),
            "SurveyResults": object(
                [
                    "round": count, "responses": count, "invited": count, "withheld": boolean,
                    "questions": [
                        "type": "array",
                        "items": object(
                            [
                                "key": string(), "prompt": string(), "kind": kinds, "answered": count,
                                "options": [
                                    "type": "array", "items": object(["option": string(), "count": count], required: ["option", "count"]),
                                ],
                                "rating_distribution": ["type": "array", "items": count], "rating_average": ["type": ["number", "null"]],
                                "texts": ["type": "array", "items": string()],
                            ], required: ["key", "prompt", "kind", "answered"]),
                    ],
                ], required: ["round", "responses", "invited", "questions"]),
            "NeedDraftList": object(["items": ["type": "array", "items": draft]], required: ["items"]),
            "ConvertDraft": object([
                "title": string(["minLength": 1, "maxLength": 200, "pattern": "\\S"]),
                "kind": ["type": "string", "enum": NeedKind.allCases.map(\.rawValue)],
                "requesting_department_id": ["type": "string", "format": "uuid"],
            ]),
        ]
    }
}
