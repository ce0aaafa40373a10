import Foundation
import SQLKit
import TandemCore

/// Improvement plans in `improvement_plans` (their actions are action items).
public struct SQLImprovementPlanStore: ImprovementPlanStore {
    let database: StoreDatabase

    public init(_ database: StoreDatabase) { self.database = database }

    struct Row: Codable, Sendable {
        var id: UUID
        var department_id: UUID
        var title: String
        var description: String
        var source_kind: String
        var source_invitation_id: UUID?
        var need_ids: String
        var target_figure: String?
        var baseline_period: String
        var baseline_value: Double?
        var target_value: Double?
        var status: String
        var created_by: UUID
        var created_at: Date

        init(_ plan: ImprovementPlan) throws {
            id = plan.id.rawValue
            department_id = plan.departmentID.rawValue
            title = plan.title
            description = plan.description
            source_kind = plan.sourceKind.rawValue
            source_invitation_id = plan.sourceInvitationID?.rawValue
            need_ids = try JSONText.encode(plan.needIDs)
            target_figure = plan.targetFigure?.rawValue
            baseline_period = plan.baselinePeriod.description
            baseline_value = plan.baselineValue
            target_value = plan.targetValue
            status = plan.status.rawValue
            created_by = plan.createdBy.rawValue
            created_at = plan.createdAt.storable
        }

        func plan() throws -> ImprovementPlan {
            ImprovementPlan(
                id: .init(id), departmentID: .init(department_id), title: title, description: description,
                sourceKind: .init(rawValue: source_kind) ?? .scorecard, sourceInvitationID: source_invitation_id.map { .init($0) },
                needIDs: try JSONText.decode([Need.ID].self, from: need_ids),
                targetFigure: target_figure.flatMap(ScorecardFigure.init(rawValue:)),
                baselinePeriod: try ReportingPeriod(baseline_period).orThrow(
                    CorruptColumn(column: "baseline_period", value: baseline_period)),
                baselineValue: baseline_value, targetValue: target_value, status: .init(rawValue: status) ?? .open,
                createdBy: .init(created_by),
                createdAt: created_at)
        }
    }

    public func insert(_ plan: ImprovementPlan) async throws {
        let row = try Row(plan)
        try await database.write { sql in try await sql.insertRow(row, into: "improvement_plans") }
    }

    public func update(_ plan: ImprovementPlan) async throws {
        let row = try Row(plan)
        _ = try await database.write { sql in try await sql.updateRow(row, in: "improvement_plans", id: row.id) }
    }

    public func plan(_ id: ImprovementPlan.ID) async throws -> ImprovementPlan? {
        try await database.read { sql in
            try await sql.select().column("*").from("improvement_plans").where("id", .equal, id.rawValue).firstRow(Row.self)?.plan()
        }
    }

    public func plans(of department: Department.ID?) async throws -> [ImprovementPlan] {
        try await database.read { sql in
            var select = sql.select().column("*").from("improvement_plans")
            if let department { select = select.where("department_id", .equal, department.rawValue) }
            return try await select.orderBy("created_at", .descending).limit(500).allRows(Row.self).map { try $0.plan() }
        }
    }
}
