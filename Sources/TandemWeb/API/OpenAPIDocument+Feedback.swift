import Foundation
import TandemCore

/// The voice of the internal customer in the OpenAPI document: satisfaction ratings and the
/// providing departments' rating policies.
extension OpenAPIDocument {
    static let feedbackOperations: [Operation] = [
        .init(method: "GET", path: "/api/v1/needs/:needID/rating", summary: "A need's satisfaction rating, and whether the reader may rate it",
              tag: "feedback", response: "RatingState"),
        .init(method: "PUT", path: "/api/v1/needs/:needID/rating", summary: "Rate a resolved need, or change the rating (its requester)",
              tag: "feedback", body: "Rate", response: "RatingState"),
        .init(method: "POST", path: "/api/v1/rating-links/:token", summary: "Rate through the link of a resolution e-mail (no sign-in; once)",
              tag: "feedback", body: "Rate", response: "Rating", isPublic: true),
        .init(method: "GET", path: "/api/v1/departments/:departmentID/satisfaction-policy", summary: "How a providing department handles ratings",
              tag: "feedback", response: "SatisfactionPolicy"),
        .init(method: "PUT", path: "/api/v1/departments/:departmentID/satisfaction-policy",
              summary: "Set how long needs may be rated and what a low rating does (the department's managers)", tag: "feedback",
              body: "SatisfactionPolicyInput", response: "SatisfactionPolicy"),
        .init(method: "GET", path: "/api/v1/departments/:departmentID/scorecard",
              summary: "A provider's scorecard over a period (default: this quarter), or a pair's with requesting_department_id",
              tag: "feedback", query: ["period", "requesting_department_id"], response: "Scorecard"),
    ]

    static var feedbackSchemas: [String: Any] {
        let dateTime = string(["format": "date-time"])
        let lowRatingActions = strings(SatisfactionPolicy.LowRatingAction.allCases.map(\.rawValue))
        let rating = object([
            "need_id": uuid, "rater_id": uuid, "requesting_department_id": uuid, "providing_department_id": uuid,
            "score": ["type": "integer", "minimum": 1, "maximum": 5], "comment": string(), "rated_at": dateTime, "updated_at": dateTime,
        ], required: ["need_id", "rater_id", "requesting_department_id", "providing_department_id", "score", "rated_at", "updated_at"])
        let number: [String: Any] = ["type": ["number", "null"]]
        let count: [String: Any] = ["type": "integer", "minimum": 0]
        let figures = object([
            "volume": count, "resolved": count, "open": count, "response_met_percent": number, "response_decided": count,
            "resolution_met_percent": number, "resolution_decided": count, "response_median_hours": number, "response_p90_hours": number,
            "resolution_median_hours": number, "resolution_p90_hours": number, "satisfaction_average": number, "satisfaction_count": count,
            "satisfaction_distribution": ["type": "array", "items": count, "minItems": 5, "maxItems": 5],
        ], required: ["volume", "resolved", "open", "response_decided", "resolution_decided", "satisfaction_count", "satisfaction_distribution"])
        let rank = object(["place": ["type": "integer", "minimum": 1], "of": ["type": "integer", "minimum": 1]], required: ["place", "of"])
        let period = string(["pattern": "^[0-9]{4}(-Q[1-4]|-[0-9]{2})?$"])
        return [
            "Scorecard": object([
                "provider_id": uuid, "requester_id": uuid, "period": period, "figures": figures, "previous_period": period, "previous": figures,
                "ranks": object(["service_level": rank, "satisfaction": rank]),
                "served": ["type": "array", "items": object(["department_id": uuid, "volume": count, "satisfaction_average": number],
                                                            required: ["department_id", "volume"])],
            ], required: ["provider_id", "period", "figures", "previous_period", "previous"]),
            "Rating": rating,
            "RatingState": object([
                "rating": ["oneOf": [["type": "null"], ["$ref": "#/components/schemas/Rating"]]], "can_rate": boolean,
                "open_until": ["type": ["string", "null"], "format": "date-time"],
            ], required: ["rating", "can_rate", "open_until"]),
            "Rate": object(["score": ["type": "integer", "minimum": 1, "maximum": 5], "comment": string(["maxLength": 2000])],
                           required: ["score"]),
            "SatisfactionPolicy": object([
                "rating_days": ["type": "integer", "minimum": 1, "maximum": 90], "low_score": ["type": "integer", "minimum": 1, "maximum": 4],
                "on_low_rating": lowRatingActions,
            ], required: ["rating_days", "low_score", "on_low_rating"]),
            "SatisfactionPolicyInput": object([
                "rating_days": ["type": "integer", "minimum": 1, "maximum": 90], "low_score": ["type": "integer", "minimum": 1, "maximum": 4],
                "on_low_rating": lowRatingActions,
            ]),
        ]
    }
}
