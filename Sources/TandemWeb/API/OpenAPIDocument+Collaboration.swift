import Foundation
import TandemCore

/// Meetings, action items, the suggestion box and improvement plans in the OpenAPI document.
extension OpenAPIDocument {
    static let collaborationOperations: [Operation] = [
        .init(
            method: "GET", path: "/api/v1/meetings", summary: "Meetings I attended or my department took part in", tag: "collaboration",
            response: "MeetingList"),
        .init(
            method: "POST", path: "/api/v1/meetings", summary: "Record a meeting (managers, administrators)", tag: "collaboration",
            body: "MeetingInput", decodes: MeetingController.MeetingBody.self, success: 201, response: "Meeting"),
        .init(
            method: "GET", path: "/api/v1/meetings/:meetingID", summary: "A meeting with its actions and the needs raised from it",
            tag: "collaboration", response: "Meeting"),
        .init(
            method: "PATCH", path: "/api/v1/meetings/:meetingID", summary: "Change the minutes (the recorder)", tag: "collaboration",
            body: "MinutesInput", decodes: MeetingController.MinutesBody.self, response: "Meeting"),
        .init(
            method: "POST", path: "/api/v1/meetings/:meetingID/needs", summary: "Raise a need from the meeting (it links back)",
            tag: "collaboration", body: "RaiseNeed", decodes: NeedController.RaiseBody.self, success: 201, response: "Need"),
        .init(
            method: "POST", path: "/api/v1/meetings/:meetingID/actions", summary: "Add an action item (the recorder)", tag: "collaboration",
            body: "ActionInput", decodes: ActionItemController.ActionBody.self, success: 201, response: "ActionItem"),
        .init(
            method: "PATCH", path: "/api/v1/actions/:actionID",
            summary: "Move an action item on (its owner, or whoever runs its meeting or plan)",
            tag: "collaboration", body: "ActionStatus", decodes: ActionItemController.ActionStatusBody.self, response: "ActionItem"),
        .init(
            method: "GET", path: "/api/v1/suggestions", summary: "The suggestion board, to one department when asked", tag: "collaboration",
            query: ["department_id"], response: "SuggestionList"),
        .init(
            method: "POST", path: "/api/v1/suggestions", summary: "Write to a department, named or anonymously", tag: "collaboration",
            body: "SuggestionInput", decodes: SuggestionController.SuggestionBody.self, success: 201, response: "Suggestion"),
        .init(
            method: "POST", path: "/api/v1/suggestions/:suggestionID/answer", summary: "Answer publicly (the department it is for)",
            tag: "collaboration", body: "SuggestionAnswer", decodes: SuggestionController.AnswerBody.self, response: "Suggestion"),
        .init(
            method: "POST", path: "/api/v1/suggestions/:suggestionID/convert", summary: "Turn a suggestion into a need",
            tag: "collaboration",
            body: "ConvertDraft", decodes: ConvertBody.self, success: 201, response: "Need"),
        .init(
            method: "POST", path: "/api/v1/suggestions/:suggestionID/close", summary: "Close a suggestion", tag: "collaboration",
            response: "Suggestion"),
        .init(
            method: "GET", path: "/api/v1/improvement-plans", summary: "Improvement plans, of one department when asked",
            tag: "collaboration",
            query: ["department_id"], response: "ImprovementPlanList"),
        .init(
            method: "POST", path: "/api/v1/improvement-plans",
            summary: "Make an improvement plan from a scorecard figure, an evaluation or needs (the department's managers)",
            tag: "collaboration", body: "ImprovementPlanInput", decodes: ImprovementPlanController.PlanBody.self, success: 201,
            response: "ImprovementPlan"),
        .init(
            method: "GET", path: "/api/v1/improvement-plans/:planID", summary: "A plan with its actions", tag: "collaboration",
            response: "ImprovementPlan"),
        .init(
            method: "PATCH", path: "/api/v1/improvement-plans/:planID", summary: "Mark a plan done or cancelled", tag: "collaboration",
            body: "PlanStatus", decodes: ImprovementPlanController.PlanStatusBody.self, response: "ImprovementPlan"),
        .init(
            method: "POST", path: "/api/v1/improvement-plans/:planID/actions", summary: "Add an action to a plan", tag: "collaboration",
            body: "ActionInput", decodes: ActionItemController.ActionBody.self, success: 201, response: "ActionItem"),
    ]

