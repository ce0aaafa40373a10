import Foundation
import SQLKit
import TandemCore

/// What scorecards read: the needs' stored outcomes (kept by the service-level refresh) and their
/// ratings — of the needs that count in the reader's figures (`NeedVisibility.countsInFigures`).
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

    public func scoredNeeds(
        provider: Department.ID, requester: Department.ID?, raisedIn interval: DateInterval,
        visibility: NeedVisibility
    ) async throws -> [ScoredNeed] {
        try await database.read { sql in
            var select = sql.select()
                .columns(
                    [
                        "id", "requesting_department_id", "providing_department_id", "created_at", "status", "response_seconds",
                        "resolution_seconds", "response_met", "resolution_met",
                    ].map { SQLColumn($0, table: "needs") }
                )
                .column(SQLColumn("score", table: "need_ratings"))
                .from("needs")
                .join(
                    "need_ratings", method: SQLJoinMethod.left, on: SQLColumn("need_id", table: "need_ratings"), .equal,
                    SQLColumn("id", table: "needs")
                )
                .where(SQLColumn("providing_department_id", table: "needs"), .equal, SQLBind(provider.rawValue))
                .where(SQLColumn("created_at", table: "needs"), .greaterThanOrEqual, SQLBind(interval.start.storable))
                .where(SQLColumn("created_at", table: "needs"), .lessThan, SQLBind(interval.end.storable))
            if let requester {
                select = select.where(SQLColumn("requesting_department_id", table: "needs"), .equal, SQLBind(requester.rawValue))
            }
            if let counted = VisibilityFilter(visibility: visibility).counted { select = select.where(counted) }
            return try await select.allRows(Row.self).map { row in
                ScoredNeed(
                    needID: .init(row.id), requestingDepartmentID: .init(row.requesting_department_id),
                    providingDepartmentID: .init(row.providing_department_id), createdAt: row.created_at,
                    status: NeedStatus(rawValue: row.status) ?? .new,
                    outcome: ServiceLevelOutcome(
                        responseSeconds: row.response_seconds, resolutionSeconds: row.resolution_seconds,
                        responseMet: row.response_met, resolutionMet: row.resolution_met),
                    ratingScore: row.score)
            }
        }
    }

    public func tally(
        provider: Department.ID, requester: Department.ID?, raisedIn interval: DateInterval,
        visibility: NeedVisibility
    ) async throws -> ScorecardTally {
        struct Share: Decodable {
            var department: UUID
            var volume: Int
            var resolved: Int
            var open: Int
            var response_met: Int
            var response_decided: Int
            var resolution_met: Int
            var resolution_decided: Int
            var response_count: Int
            var resolution_count: Int
            var rating_sum: Int?
            var rating_count: Int
        }
        struct Score: Decodable { var score: Int; var count: Int }
        struct Value: Decodable { var value: Double }
        let openStatuses = NeedStatus.allCases.filter(\.isOpen).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return try await database.read { sql in
            var filter: SQLQueryString = """
                needs.providing_department_id = \(bind: provider.rawValue) AND needs.created_at >= \(bind: interval.start.storable) \
                AND needs.created_at < \(bind: interval.end.storable)
                """
            if let requester { filter = filter + " AND needs.requesting_department_id = \(bind: requester.rawValue)" }
            if let counted = VisibilityFilter(visibility: visibility).counted { filter = filter + " AND " + counted }
            let shares = try await sql.raw(
                """
                SELECT needs.requesting_department_id AS department, COUNT(*) AS volume,
                  SUM(CASE WHEN needs.resolution_seconds IS NOT NULL THEN 1 ELSE 0 END) AS resolved,
                  SUM(CASE WHEN needs.status IN (\(unsafeRaw: openStatuses)) THEN 1 ELSE 0 END) AS open,
                  SUM(CASE WHEN needs.response_met THEN 1 ELSE 0 END) AS response_met, COUNT(needs.response_met) AS response_decided,
                  SUM(CASE WHEN needs.resolution_met THEN 1 ELSE 0 END) AS resolution_met, COUNT(needs.resolution_met) AS resolution_decided,
                  COUNT(needs.response_seconds) AS response_count, COUNT(needs.resolution_seconds) AS resolution_count,
                  CAST(SUM(need_ratings.score) AS BIGINT) AS rating_sum, COUNT(need_ratings.score) AS rating_count
                FROM needs LEFT JOIN need_ratings ON need_ratings.need_id = needs.id
                WHERE \(filter) GROUP BY needs.requesting_department_id
                """
            ).all(decoding: Share.self)
            var tally = ScorecardTally()
            for share in shares {
                tally.volume += share.volume
                tally.resolved += share.resolved
                tally.open += share.open
                tally.responseMet += share.response_met
                tally.responseDecided += share.response_decided
                tally.resolutionMet += share.resolution_met
                tally.resolutionDecided += share.resolution_decided
                tally.served[.init(share.department)] = .init(
                    volume: share.volume, ratingSum: share.rating_sum ?? 0, ratingCount: share.rating_count)
            }
            let scores = try await sql.raw(
                """
                SELECT need_ratings.score AS score, COUNT(*) AS count FROM needs JOIN need_ratings ON need_ratings.need_id = needs.id
                WHERE \(filter) GROUP BY need_ratings.score
                """
            ).all(decoding: Score.self)
            for entry in scores where SatisfactionRating.scores.contains(entry.score) { tally.ratingCounts[entry.score - 1] = entry.count }
            // NB: a percentile is the value at its rank (the core says which), read with one ordered, offset row.
            func percentiles(_ column: String, count: Int) async throws -> ScorecardTally.Percentiles {
                func value(at rank: Int?) async throws -> Double? {
                    guard let rank else { return nil }
                    return try await sql.raw(
                        """
                        SELECT needs.\(unsafeRaw: column) AS value FROM needs WHERE \(filter) AND needs.\(unsafeRaw: column) IS NOT NULL
                        ORDER BY needs.\(unsafeRaw: column) LIMIT 1 OFFSET \(unsafeRaw: String(rank - 1))
                        """
                    ).first(decoding: Value.self)?.value
                }
                return .init(
                    count: count, median: try await value(at: ScorecardTally.Percentiles.rank(50, of: count)),
                    p90: try await value(at: ScorecardTally.Percentiles.rank(90, of: count)))
            }
            tally.responseSeconds = try await percentiles("response_seconds", count: shares.map(\.response_count).reduce(0, +))
            tally.resolutionSeconds = try await percentiles("resolution_seconds", count: shares.map(\.resolution_count).reduce(0, +))
            return tally
        }
    }

    public func providerTotals(raisedIn interval: DateInterval, visibility: NeedVisibility) async throws -> [ProviderTotals] {
        Dictionary(grouping: try await pairTotals(raisedIn: interval, visibility: visibility), by: \.providingDepartmentID).map {
            provider, pairs in
            ProviderTotals(
                providerID: provider, resolutionMet: pairs.reduce(0) { $0 + $1.resolutionMet },
                resolutionDecided: pairs.reduce(0) { $0 + $1.resolutionDecided }, ratingSum: pairs.reduce(0) { $0 + $1.ratingSum },
                ratingCount: pairs.reduce(0) { $0 + $1.ratingCount })
        }
    }

    public func pairTotals(raisedIn interval: DateInterval, visibility: NeedVisibility) async throws -> [SupplyChainEdge] {
        struct Totals: Decodable {
            var requesting_department_id: UUID
            var providing_department_id: UUID
            var volume: Int
            var met: Int?
            var decided: Int
            var rating_sum: Int?
            var rating_count: Int
        }
        return try await database.read { sql in
            let query: SQLQueryString = """
                SELECT needs.requesting_department_id AS requesting_department_id, needs.providing_department_id AS providing_department_id,
                       COUNT(*) AS volume, SUM(CASE WHEN needs.resolution_met THEN 1 ELSE 0 END) AS met, COUNT(needs.resolution_met) AS decided,
                       CAST(SUM(need_ratings.score) AS BIGINT) AS rating_sum, COUNT(need_ratings.score) AS rating_count
                FROM needs LEFT JOIN need_ratings ON need_ratings.need_id = needs.id
                WHERE needs.created_at >= \(bind: interval.start.storable) AND needs.created_at < \(bind: interval.end.storable)
                  AND \(SQLQueryString.all([VisibilityFilter(visibility: visibility).counted]))
                GROUP BY needs.requesting_department_id, needs.providing_department_id
                """
            return try await sql.raw(query).all(decoding: Totals.self).map { row in
                SupplyChainEdge(
                    requestingDepartmentID: .init(row.requesting_department_id), providingDepartmentID: .init(row.providing_department_id),
                    volume: row.volume, resolutionMet: row.met ?? 0, resolutionDecided: row.decided, ratingSum: row.rating_sum ?? 0,
                    ratingCount: row.rating_count)
            }
        }
    }
}
