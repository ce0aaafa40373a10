import Foundation
import TandemCore

/// The OpenAPI 3.1 document of `/api/v1`, served at `/api/v1/openapi.json`. A test checks that
/// it names exactly the registered routes.
enum OpenAPIDocument {
    /// One operation: method, path in Vapor's spelling (`:needID`), summary, body schema and the
    /// type that decodes it, success status, audience.
    struct Operation: Sendable {
        var method: String
        var path: String
        var summary: String
        var tag: String
        /// The body's schema (a name in `components/schemas`).
        var body: String? = nil
        /// The type the route decodes a JSON body with: a test checks that its keys are the schema's.
        var decodes: (any StrictBody.Type)? = nil
        /// The body's media type: JSON by default, `text/calendar` for an .ics file.
        var mediaType = "application/json"
        var query: [String] = []
        var success: Int = 200
        var response: String? = nil
        var audience: Audience = .signedIn

        /// The summary as the document shows it, with the audience when it is narrower than
        /// everyone signed in (finer rules, such as "its managers", are in the summary's words).
        var documentedSummary: String { audience == .administrators ? summary + " (administrators)" : summary }
    }

    /// Who may call an operation at all. The route's own check says so in the core; the
    /// permission tests choose the routes to try by this, never by the summary's words.
    enum Audience: Equatable, Sendable {
        /// No sign-in (signing in and out, the document, a path that carries a secret).
        case anyone
        /// Anyone signed in; the core decides what each may read or change.
        case signedIn
        /// Administrators only: anyone else gets 403 before the body is read.
        case administrators
    }

    static var operations: [Operation] {
        coreOperations + feedbackOperations + surveyOperations + collaborationOperations + insightOperations + planningOperations
            + importOperations
    }

    // MARK: schemas

    static func string(_ extra: [String: Any] = [:]) -> [String: Any] { ["type": "string"].merging(extra) { $1 } }
    static func strings(_ values: [String]) -> [String: Any] { ["type": "string", "enum": values] }
    static var uuid: [String: Any] { ["type": "string", "format": "uuid"] }
    static var nullableUUID: [String: Any] { ["type": ["string", "null"], "format": "uuid"] }
    static var boolean: [String: Any] { ["type": "boolean"] }
    static func object(_ properties: [String: Any], required: [String] = [], strict: Bool = true) -> [String: Any] {
        var schema: [String: Any] = ["type": "object", "properties": properties]
        if !required.isEmpty { schema["required"] = required }
        if strict { schema["additionalProperties"] = false }
        return schema
    }

