import Foundation
import TandemCore

/// Insight in the OpenAPI document: search, duplicate hints and dashboards.
extension OpenAPIDocument {
    static let insightOperations: [Operation] = [
        .init(
            method: "GET", path: "/api/v1/search",
            summary:
                "Search needs, replies and (for their providers) internal notes, in Chinese and English; ranked, with marked passages and the list filters",
            tag: "insight", query: ["q", "limit", "offset"] + NeedController.filterParameters.sorted(), response: "SearchPage"),
        .init(
            method: "GET", path: "/api/v1/search/export.csv",
            summary:
                "Every need the search finds, best first, as CSV for Excel (UTF-8 with BOM; no row cap), with where the words were found",
            tag: "insight", query: ["q"] + NeedController.filterParameters.sorted()),
        .init(
            method: "GET", path: "/api/v1/search/similar",
            summary: "Open needs to a provider that look like a title being typed (duplicate hints)", tag: "insight",
            query: ["title", "providing_department_id"], response: "SimilarNeeds"),
        .init(
            method: "GET", path: "/api/v1/dashboards/company",
            summary: "The company's dashboard figures over the last twelve months (administrators and managers)", tag: "insight",
            response: "Dashboard"),
        .init(
            method: "GET", path: "/api/v1/dashboards/departments/:departmentID",
            summary: "A department's dashboard figures, as provider or as requester (its people, administrators)", tag: "insight",
            query: ["view"], response: "Dashboard"),
        .init(
            method: "GET", path: "/api/v1/supply-chain",
            summary:
                "The supply-chain map of a period (default: this quarter): every pair of departments with its needs, resolution targets met, satisfaction and health",
            tag: "insight", query: ["period"], response: "SupplyChain"),
        .init(
            method: "GET", path: "/api/v1/themes",
            summary: "Key terms, rising themes and recurring needs of a period (default: this quarter), over the needs the reader may read",
            tag: "insight", query: ["period", "providing_department_id"], response: "Themes"),
        .init(
            method: "GET", path: "/api/v1/me/dashboard", summary: "The dashboard of the needs I raised or work on", tag: "insight",
            response: "Dashboard"),
    ]

    static var insightSchemas: [String: Any] {
        let parts: [String: Any] = ["type": "array", "items": object(["text": string(), "match": boolean], required: ["text", "match"])]
        let need: [String: Any] = ["$ref": "#/components/schemas/Need"]
        let count: [String: Any] = ["type": "integer", "minimum": 0]
        let seconds: [String: Any] = ["type": "number", "minimum": 0]
        let date = string(["format": "date"])
        let spanKeys = [
            "raised", "resolved", "response_met", "response_decided", "resolution_met", "resolution_decided", "response_count",
            "resolution_count", "rating_sum", "rating_count",
        ]
        var spanProperties: [String: Any] = ["start": date, "response_seconds": seconds, "resolution_seconds": seconds]
        for key in spanKeys { spanProperties[key] = count }
        let span = object(spanProperties, required: ["start"] + spanKeys + ["response_seconds", "resolution_seconds"])
        let dashboard = object(
            [
                "scope": string(), "computed_at": string(["format": "date-time"]), "window_start": date,
                "kinds": [
                    "type": "array",
                    "items": object(
                        [
                            "kind": strings(NeedKind.allCases.map(\.rawValue)), "status": strings(NeedStatus.allCases.map(\.rawValue)),
                            "count": count,
                        ], required: ["kind", "status", "count"]),
                ],
                "pairs": [
                    "type": "array",
                    "items": object(
                        [
                            "requesting_department_id": uuid, "providing_department_id": uuid,
                            "counts": [
                                "type": "array", "items": count, "minItems": DashboardFigures.statusGroups.count,
                                "maxItems": DashboardFigures.statusGroups.count,
                            ],
                        ], required: ["requesting_department_id", "providing_department_id", "counts"]),
                ],
                "weeks": ["type": "array", "items": span], "months": ["type": "array", "items": span],
                "backlog": [
                    "type": "array", "items": count, "minItems": DashboardWindow.ageBuckets.count + 1,
                    "maxItems": DashboardWindow.ageBuckets.count + 1,
                ],
                "ratings": ["type": "array", "items": count, "minItems": 5, "maxItems": 5],
            ], required: ["scope", "computed_at", "window_start", "kinds", "pairs", "weeks", "months", "backlog", "ratings"])
        return [
            "SearchPage": object(
                [
                    "items": [
                        "type": "array",
                        "items": object(
                            [
                                "need": need, "title": parts, "snippet": ["oneOf": [parts, ["type": "null"]]],
                                "snippet_source": [
                                    "type": ["string", "null"], "enum": NeedSearchHit.Source.allCases.map(\.rawValue) + [NSNull()],
                                ],
                            ], required: ["need", "title"]),
                    ],
                    "total": ["type": "integer", "minimum": 0], "total_is_exact": boolean,
                    "next_offset": ["type": ["integer", "null"], "minimum": 1],
                ], required: ["items", "total", "total_is_exact"]),
            "Dashboard": dashboard,
            "Themes": object(
                [
                    "period": string(), "providing_department_id": uuid, "needs": count, "previous_needs": count,
                    "key_terms": [
                        "type": "array",
                        "items": object(
                            [
                                "term": string(), "count": count, "score": ["type": "number"],
                                "trend": ["type": "array", "items": count, "description": "needs per period, oldest first"],
                            ],
                            required: ["term", "count", "score", "trend"]),
                    ],
                    "rising": [
                        "type": "array",
                        "items": object(
                            [
                                "term": string(), "count": count, "previous_count": count, "growth": ["type": "number"],
                                "trend": ["type": "array", "items": count],
                            ],
                            required: ["term", "count", "previous_count", "growth", "trend"]),
                    ],
                    "recurring": [
                        "type": "array",
                        "items": object(
                            [
                                "title": string(), "count": count, "need_ids": ["type": "array", "items": uuid],
                                "numbers": ["type": "array", "items": string()],
                                "providing_department_ids": ["type": "array", "items": uuid],
                            ], required: ["title", "count", "need_ids", "numbers", "providing_department_ids"]),
                    ],
                ], required: ["period", "needs", "previous_needs", "key_terms", "rising", "recurring"]),
            "SupplyChain": object(
                [
                    "period": string(["pattern": "^[0-9]{4}(-Q[1-4]|-[0-9]{2})?$"]), "department_ids": ["type": "array", "items": uuid],
                    "edges": [
                        "type": "array",
                        "items": object(
                            [
                                "requesting_department_id": uuid, "providing_department_id": uuid, "volume": count, "resolution_met": count,
                                "resolution_decided": count, "rating_sum": count, "rating_count": count,
                                "resolution_met_percent": ["type": ["number", "null"]], "rating_average": ["type": ["number", "null"]],
                                "health": strings(SupplyChainEdge.Health.allCases.map(\.rawValue)),
                            ], required: ["requesting_department_id", "providing_department_id", "volume", "health"]),
                    ],
                    "withheld_pairs": count,
                ], required: ["period", "department_ids", "edges", "withheld_pairs"]),
            "SimilarNeeds": object(
                [
                    "items": [
                        "type": "array",
                        "items": object(
                            [
                                "need": need, "similarity": ["type": "number", "minimum": 0, "maximum": 1],
                            ], required: ["need", "similarity"]),
                    ]
                ], required: ["items"]),
        ]
    }
}
