import Foundation
import TandemCore

/// Insight in the OpenAPI document: search and duplicate hints.
extension OpenAPIDocument {
    static let insightOperations: [Operation] = [
        .init(method: "GET", path: "/api/v1/search",
              summary: "Search needs, replies and (for their providers) internal notes, in Chinese and English; ranked, with marked passages and the list filters",
              tag: "insight", query: ["q", "limit", "offset"] + NeedController.filterParameters.sorted(), response: "SearchPage"),
        .init(method: "GET", path: "/api/v1/search/similar",
              summary: "Open needs to a provider that look like a title being typed (duplicate hints)", tag: "insight",
              query: ["title", "providing_department_id"], response: "SimilarNeeds"),
    ]

    static var insightSchemas: [String: Any] {
        let parts: [String: Any] = ["type": "array", "items": object(["text": string(), "match": boolean], required: ["text", "match"])]
        let need: [String: Any] = ["$ref": "#/components/schemas/Need"]
        return [
            "SearchPage": object([
                "items": ["type": "array", "items": object([
                    "need": need, "title": parts, "snippet": ["oneOf": [parts, ["type": "null"]]],
                    "snippet_source": ["type": ["string", "null"], "enum": NeedSearchHit.Source.allCases.map(\.rawValue) + [NSNull()]],
                ], required: ["need", "title"])],
                "total": ["type": "integer", "minimum": 0], "total_is_exact": boolean, "next_offset": ["type": ["integer", "null"], "minimum": 1],
            ], required: ["items", "total", "total_is_exact"]),
            "SimilarNeeds": object(["items": ["type": "array", "items": object([
                "need": need, "similarity": ["type": "number", "minimum": 0, "maximum": 1],
            ], required: ["need", "similarity"])]], required: ["items"]),
        ]
    }
}
