import Foundation
import TandemCore

/// CSV imports in the OpenAPI document.
extension OpenAPIDocument {
    static let importOperations: [Operation] = [
        .init(
            method: "POST", path: "/api/v1/imports/:kind",
            summary:
                "Check a CSV file of departments, people or needs (UTF-8 ±BOM or GB18030/GBK) and, unless dry_run, write it in one transaction in the background; a bad row gives 422 naming every problem's line and column, and nothing is written",
            tag: "import", body: "CSVFile", mediaType: "text/csv", query: ["dry_run", "file_name"], success: 202, response: "Import",
            audience: .administrators),
        .init(
            method: "GET", path: "/api/v1/imports", summary: "The latest imports, newest first", tag: "import", response: "ImportList",
            audience: .administrators),
        .init(
            method: "GET", path: "/api/v1/imports/:importID", summary: "One import: its state, rows written so far and problems",
            tag: "import", response: "Import", audience: .administrators),
        .init(
            method: "GET", path: "/api/v1/imports/templates/:kind", summary: "The header line of a kind's CSV file, for Excel",
            tag: "import"),
        .init(
            method: "GET", path: "/api/v1/imports/exports/:kind",
            summary: "The stored departments or people in their import file's columns, to edit in Excel and import again",
            tag: "import", audience: .administrators),
    ]

    static var importSchemas: [String: Any] {
        let count: [String: Any] = ["type": "integer", "minimum": 0]
        let problem = object(
            [
                "line": ["type": "integer", "minimum": 1], "field": string(), "message": string(), "reason": string(),
                "reason_arguments": ["type": "array", "items": string()],
                "template": object(
                    [
                        "template": string(),
                        "values": ["type": "array", "items": object(["text": string(), "family": string()], required: ["text"])],
                    ], required: ["template", "values"]),
            ], required: ["line", "field", "message", "reason_arguments"])
        let record = object(
            [
                "id": uuid, "kind": strings(ImportKind.allCases.map(\.rawValue)),
                "state": strings(ImportRecord.State.allCases.map(\.rawValue)),
                "file_name": string(), "encoding": strings(["utf-8", "gb18030"]), "rows": count, "written": count, "problem_count": count,
                "problems": ["type": "array", "items": problem], "error": string(), "created_by": uuid,
                "created_at": string(["format": "date-time"]),
                "finished_at": string(["format": "date-time"]),
            ],
            required: [
                "id", "kind", "state", "file_name", "encoding", "rows", "written", "problem_count", "problems", "created_by", "created_at",
            ])
        return [
            "CSVFile": string(),
            "Import": record,
            "ImportList": object(["items": ["type": "array", "items": record]], required: ["items"]),
        ]
    }
}
