import Foundation
import SQLKit
import TandemCore

/// Strategic goals in `strategic_goals`, and the figures of the needs linked to them.
public struct SQLGoalStore: GoalStore {
    let database: StoreDatabase

    public init(_ database: StoreDatabase) { self.database = database }

    struct Row: Decodable {
        var id: UUID
        var title: String
        var description: String
        var weight: Int
        var starts_on: String?
        var ends_on: String?
        var is_active: Bool

        var goal: StrategicGoal {
            StrategicGoal(
                id: .init(id), title: title, description: description, weight: weight, startsOn: starts_on.flatMap(CalendarDate.init),
                endsOn: ends_on.flatMap(CalendarDate.init), isActive: is_active)
        }
    }

    static let columns = ["id", "title", "description", "weight", "starts_on", "ends_on", "is_active"]

    public func goal(_ id: StrategicGoal.ID) async throws -> StrategicGoal? {
        try await database.read { sql in
            try await sql.select().columns(Self.columns).from("strategic_goals").where("id", .equal, id.rawValue).firstRow(Row.self)?.goal
        }
    }

    public func goals() async throws -> [StrategicGoal] {
        try await database.read { sql in
            try await sql.select().columns(Self.columns).from("strategic_goals").orderBy("title").allRows(Row.self).map(\.goal)
        }
    }

    public func insert(_ goal: StrategicGoal, at now: Date) async throws {
        try await database.write { sql in
            try await sql.insert(into: "strategic_goals")
                .columns("id", "title", "description", "weight", "starts_on", "ends_on", "is_active", "created_at")
                .values(
                    SQLBind(goal.id.rawValue), SQLBind(goal.title), SQLBind(goal.description), SQLBind(goal.weight),
                    SQLBind(goal.startsOn?.description), SQLBind(goal.endsOn?.description), SQLBind(goal.isActive), SQLBind(now.storable)
                )
                .run()
        }
    }

    public func update(_ goal: StrategicGoal) async throws {
        try await database.write { sql in
            try await sql.update("strategic_goals").set("title", to: goal.title).set("description", to: goal.description)
                .set("weight", to: goal.weight).set("starts_on", to: goal.startsOn?.description).set(
                    "ends_on", to: goal.endsOn?.description
                )
                .set("is_active", to: goal.isActive).where("id", .equal, goal.id.rawValue).run()
        }
    }

    public func figures(visibility: NeedVisibility) async throws -> [GoalFigures] {
        struct Figures: Decodable {
            var goal_id: UUID; var needs: Int; var open: Int?; var resolved: Int?; var effort: Double?; var resolved_effort: Double?
            var met: Int?; var decided: Int; var rating_sum: Int?; var rating_count: Int
        }
        let open = NeedStatus.allCases.filter(\.isOpen).map(\.rawValue)
        return try await database.read { sql in
            try await sql.raw(
                """
                SELECT needs.strategic_goal_id AS goal_id, COUNT(*) AS needs,
                  SUM(CASE WHEN needs.status IN (\(binds: open)) THEN 1 ELSE 0 END) AS open,
                  SUM(CASE WHEN needs.resolved_at IS NOT NULL THEN 1 ELSE 0 END) AS resolved,
                  CAST(SUM(COALESCE(needs.effort_hours, 0)) AS DOUBLE PRECISION) AS effort,
                  CAST(SUM(CASE WHEN needs.resolved_at IS NOT NULL THEN COALESCE(needs.effort_hours, 0) ELSE 0 END) AS DOUBLE PRECISION) AS resolved_effort,
                  SUM(CASE WHEN needs.resolution_met THEN 1 ELSE 0 END) AS met, COUNT(needs.resolution_met) AS decided,
                  CAST(SUM(need_ratings.score) AS BIGINT) AS rating_sum, COUNT(need_ratings.score) AS rating_count
                FROM needs LEFT JOIN need_ratings ON need_ratings.need_id = needs.id
                WHERE needs.strategic_goal_id IS NOT NULL AND \(SQLQueryString.all([VisibilityFilter(visibility: visibility).counted]))
                GROUP BY needs.strategic_goal_id
                """
            ).all(decoding: Figures.self).map {
                GoalFigures(
                    goalID: .init($0.goal_id), needs: $0.needs, open: $0.open ?? 0, resolved: $0.resolved ?? 0, effortHours: $0.effort ?? 0,
                    resolvedEffortHours: $0.resolved_effort ?? 0, resolutionMet: $0.met ?? 0, resolutionDecided: $0.decided,
                    ratingSum: $0.rating_sum ?? 0, ratingCount: $0.rating_count)
            }
        }
    }
}
