import Foundation
import SQLKit
import TandemCore

/// What scorecards read: the needs' stored outcomes (kept by the service-level refresh) and their ratings.
public struct SQLScorecardStore: ScorecardStore {
    let database: StoreDatabase

    public init(_ database: StoreDatabase) { self.database = database }

    struct Row: Decodable {
        var id: UUID
        var requesting_department_id: UUID
        var providing_department_id: UUID
        var created_at: Date
        var status: String
        var response_seconds: Double?
        var resolution_seconds: Double?
        var response_met: Bool?
        var resolution_met: Bool?
        var score: Int?
    }

    public func scoredNeeds(provider: Department.ID, requester: Department.ID?, raisedIn interval: DateInterval) async throws -> [ScoredNeed] {
        try await database.read { sql in
            var select = sql.select()
                .columns(["id", "requesting_department_id", "providing_department_id", "created_at", "status", "response_seconds",
                          "resolution_seconds", "response_met", "resolution_met"].map { SQLColumn($0, table: "needs") })
                .column(SQLColumn("score", table: "need_ratings"))
                .from("needs")
                .join("need_ratings", method: SQLJoinMethod.left, on: SQLColumn("need_id", table: "need_ratings"), .equal, SQLColumn("id", table: "needs"))
                .where(SQLColumn("providing_department_id", table: "needs"), .equal, SQLBind(provider.rawValue))
                .where(SQLColumn("created_at", table: "needs"), .greaterThanOrEqual, SQLBind(interval.start.storable))
                .where(SQLColumn("created_at", table: "needs"), .lessThan, SQLBind(interval.end.storable))
            if let requester {
                select = select.where(SQLColumn("requesting_department_id", table: "needs"), .equal, SQLBind(requester.rawValue))
            }
            return try await select.allRows(Row.self).map { row in
                ScoredNeed(needID: .init(row.id), requestingDepartmentID: .init(row.requesting_department_id),
                           providingDepartmentID: .init(row.providing_department_id), createdAt: row.created_at,
                           status: NeedStatus(rawValue: row.status) ?? .new,
                           outcome: ServiceLevelOutcome(responseSeconds: row.response_seconds, resolutionSeconds: row.resolution_seconds,
                                                        responseMet: row.response_met, resolutionMet: row.resolution_met),
                           ratingScore: row.score)
            }
        }
    }

    public func providerTotals(raisedIn interval: DateInterval) async throws -> [ProviderTotals] {
        struct Totals: Decodable {
            var providing_department_id: UUID
            var met: Int?
            var decided: Int
            var rating_sum: Int?
            var rating_count: Int
        }
        return try await database.read { sql in
            let query: SQLQueryString = """
                SELECT needs.providing_department_id AS providing_department_id,
                       SUM(CASE WHEN needs.resolution_met THEN 1 ELSE 0 END) AS met, COUNT(needs.resolution_met) AS decided,
                       CAST(SUM(need_ratings.score) AS BIGINT) AS rating_sum, COUNT(need_ratings.score) AS rating_count
                FROM needs LEFT JOIN need_ratings ON need_ratings.need_id = needs.id
                WHERE needs.created_at >= \(bind: interval.start.storable) AND needs.created_at < \(bind: interval.end.storable)
                GROUP BY needs.providing_department_id
                """
            return try await sql.raw(query).all(decoding: Totals.self).map { row in
                ProviderTotals(providerID: .init(row.providing_department_id), resolutionMet: row.met ?? 0, resolutionDecided: row.decided,
                               ratingSum: row.rating_sum ?? 0, ratingCount: row.rating_count)
            }
        }
    }
}
