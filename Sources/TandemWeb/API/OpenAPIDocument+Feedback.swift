import Foundation
import TandemCore

/// The voice of the internal customer in the OpenAPI document: satisfaction ratings and the
/// providing departments' rating policies.
extension OpenAPIDocument {
    static let feedbackOperations: [Operation] = [
        .init(
            method: "GET", path: "/api/v1/needs/:needID/rating",
            summary: "A need's satisfaction rating, and whether the reader may rate it",
            tag: "feedback", response: "RatingState"),
        .init(
            method: "PUT", path: "/api/v1/needs/:needID/rating", summary: "Rate a resolved need, or change the rating (its requester)",
            tag: "feedback", body: "Rate", decodes: SatisfactionController.RateBody.self, response: "RatingState"),
        .init(
            method: "POST", path: "/api/v1/rating-links/:token", summary: "Rate through the link of a resolution e-mail (no sign-in; once)",
            tag: "feedback", body: "Rate", decodes: SatisfactionController.RateBody.self, response: "Rating", audience: .anyone),
        .init(
            method: "GET", path: "/api/v1/departments/:departmentID/satisfaction-policy",
            summary: "How a providing department handles ratings",
            tag: "feedback", response: "SatisfactionPolicy"),
        .init(
            method: "PUT", path: "/api/v1/departments/:departmentID/satisfaction-policy",
            summary: "Set how long needs may be rated and what a low rating does (the department's managers)", tag: "feedback",
            body: "SatisfactionPolicyInput", decodes: SatisfactionController.PolicyBody.self, response: "SatisfactionPolicy"),
        .init(
            method: "GET", path: "/api/v1/departments/:departmentID/scorecard",
            summary: "A provider's scorecard over a period (default: this quarter), or a pair's with requesting_department_id",
            tag: "feedback", query: ["period", "requesting_department_id"], response: "Scorecard"),
        .init(
            method: "GET", path: "/api/v1/evaluation-cycles", summary: "Evaluation cycles, newest first, with their progress",
            tag: "feedback",
            response: "EvaluationCycleList"),
        .init(
            method: "POST", path: "/api/v1/evaluation-cycles",
            summary:
                "Open a cycle for a period: every department served then is invited to rate its providers (administrators; a manager for their own department)",
            tag: "feedback", body: "OpenEvaluationCycle", decodes: EvaluationController.OpenBody.self, success: 201,
            response: "EvaluationCycle"),
        .init(
            method: "GET", path: "/api/v1/evaluation-cycles/:cycleID", summary: "A cycle with its invitations", tag: "feedback",
            response: "EvaluationCycle"),
        .init(
            method: "POST", path: "/api/v1/evaluation-cycles/:cycleID/close",
            summary: "Close a cycle (administrators, or the manager who opened it)",
            tag: "feedback", response: "EvaluationCycle"),
        .init(
            method: "POST", path: "/api/v1/evaluation-cycles/:cycleID/remind",
            summary: "Remind the managers of the departments that have not answered (administrators, or the manager who opened it)",
            tag: "feedback", response: "Reminded"),
        .init(
            method: "GET", path: "/api/v1/me/evaluations", summary: "The evaluations my department still has to give (managers)",
            tag: "feedback"),
        .init(
            method: "GET", path: "/api/v1/evaluation-invitations/:invitationID",
            summary: "One invitation, with the answer for administrators and the two departments' managers", tag: "feedback",
            response: "EvaluationInvitation"),
        .init(
            method: "PUT", path: "/api/v1/evaluation-invitations/:invitationID/response",
            summary: "Answer an invitation, or change the answer while the cycle is open (the rating department's managers)",
            tag: "feedback",
            body: "EvaluationAnswer", decodes: EvaluationController.AnswerBody.self, response: "EvaluationResponse"),
    ]