    static var collaborationSchemas: [String: Any] {
        let date = string(["format": "date"])
        let dateTime = string(["format": "date-time"])
        let action = object(
            [
                "id": uuid, "parent_kind": strings(["meeting", "plan"]), "parent_id": uuid, "title": string(), "owner_id": uuid,
                "due_on": ["type": ["string", "null"], "format": "date"], "status": strings(ActionItem.Status.allCases.map(\.rawValue)),
                "created_at": dateTime, "updated_at": dateTime,
            ], required: ["id", "parent_kind", "parent_id", "title", "owner_id", "status"])
        let meeting = object(
            [
                "id": uuid, "title": string(), "held_on": date, "department_ids": ["type": "array", "items": uuid],
                "attendee_ids": ["type": "array", "items": uuid], "minutes": string(), "recorded_by": uuid, "created_at": dateTime,
                "actions": ["type": "array", "items": action], "need_ids": ["type": "array", "items": uuid],
            ], required: ["id", "title", "held_on", "department_ids", "attendee_ids", "minutes", "recorded_by"])
        let suggestion = object(
            [
                "id": uuid, "department_id": uuid, "body": string(), "author_id": uuid, "author_department_id": uuid, "submitted_on": date,
                "status": strings(Suggestion.Status.allCases.map(\.rawValue)), "answer": string(), "answered_by": uuid,
                "answered_at": dateTime,
                "need_id": uuid,
            ], required: ["id", "department_id", "body", "submitted_on", "status"])
        let figures = strings(ScorecardFigure.allCases.map(\.rawValue))
        let period = string(["pattern": "^[0-9]{4}(-Q[1-4]|-[0-9]{2})?$"])
        let plan = object(
            [
                "id": uuid, "department_id": uuid, "title": string(), "description": string(),
                "source_kind": strings(ImprovementPlan.SourceKind.allCases.map(\.rawValue)), "source_invitation_id": uuid,
                "need_ids": ["type": "array", "items": uuid], "target_figure": figures, "baseline_period": period,
                "baseline_value": ["type": ["number", "null"]], "target_value": ["type": ["number", "null"]],
                "status": strings(ImprovementPlan.Status.allCases.map(\.rawValue)), "created_by": uuid, "created_at": dateTime,
                "actions": ["type": "array", "items": action],
            ], required: ["id", "department_id", "title", "source_kind", "need_ids", "baseline_period", "status"])
        let text: (Int) -> [String: Any] = { string(["minLength": 1, "maxLength": $0, "pattern": "\\S"]) }
        return [
            "ActionItem": action, "Meeting": meeting, "Suggestion": suggestion, "ImprovementPlan": plan,
            "MeetingList": object(["items": ["type": "array", "items": meeting]], required: ["items"]),
            "SuggestionList": object(["items": ["type": "array", "items": suggestion]], required: ["items"]),
            "ImprovementPlanList": object(["items": ["type": "array", "items": plan]], required: ["items"]),
            "MeetingInput": object(
                [
                    "title": text(200), "held_on": date, "department_ids": ["type": "array", "items": uuid, "minItems": 1],
                    "attendee_ids": ["type": "array", "items": uuid], "minutes": string(["maxLength": 50000]),
                ], required: ["title", "held_on", "department_ids"]),
            "MinutesInput": object(["minutes": string(["maxLength": 50000])], required: ["minutes"]),
            "ActionInput": object(["title": text(300), "owner_id": uuid, "due_on": date], required: ["title", "owner_id"]),
            "ActionStatus": object(["status": strings(ActionItem.Status.allCases.map(\.rawValue))], required: ["status"]),
            "SuggestionInput": object(
                ["department_id": uuid, "body": text(10000), "anonymous": boolean], required: ["department_id", "body"]),
            "SuggestionAnswer": object(["answer": text(10000)], required: ["answer"]),
            "ImprovementPlanInput": object(
                [
                    "department_id": uuid, "title": text(200), "description": string(["maxLength": 10000]),
                    "source_kind": strings(ImprovementPlan.SourceKind.allCases.map(\.rawValue)), "source_invitation_id": uuid,
                    "need_ids": ["type": "array", "items": uuid], "target_figure": figures, "baseline_period": period,
                    "target_value": ["type": "number"],
                ], required: ["department_id", "title", "source_kind"]),
            "PlanStatus": object(["status": strings(ImprovementPlan.Status.allCases.map(\.rawValue))], required: ["status"]),
        ]
    }
}