    static var schemas: [String: Any] {
        let formField = object(
            [
                "key": string(["pattern": "^[a-z0-9_]{1,40}$"]), "label": string(["maxLength": 200]),
                "type": strings(FormField.FieldType.allCases.map(\.rawValue)), "required": boolean,
                "options": ["type": "array", "items": string()],
            ], required: ["key", "label", "type", "required"])
        let formAnswer: [String: Any] = ["oneOf": [string(), ["type": "number"], ["type": "array", "items": string()]]]
        let priorities = strings(Priority.allCases.map(\.rawValue))
        let reasons = strings(TandemError.Reason.allCases.map(\.rawValue))
        return feedbackSchemas.merging(surveySchemas) { $1 }.merging(collaborationSchemas) { $1 }.merging(insightSchemas) { $1 }.merging(
            planningSchemas
        ) { $1 }.merging(importSchemas) { $1 }.merging([
            "Error": object(
                [
                    "error": object(
                        [
                            "code": string(), "message": string(), "field": string(), "reason": reasons,
                            "fields": [
                                "type": "array",
                                "items": object(
                                    ["field": string(), "message": string(), "reason": reasons],
                                    required: ["field", "message"]),
                            ],
                        ], required: ["code", "message"]),
                    // A CSV file refused for its rows: the import, with every problem.
                    "import": ["$ref": "#/components/schemas/Import"],
                ], required: ["error"]),
            "SignIn": object(
                ["login": string(["minLength": 1, "maxLength": 64]), "password": string(["minLength": 1, "maxLength": 200])],
                required: ["login", "password"]),
            "SignedIn": object(["person": ["$ref": "#/components/schemas/Person"], "session_token": string()], strict: false),
            "ChangePassword": object(
                ["current_password": string(), "new_password": string(["minLength": 10, "maxLength": 200]), "revoke_tokens": boolean],
                required: ["new_password"]),
            "ResetPassword": object(["new_password": string(["minLength": 10, "maxLength": 200])], required: ["new_password"]),
            "CreateToken": object(
                ["name": string(["maxLength": 100]), "expires_in_days": ["type": "integer", "minimum": 1, "maximum": 3650]],
                required: ["name"]),
            "Department": object(
                [
                    "id": uuid, "name": string(), "code": string(), "parent_id": uuid, "is_provider": boolean, "is_active": boolean,
                    "created_at": string(["format": "date-time"]),
                ],
                required: ["id", "name", "code", "is_provider", "is_active", "created_at"], strict: false),
            "DepartmentInput": object([
                "name": string(["minLength": 1, "maxLength": 100, "pattern": "\\S"]),
                "code": string(["pattern": "^[A-Za-z0-9_-]{1,20}$"]), "parent_id": nullableUUID,
                "is_provider": boolean, "is_active": boolean,
            ]),
            "Person": object(
                [
                    "id": uuid, "login": string(), "display_name": string(), "email": string(), "department_id": uuid,
                    "roles": ["type": "array", "items": strings(Role.allCases.map(\.rawValue))],
                    "language": strings(Language.allCases.map(\.rawValue)), "is_active": boolean, "email_notifications": boolean,
                    "created_at": string(["format": "date-time"]),
                ],
                strict: false),
            "PersonInput": object([
                "login": string(["pattern": "^[A-Za-z0-9._-]{2,64}$"]),
                "display_name": string(["minLength": 1, "maxLength": 100, "pattern": "\\S"]),
                "email": ["type": ["string", "null"], "format": "email"],
                "department_id": uuid, "roles": ["type": "array", "items": strings(Role.allCases.map(\.rawValue))],
                "language": strings(Language.allCases.map(\.rawValue)), "is_active": boolean, "email_notifications": boolean,
                "password": string(["minLength": 10, "maxLength": 200]),
            ]),
            "Offering": object([
                "provider_id": uuid, "name": string(["minLength": 1, "maxLength": 200, "pattern": "\\S"]),
                "kind": strings(NeedKind.allCases.map(\.rawValue)),
                "description": string(["maxLength": 10000]),
                "audience": ["oneOf": [strings(["everyone"]), ["type": "array", "items": uuid]]],
                "default_assignee_ids": ["type": "array", "items": uuid], "form_fields": ["type": "array", "items": formField],
                "confidential_by_default": boolean, "is_active": boolean,
            ]),
            "RaiseNeed": object(
                [
                    "title": string(["minLength": 1, "maxLength": NeedRules.titleLimit, "pattern": "\\S"]),
                    "description": string(["maxLength": NeedRules.descriptionLimit]),
                    "kind": strings(NeedKind.allCases.map(\.rawValue)), "providing_department_id": uuid, "offering_id": uuid,
                    "urgency": strings(Urgency.allCases.map(\.rawValue)), "importance": strings(Importance.allCases.map(\.rawValue)),
                    "effort_hours": ["type": "number", "minimum": 0, "maximum": NeedRules.effortLimit],
                    "desired_date": string(["format": "date"]),
                    "strategic_goal_id": uuid, "is_confidential": boolean,
                    "form": ["type": "object", "additionalProperties": formAnswer],
                ], required: ["title"]),
            "NeedPatch": object([
                "title": string(["maxLength": NeedRules.titleLimit]), "description": string(["maxLength": NeedRules.descriptionLimit]),
                "desired_date": ["type": ["string", "null"], "format": "date"],
                "form": ["type": "object", "additionalProperties": formAnswer],
                "urgency": strings(Urgency.allCases.map(\.rawValue)), "importance": strings(Importance.allCases.map(\.rawValue)),
                "effort_hours": ["type": ["number", "null"], "minimum": 0, "maximum": NeedRules.effortLimit],
                "strategic_goal_id": nullableUUID, "is_confidential": boolean,
            ]),
            "Need": object(
                [
                    "id": uuid, "number": string(["pattern": "^N-[0-9]{4}-[0-9]{6,}$"]), "title": string(), "description": string(),
                    "kind": strings(NeedKind.allCases.map(\.rawValue)), "status": strings(NeedStatus.allCases.map(\.rawValue)),
                    "priority": priorities, "requester_id": uuid, "requesting_department_id": uuid, "providing_department_id": uuid,
                    "assignee_ids": ["type": "array", "items": uuid], "is_confidential": boolean, "version": ["type": "integer"],
                    "follower_ids": ["type": "array", "items": uuid], "merged_into_id": nullableUUID,
                    "available_actions": ["type": "array", "items": strings(NeedAction.allCases.map(\.rawValue))],
                ], required: ["id", "number", "title", "status", "priority"], strict: false),
            "Merge": object(["into": string(["minLength": 1, "maxLength": 100])], required: ["into"]),
            "MergeResult": object(
                ["merged": ["$ref": "#/components/schemas/Need"], "into": ["$ref": "#/components/schemas/Need"]],
                required: ["merged", "into"]),
            "Transition": object(
                ["action": strings(NeedAction.allCases.map(\.rawValue)), "reply": string(["maxLength": 20000])],
                required: ["action"]),
            "Assignees": object(["assignee_ids": ["type": "array", "items": uuid, "maxItems": 20]], required: ["assignee_ids"]),
            "Comment": object(["body": string(["maxLength": 20000]), "visibility": strings(["public", "internal"])], required: ["body"]),
            "ICS": string(["description": "an iCalendar file"]),
            "BusinessCalendar": object(
                [
                    "name": string(["maxLength": 100]), "time_zone": string(),
                    "weekly_hours": [
                        "type": "object", "propertyNames": strings(Weekday.allCases.map(\.name)),
                        "additionalProperties": ["type": "array", "items": string(["pattern": "^[0-9]{2}:[0-9]{2}-[0-9]{2}:[0-9]{2}$"])],
                    ],
                    "holidays": ["type": "object", "additionalProperties": string()],
                    "make_up_workdays": ["type": "object", "additionalProperties": strings(Weekday.allCases.map(\.name))],
                ], required: ["name", "time_zone", "weekly_hours"]),
            "ServiceLevelPolicy": object(
                [
                    "mode": strings(["business", "calendar"]),
                    "targets": [
                        "type": "object", "propertyNames": priorities,
                        "additionalProperties": object([
                            "first_response_minutes": ["type": ["integer", "null"], "minimum": 1],
                            "resolution_minutes": ["type": ["integer", "null"], "minimum": 1],
                        ]),
                    ],
                    "pausing_statuses": ["type": "array", "items": strings(NeedStatus.allCases.map(\.rawValue))],
                    "warning_percent": ["type": "integer", "minimum": 1, "maximum": 99], "raise_priority_on_breach": boolean,
                ], required: ["mode", "targets"]),
            "ServiceLevelClock": object(["first_response": ["type": "object"], "resolution": ["type": "object"]], strict: false),
            "Inbox": object(
                [
                    "items": [
                        "type": "array",
                        "items": object(
                            [
                                "id": uuid, "person_id": uuid, "need_id": uuid, "event_id": uuid,
                                "kind": strings(NotificationKind.allCases.map(\.rawValue)),
                                "actor_id": uuid, "detail": string(), "created_at": string(["format": "date-time"]),
                                "read_at": string(["format": "date-time"]), "need_number": string(), "need_title": string(),
                                "text": string(),
                                "subject_id": uuid, "path": string(["pattern": "^/"]),
                            ], required: ["id", "kind", "created_at", "text", "path"], strict: false),
                    ],
                    "unread_count": ["type": "integer", "minimum": 0], "unread_more": boolean,
                ], required: ["items", "unread_count"]),
            "ReadNotifications": object(["ids": ["type": "array", "items": uuid]]),
            "ChannelInput": object([
                "kind": strings(NotificationChannel.Kind.allCases.map(\.rawValue)),
                "name": string(["minLength": 1, "maxLength": 100, "pattern": "\\S"]),
                "url": string(["pattern": "^https?://[^/\\s]+"]), "secret": ["type": ["string", "null"], "maxLength": 500],
                "events": ["type": "array", "items": strings(NotificationChannel.departmentKinds.map(\.rawValue))],
                "language": strings(Language.allCases.map(\.rawValue)), "is_active": boolean,
            ]),
            "Channel": object(
                [
                    "id": uuid, "department_id": uuid, "kind": strings(NotificationChannel.Kind.allCases.map(\.rawValue)), "name": string(),
                    "url": string(), "has_secret": boolean, "events": ["type": "array", "items": string()],
                    "language": strings(Language.allCases.map(\.rawValue)), "is_active": boolean,
                    "created_at": string(["format": "date-time"]),
                ], required: ["id", "department_id", "kind", "name", "url", "has_secret", "events", "language", "is_active"], strict: false),
            "Job": object(
                [
                    "id": uuid, "kind": string(), "payload": string(), "state": strings(Job.State.allCases.map(\.rawValue)),
                    "attempts": ["type": "integer"], "max_attempts": ["type": "integer"], "run_at": string(["format": "date-time"]),
                    "locked_until": ["type": ["string", "null"], "format": "date-time"], "last_error": ["type": ["string", "null"]],
                    "created_at": string(["format": "date-time"]), "updated_at": string(["format": "date-time"]),
                    "finished_at": ["type": ["string", "null"], "format": "date-time"],
                ], required: ["id", "kind", "payload", "state", "attempts", "max_attempts", "run_at", "created_at", "updated_at"],
                strict: false),
            "JobList": object(
                [
                    "items": ["type": "array", "items": ["$ref": "#/components/schemas/Job"]],
                    "counts": ["type": "object", "additionalProperties": ["type": "integer"]],
                ],
                required: ["items", "counts"]),
            "DirectorySync": object(["dry_run": boolean]),
            "DirectorySyncRun": object(
                [
                    "id": uuid, "provider": string(), "started_at": string(["format": "date-time"]),
                    "finished_at": string(["format": "date-time"]), "outcome": strings(DirectorySyncRun.Outcome.allCases.map(\.rawValue)),
                    "department_counts": ["type": "object", "additionalProperties": ["type": "integer"]],
                    "person_counts": ["type": "object", "additionalProperties": ["type": "integer"]],
                    "lines": ["type": "array", "items": ["$ref": "#/components/schemas/DirectorySyncLine"]],
                    "flags": ["type": "array", "items": ["$ref": "#/components/schemas/DirectorySyncLine"]],
                    "error": ["type": ["string", "null"]],
                ],
                required: [
                    "id", "provider", "started_at", "finished_at", "outcome", "department_counts", "person_counts", "lines", "flags",
                ],
                strict: false),
            "DirectorySyncLine": object(
                [
                    "record": strings(["department", "person"]), "actions": ["type": "array", "items": string()], "name": string(),
                    "place": ["type": ["string", "null"]],
                ], required: ["record", "actions", "name"], strict: false),
            "DirectorySyncRunList": object(
                ["items": ["type": "array", "items": ["$ref": "#/components/schemas/DirectorySyncRun"]]], required: ["items"]),
            "PrivacySetting": object(
                ["minimum_group": ["type": "integer", "minimum": MinimumGroup.floor, "maximum": 1000]], required: ["minimum_group"]),
            "Privacy": object(["minimum_group": ["type": "integer"], "floor": ["type": "integer"]], required: ["minimum_group", "floor"]),
            "PriorityMatrix": object(
                [
                    "cells": [
                        "type": "array", "minItems": 4, "maxItems": 4,
                        "items": ["type": "array", "minItems": 4, "maxItems": 4, "items": priorities],
                    ]
                ],
                required: ["cells"]),
        ]) { $1 }
    }