    static var feedbackSchemas: [String: Any] {
        let dateTime = string(["format": "date-time"])
        let lowRatingActions = strings(SatisfactionPolicy.LowRatingAction.allCases.map(\.rawValue))
        let rating = object(
            [
                "need_id": uuid, "rater_id": uuid, "requesting_department_id": uuid, "providing_department_id": uuid,
                "score": ["type": "integer", "minimum": 1, "maximum": 5], "comment": string(), "rated_at": dateTime, "updated_at": dateTime,
            ], required: ["need_id", "rater_id", "requesting_department_id", "providing_department_id", "score", "rated_at", "updated_at"])
        let number: [String: Any] = ["type": ["number", "null"]]
        let count: [String: Any] = ["type": "integer", "minimum": 0]
        let figures = object(
            [
                "volume": count, "resolved": count, "open": count, "response_met_percent": number, "response_decided": count,
                "resolution_met_percent": number, "resolution_decided": count, "response_median_hours": number,
                "response_p90_hours": number,
                "resolution_median_hours": number, "resolution_p90_hours": number, "satisfaction_average": number,
                "satisfaction_count": count,
                "satisfaction_distribution": ["type": "array", "items": count, "minItems": 5, "maxItems": 5],
            ],
            required: [
                "volume", "resolved", "open", "response_decided", "resolution_decided", "satisfaction_count", "satisfaction_distribution",
            ])
        let rank = object(
            ["place": ["type": "integer", "minimum": 1], "of": ["type": "integer", "minimum": 1]], required: ["place", "of"])
        let period = string(["pattern": "^[0-9]{4}(-Q[1-4]|-[0-9]{2})?$"])
        let dimension = object(
            [
                "key": string(["pattern": "^[a-z0-9_]{1,40}$"]), "name": string(["minLength": 1, "maxLength": 100, "pattern": "\\S"]),
                "weight": ["type": "integer", "minimum": 1, "maximum": 100],
            ], required: ["key", "name", "weight"])
        let invitation: [String: Any] = object(
            [
                "id": uuid, "cycle_id": uuid, "rater_department_id": uuid, "provider_department_id": uuid, "need_count": count,
                "submitted_at": dateTime,
            ], required: ["id", "cycle_id", "rater_department_id", "provider_department_id", "need_count"], strict: false)
        let cycleProperties: [String: Any] = [
            "id": uuid, "name": string(), "period": period, "provider_id": uuid, "dimensions": ["type": "array", "items": dimension],
            "asks_recommendation": boolean, "closes_on": string(["format": "date"]),
            "status": strings(EvaluationCycle.Status.allCases.map(\.rawValue)), "opened_by": uuid, "created_at": dateTime,
            "closed_at": dateTime, "invited": count, "answered": count, "invitations": ["type": "array", "items": invitation],
        ]
        let cycle = object(
            cycleProperties, required: ["id", "name", "period", "dimensions", "asks_recommendation", "status", "invited", "answered"])
        let evaluationScores = object(
            [
                "responses": count, "recommendations": count, "overall": number, "net_promoter_score": number,
                "dimensions": [
                    "type": "array",
                    "items": object(
                        ["key": string(), "name": string(), "weight": count, "average": number],
                        required: ["key", "name", "weight"]),
                ],
            ], required: ["responses", "recommendations", "dimensions"])
        let response = object(
            [
                "invitation_id": uuid,
                "scores": ["type": "object", "additionalProperties": ["type": "integer", "minimum": 1, "maximum": 5]],
                "recommendation": ["type": "integer", "minimum": 0, "maximum": 10], "comment": string(), "submitted_by": uuid,
                "submitted_at": dateTime,
            ], required: ["invitation_id", "scores", "submitted_by", "submitted_at"])
        var invitationWithAnswer = invitation
        invitationWithAnswer["properties"] = (invitation["properties"] as! [String: Any]).merging([
            "response": ["oneOf": [["type": "null"], response]], "can_answer": boolean,
        ]) { $1 }
        return [
            "EvaluationCycle": cycle,
            "Reminded": object(["reminded": count], required: ["reminded"]),
            "EvaluationCycleList": object(["items": ["type": "array", "items": cycle]], required: ["items"]),
            "OpenEvaluationCycle": object(
                [
                    "name": string(["minLength": 1, "maxLength": 100, "pattern": "\\S"]), "period": period, "provider_id": uuid,
                    "dimensions": ["type": "array", "items": dimension, "minItems": 1, "maxItems": 10], "asks_recommendation": boolean,
                    "closes_on": string(["format": "date"]),
                ], required: ["name", "period"]),
            "EvaluationInvitation": invitationWithAnswer,
            "EvaluationAnswer": object(
                [
                    "scores": ["type": "object", "additionalProperties": ["type": "integer", "minimum": 1, "maximum": 5]],
                    "recommendation": ["type": "integer", "minimum": 0, "maximum": 10], "comment": string(["maxLength": 4000]),
                ], required: ["scores"]),
            "EvaluationResponse": response,
            "Scorecard": object(
                [
                    "provider_id": uuid, "requester_id": uuid, "period": period, "figures": figures, "previous_period": period,
                    "previous": figures,
                    "ranks": object(["service_level": rank, "satisfaction": rank]),
                    "served": [
                        "type": "array",
                        "items": object(
                            ["department_id": uuid, "volume": count, "satisfaction_average": number],
                            required: ["department_id", "volume"]),
                    ],
                    "evaluation": evaluationScores, "previous_evaluation": evaluationScores,
                    "plans": [
                        "type": "array",
                        "items": object(
                            [
                                "plan": ["$ref": "#/components/schemas/ImprovementPlan"], "current_value": number, "change": number,
                                "improved": ["type": ["boolean", "null"]],
                            ], required: ["plan"]),
                    ],
                    // what the reader is not shown: too few needs or answers between two departments
                    "figures_withheld": boolean, "previous_withheld": boolean, "evaluation_withheld": boolean, "served_withheld": count,
                ],
                required: [
                    "provider_id", "period", "figures", "previous_period", "previous", "figures_withheld", "previous_withheld",
                    "evaluation_withheld", "served_withheld",
                ]),
            "Rating": rating,
            "RatingState": object(
                [
                    "rating": ["oneOf": [["type": "null"], ["$ref": "#/components/schemas/Rating"]]], "can_rate": boolean,
                    "open_until": ["type": ["string", "null"], "format": "date-time"],
                ], required: ["rating", "can_rate", "open_until"]),
            "Rate": object(
                ["score": ["type": "integer", "minimum": 1, "maximum": 5], "comment": string(["maxLength": 2000])],
                required: ["score"]),
            "SatisfactionPolicy": object(
                [
                    "rating_days": ["type": "integer", "minimum": 1, "maximum": 90],
                    "low_score": ["type": "integer", "minimum": 1, "maximum": 4],
                    "on_low_rating": lowRatingActions,
                ], required: ["rating_days", "low_score", "on_low_rating"]),
            "SatisfactionPolicyInput": object([
                "rating_days": ["type": "integer", "minimum": 1, "maximum": 90],
                "low_score": ["type": "integer", "minimum": 1, "maximum": 4],
                "on_low_rating": lowRatingActions,
            ]),
        ]
    }
}
