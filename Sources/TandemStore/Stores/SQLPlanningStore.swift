import Foundation
import SQLKit
import TandemCore

/// Planning weights (a `settings` entry), capacities in `capacities`, committed plans in
/// `capacity_plans` (the plan as JSON: it is read and written whole).
public struct SQLPlanningStore: PlanningStore {
    let database: StoreDatabase

    public init(_ database: StoreDatabase) { self.database = database }

    static let weightsKey = "planning_weights"

    public func weights() async throws -> PlanningWeights {
        struct Value: Decodable { var value: String }
        let stored = try await database.read { sql in
            try await sql.raw("SELECT value FROM settings WHERE key = \(bind: Self.weightsKey)").firstRow(Value.self)
        }
        return try stored.map { try JSONText.decode(PlanningWeights.self, from: $0.value) } ?? .standard
    }

    public func setWeights(_ weights: PlanningWeights) async throws {
        let text = try JSONText.encode(weights)
        try await database.write { sql in
            try await sql.raw(
                """
                INSERT INTO settings (key, value) VALUES (\(bind: Self.weightsKey), \(bind: text))
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """
            ).run()
        }
    }

    public func capacity(of department: Department.ID, in period: ReportingPeriod) async throws -> Double? {
        struct Row: Decodable { var person_days: Double }
        return try await database.read { sql in
            try await sql.select().column("person_days").from("capacities").where("department_id", .equal, department.rawValue)
                .where("period", .equal, period.description).firstRow(Row.self)?.person_days
        }
    }

    public func setCapacity(_ days: Double, of department: Department.ID, in period: ReportingPeriod) async throws {
        try await database.write { sql in
            try await sql.raw(
                """
                INSERT INTO capacities (department_id, period, person_days) VALUES (\(bind: department.rawValue), \(bind: period.description), \(bind: days))
                ON CONFLICT (department_id, period) DO UPDATE SET person_days = excluded.person_days
                """
            ).run()
        }
    }

    public func candidates(provider: Department.ID) async throws -> [CapacityPlanner.Candidate] {
        let open = NeedStatus.allCases.filter(\.isOpen).map(\.rawValue)
        return try await database.read { sql in
            try await sql.raw(
                """
                SELECT needs.*, CASE WHEN strategic_goals.is_active THEN strategic_goals.weight END AS goal_weight
                FROM needs LEFT JOIN strategic_goals ON strategic_goals.id = needs.strategic_goal_id
                WHERE needs.providing_department_id = \(bind: provider.rawValue) AND needs.status IN (\(binds: open))
                """
            ).all().map { row in
                CapacityPlanner.Candidate(
                    need: try NeedRow(row: row).need(),
                    goalWeight: try row.decodeNil(column: "goal_weight")
                        ? nil : try row.decode(column: "goal_weight", as: Int.self))
            }
        }
    }

    public func commit(_ plan: CommittedPlan) async throws {
        let text = try JSONText.encode(plan)
        try await database.write { sql in
            try await sql.raw(
                """
                INSERT INTO capacity_plans (department_id, period, plan, committed_at, committed_by)
                VALUES (\(bind: plan.departmentID.rawValue), \(bind: plan.period.description), \(bind: text), \(bind: plan.committedAt.storable),
                        \(bind: plan.committedBy.rawValue))
                ON CONFLICT (department_id, period) DO UPDATE SET plan = excluded.plan, committed_at = excluded.committed_at,
                  committed_by = excluded.committed_by
                """
            ).run()
        }
    }

    public func plan(of department: Department.ID, in period: ReportingPeriod) async throws -> CommittedPlan? {
        struct Row: Decodable { var plan: String }
        return try await database.read { sql in
            try await sql.select().column("plan").from("capacity_plans").where("department_id", .equal, department.rawValue)
                .where("period", .equal, period.description).firstRow(Row.self).map {
                    try JSONText.decode(CommittedPlan.self, from: $0.plan)
                }
        }
    }

    public func resolved(provider: Department.ID, in interval: DateInterval) async throws -> [Need] {
        try await database.read { sql in
            try await sql.select().column("*").from("needs").where("providing_department_id", .equal, provider.rawValue)
                .where("resolved_at", .greaterThanOrEqual, interval.start).where("resolved_at", .lessThan, interval.end)
                .all().map { try NeedRow(row: $0).need() }
        }
    }

    public func needs(_ ids: [Need.ID]) async throws -> [Need] {
        try await database.read { sql in try await NeedRow.needs(ids, sql) }
    }
}