    // MARK: the document

    static var document: OpenAPIJSON {
        var paths: [String: [String: Any]] = [:]
        for operation in operations {
            let openAPIPath = operation.path.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
                .joined(separator: "/")
            var parameters: [[String: Any]] = operation.path.split(separator: "/").filter { $0.hasPrefix(":") }.map {
                ["name": String($0.dropFirst()), "in": "path", "required": true, "schema": string()]
            }
            parameters += operation.query.map { ["name": $0, "in": "query", "required": false, "schema": string()] }
            var entry: [String: Any] = [
                "summary": operation.documentedSummary, "tags": [operation.tag],
                "operationId": operation.method.lowercased() + operationName(operation.path),
                "responses": responses(operation),
            ]
            if !parameters.isEmpty { entry["parameters"] = parameters }
            if operation.audience == .anyone { entry["security"] = [] as [Any] }
            if let body = operation.body {
                entry["requestBody"] = [
                    "required": true, "content": [operation.mediaType: ["schema": ["$ref": "#/components/schemas/\(body)"]]],
                ]
            }
            paths["/" + openAPIPath, default: [:]][operation.method.lowercased()] = entry
        }
        return OpenAPIJSON(value: [
            "openapi": "3.1.0",
            "info": [
                "title": "Tandem API", "version": "1.0.0",
                "description": "Internal customer needs (内部客户需求): raise, route, serve and measure what departments need from each other.",
            ],
            "servers": [["url": "/"]],
            "components": [
                "schemas": schemas,
                "securitySchemes": [
                    "token": ["type": "http", "scheme": "bearer", "description": "A personal API token (tdm_…)"],
                    "session": ["type": "apiKey", "in": "cookie", "name": "tandem_session"],
                ],
            ],
            "security": [["token": []], ["session": []]],
            "paths": paths,
        ])
    }

