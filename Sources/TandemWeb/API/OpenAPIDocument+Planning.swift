import Foundation
import TandemCore

/// Planning in the OpenAPI document: strategic goals, the planning weights, capacity and plans.
extension OpenAPIDocument {
    static let planningOperations: [Operation] = [
        .init(
            method: "GET", path: "/api/v1/goals", summary: "Strategic goals, with the effort and outcomes of their needs", tag: "planning",
            response: "GoalList"),
        .init(
            method: "POST", path: "/api/v1/goals", summary: "Set a new strategic goal", tag: "planning", body: "GoalInput",
            decodes: PlanningController.GoalBody.self,
            success: 201, response: "Goal", audience: .administrators),
        .init(method: "GET", path: "/api/v1/goals/:goalID", summary: "One goal with its figures", tag: "planning", response: "Goal"),
        .init(
            method: "PATCH", path: "/api/v1/goals/:goalID", summary: "Change a goal", tag: "planning", body: "GoalInput",
            decodes: PlanningController.GoalBody.self,
            response: "Goal", audience: .administrators),
        .init(
            method: "GET", path: "/api/v1/settings/planning-weights", summary: "How the planning score is made", tag: "planning",
            response: "PlanningWeights"),
        .init(
            method: "PUT", path: "/api/v1/settings/planning-weights", summary: "Set the planning score's weights",
            tag: "planning", body: "PlanningWeights", decodes: PlanningController.WeightsBody.self, response: "PlanningWeights",
            audience: .administrators),
        .init(
            method: "GET", path: "/api/v1/departments/:departmentID/capacity/:period",
            summary: "A provider's declared person-days for a period",
            tag: "planning", response: "Capacity"),
        .init(
            method: "PUT", path: "/api/v1/departments/:departmentID/capacity/:period",
            summary: "Declare a provider's person-days for a period (its managers)", tag: "planning", body: "CapacityInput",
            decodes: PlanningController.CapacityBody.self, response: "Capacity"),
        .init(
            method: "GET", path: "/api/v1/departments/:departmentID/plan",
            summary: "The planner's proposal for the period (default: this month), the committed plan and plan against actual",
            tag: "planning", query: ["period"], response: "PlanState"),
        .init(
            method: "POST", path: "/api/v1/departments/:departmentID/plan",
            summary: "Commit the period's plan, with needs pinned in or out (the department's managers)", tag: "planning",
            body: "CommitPlan", decodes: PlanningController.CommitBody.self, success: 201, response: "CommittedPlan"),
    ]

    static var planningSchemas: [String: Any] {
        let date: [String: Any] = ["type": ["string", "null"], "format": "date"]
        let period = string(["pattern": "^[0-9]{4}(-Q[1-4]|-[0-9]{2})?$"])
        let days: [String: Any] = ["type": "number", "minimum": 0]
        let count: [String: Any] = ["type": "integer", "minimum": 0]
        let goalFields: [String: Any] = [
            "title": string(["minLength": 1, "maxLength": 200, "pattern": "\\S"]), "description": string(["maxLength": 5000]),
            "weight": ["type": "integer", "minimum": 0, "maximum": 100], "starts_on": date, "ends_on": date, "is_active": boolean,
        ]
        var goal = goalFields
        goal["id"] = uuid
        goal["figures"] = object(
            [
                "goal_id": uuid, "needs": count, "open": count, "resolved": count, "effort_hours": days, "resolved_effort_hours": days,
                "resolution_met": count, "resolution_decided": count, "rating_sum": count, "rating_count": count,
            ], required: ["goal_id", "needs", "open", "resolved", "effort_hours", "resolved_effort_hours"])
        let weight: [String: Any] = ["type": "number", "minimum": 0, "maximum": 1000]
        let line = object(
            [
                // null on a confidential need the reader may not read, marked "confidential": true
                "need_id": ["type": ["string", "null"], "format": "uuid"], "number": ["type": ["string", "null"]],
                "title": ["type": ["string", "null"]],
                "priority": ["type": ["string", "null"], "enum": Priority.allCases.map(\.rawValue) + [NSNull()]],
                "score": [
                    "oneOf": [
                        ["type": "null"],
                        object(
                            ["priority": ["type": "number"], "goal": ["type": "number"], "age": ["type": "number"]],
                            required: ["priority", "goal", "age"]),
                    ]
                ],
                "confidential": boolean,
                "effort_days": ["type": ["number", "null"]], "decision": strings(["planned", "deferred"]),
                "reason": strings(["no_estimate", "over_capacity", "set_aside"]), "needed_days": days, "left_days": days,
                "pin": ["type": ["string", "null"], "enum": CapacityPlanner.Pin.allCases.map(\.rawValue) + [NSNull()]],
            ], required: ["need_id", "number", "title", "priority", "score", "effort_days", "decision", "pin"])
        let proposal = object(
            ["capacity_days": days, "lines": ["type": "array", "items": line], "planned_days": days, "left_days": ["type": "number"]],
            required: ["capacity_days", "lines", "planned_days", "left_days"])
        let ids: [String: Any] = ["type": "array", "items": uuid]
        let review = object(
            [
                "planned": count, "planned_done": count, "unplanned_done": count, "planned_days": days, "planned_done_days": days,
                "unplanned_done_days": days, "capacity_days": days, "missed": ids, "unplanned": ids,
            ],
            required: [
                "planned", "planned_done", "unplanned_done", "planned_days", "planned_done_days", "unplanned_done_days", "capacity_days",
                "missed", "unplanned",
            ])
        let committed = object(
            [
                "department_id": uuid, "period": period, "proposal": proposal, "committed_at": string(["format": "date-time"]),
                "committed_by": uuid,
            ], required: ["department_id", "period", "proposal", "committed_at", "committed_by"])
        return [
            "GoalInput": object(goalFields),
            "Goal": object(goal, required: ["id", "title", "weight", "is_active", "figures"]),
            "GoalList": object(["items": ["type": "array", "items": ["$ref": "#/components/schemas/Goal"]]], required: ["items"]),
            "PlanningWeights": object(
                [
                    "p1": weight, "p2": weight, "p3": weight, "p4": weight, "goal_factor": weight, "points_per_day": weight,
                    "age_cap": weight,
                    "hours_per_day": ["type": "number", "minimum": 1, "maximum": 24],
                ], required: ["p1", "p2", "p3", "p4", "goal_factor", "points_per_day", "age_cap", "hours_per_day"]),
            "CapacityInput": object(["person_days": ["type": "number", "minimum": 0, "maximum": 100_000]], required: ["person_days"]),
            "Capacity": object(
                ["department_id": uuid, "period": period, "person_days": ["type": ["number", "null"]]],
                required: ["department_id", "period"]),
            "CommitPlan": object(
                [
                    "period": period,
                    "pins": ["type": "object", "additionalProperties": strings(CapacityPlanner.Pin.allCases.map(\.rawValue))],
                ],
                required: ["period"]),
            "CommittedPlan": committed,
            "PlanState": object(
                [
                    "period": period, "proposal": ["oneOf": [proposal, ["type": "null"]]],
                    "committed": ["oneOf": [committed, ["type": "null"]]], "review": ["oneOf": [review, ["type": "null"]]],
                ], required: ["period"]),
        ]
    }
}