    static func responses(_ operation: Operation) -> [String: Any] {
        let error: [String: Any] = ["content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]]
        var success: [String: Any] = ["description": "success"]
        if let response = operation.response {
            success["content"] = ["application/json": ["schema": ["$ref": "#/components/schemas/\(response)"]]]
        }
        var result: [String: Any] = ["\(operation.success)": success]
        for (status, description) in [
            ("400", "bad request"), ("401", "not signed in"), ("403", "not allowed"), ("404", "not found"),
            ("409", "conflict"), ("422", "invalid input"), ("429", "too many attempts"), ("503", "database unavailable"),
        ] {
            result[status] = error.merging(["description": description]) { $1 }
        }
        return result
    }

    static func operationName(_ path: String) -> String {
        path.replacingOccurrences(of: "/api/v1", with: "").split(whereSeparator: { "/-.".contains($0) })
            .map {
                $0.hasPrefix(":")
                    ? "By" + $0.dropFirst().prefix(1).uppercased() + $0.dropFirst(2) : $0.prefix(1).uppercased() + $0.dropFirst()
            }
            .joined()
    }
}

/// The document as built from dictionaries and arrays; serialised by JSONSerialization so that
/// its keys stay exactly as written (the API encoder would snake_case them).
struct OpenAPIJSON: @unchecked Sendable {
    // NB: @unchecked because [String: Any] holds only immutable JSON values built once.
    let value: [String: Any]

    var data: Data {
        (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
    }
}
