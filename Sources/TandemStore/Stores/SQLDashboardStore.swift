import Foundation
import SQLKit
import TandemCore

/// Dashboard figures counted in SQL, one pass over the window's needs per question (what was
/// raised, what was resolved, what was rated, what is open), and their snapshots in
/// `dashboard_snapshots`.
public struct SQLDashboardStore: DashboardStore {
    let database: StoreDatabase

    public init(_ database: StoreDatabase) { self.database = database }

    public func compute(_ view: DashboardView, window: DashboardWindow) async throws -> DashboardFigures {
        let scope = view.scope
        let scoped = Self.filter(view)
        let start = window.start
        var months = window.months.map { DashboardFigures.Span(start: $0.label) }
        var weeks = window.weeks.map { DashboardFigures.Span(start: $0.label) }
        /// Applies `change` to the month and week a row's bucket numbers name (-1: none).
        func add(month: Int, week: Int, _ change: (inout DashboardFigures.Span) -> Void) {
            if months.indices.contains(month) { change(&months[month]) }
            if weeks.indices.contains(week) { change(&weeks[week]) }
        }
        return try await database.readAlone { sql in
            struct KindRow: Decodable { var kind: String; var status: String; var count: Int }
            let kinds = try await sql.raw(
                """
                SELECT kind, status, COUNT(*) AS count FROM needs WHERE created_at >= \(bind: start) AND \(scoped) GROUP BY kind, status
                """
            ).all(decoding: KindRow.self).compactMap { row -> DashboardFigures.KindVolume? in
                guard let kind = NeedKind(rawValue: row.kind), let status = NeedStatus(rawValue: row.status) else { return nil }
                return .init(kind: kind, status: status, count: row.count)
            }
            struct PairRow: Decodable {
                var requesting_department_id: UUID; var providing_department_id: UUID; var status: String; var count: Int
            }
            var pairCounts: [[UUID]: [Int]] = [:]
            for row in try await sql.raw(
                """
                SELECT requesting_department_id, providing_department_id, status, COUNT(*) AS count FROM needs
                WHERE created_at >= \(bind: start) AND \(scoped) GROUP BY requesting_department_id, providing_department_id, status
                """
            ).all(decoding: PairRow.self) {
                guard let status = NeedStatus(rawValue: row.status),
                    let group = DashboardFigures.statusGroups.firstIndex(where: { $0.statuses.contains(status) })
                else { continue }
                pairCounts[
                    [row.requesting_department_id, row.providing_department_id],
                    default: [Int](repeating: 0, count: DashboardFigures.statusGroups.count)][group] += row.count
            }
            let pairs = pairCounts.map { key, counts in
                DashboardFigures.PairVolume(requestingDepartmentID: .init(key[0]), providingDepartmentID: .init(key[1]), counts: counts)
            }.sorted { ($0.requestingDepartmentID, $0.providingDepartmentID) < ($1.requestingDepartmentID, $1.providingDepartmentID) }

            struct RaisedRow: Decodable {
                var month: Int; var week: Int; var raised: Int; var response_met: Int?; var response_decided: Int; var resolution_met: Int?
                var resolution_decided: Int; var response_seconds: Double?; var response_count: Int; var resolution_seconds: Double?;
                var resolution_count: Int
            }
            let raised = try await sql.raw(
                """
                SELECT \(Self.bucket("created_at", window.months)) AS month, \(Self.bucket("created_at", window.weeks)) AS week, COUNT(*) AS raised,
                  SUM(CASE WHEN response_met THEN 1 ELSE 0 END) AS response_met, COUNT(response_met) AS response_decided,
                  SUM(CASE WHEN resolution_met THEN 1 ELSE 0 END) AS resolution_met, COUNT(resolution_met) AS resolution_decided,
                  SUM(response_seconds) AS response_seconds, COUNT(response_seconds) AS response_count,
                  SUM(resolution_seconds) AS resolution_seconds, COUNT(resolution_seconds) AS resolution_count
                FROM needs WHERE created_at >= \(bind: start) AND \(scoped) GROUP BY 1, 2
                """
            ).all(decoding: RaisedRow.self)
            for row in raised {
                add(month: row.month, week: row.week) { span in
                    span.raised += row.raised
                    span.responseMet += row.response_met ?? 0
                    span.responseDecided += row.response_decided
                    span.resolutionMet += row.resolution_met ?? 0
                    span.resolutionDecided += row.resolution_decided
                    span.responseSeconds += row.response_seconds ?? 0
                    span.responseCount += row.response_count
                    span.resolutionSeconds += row.resolution_seconds ?? 0
                    span.resolutionCount += row.resolution_count
                }
            }

            struct ResolvedRow: Decodable { var month: Int; var week: Int; var resolved: Int }
            for row in try await sql.raw(
                """
                SELECT \(Self.bucket("resolved_at", window.months)) AS month, \(Self.bucket("resolved_at", window.weeks)) AS week, COUNT(*) AS resolved
                FROM needs WHERE resolved_at >= \(bind: start) AND \(scoped) GROUP BY 1, 2
                """
            ).all(decoding: ResolvedRow.self) {
                add(month: row.month, week: row.week) { $0.resolved += row.resolved }
            }

            struct RatingRow: Decodable { var month: Int; var week: Int; var score: Int; var count: Int }
            var ratings = [Int](repeating: 0, count: 5)
            for row in try await sql.raw(
                """
                SELECT \(Self.bucket("need_ratings.rated_at", window.months)) AS month, \(Self.bucket("need_ratings.rated_at", window.weeks)) AS week,
                  need_ratings.score AS score, COUNT(*) AS count
                FROM need_ratings JOIN needs ON needs.id = need_ratings.need_id
                WHERE need_ratings.rated_at >= \(bind: start) AND \(scoped) GROUP BY 1, 2, 3
                """
            ).all(decoding: RatingRow.self) {
                add(month: row.month, week: row.week) { span in
                    span.ratingSum += row.score * row.count
                    span.ratingCount += row.count
                }
                if (1...5).contains(row.score) { ratings[row.score - 1] += row.count }
            }

            struct AgeRow: Decodable { var bucket: Int; var count: Int }
            var backlog = [Int](repeating: 0, count: DashboardWindow.ageBuckets.count + 1)
            let open = NeedStatus.allCases.filter(\.isOpen).map(\.rawValue)
            for row in try await sql.raw(
                """
                SELECT \(Self.ageBucket(now: window.now)) AS bucket, COUNT(*) AS count FROM needs
                WHERE status IN (\(binds: open)) AND \(scoped) GROUP BY 1
                """
            ).all(decoding: AgeRow.self) where backlog.indices.contains(row.bucket) {
                backlog[row.bucket] += row.count
            }
            return DashboardFigures(
                scope: scope.key, computedAt: window.now, windowStart: window.months.first?.label ?? CalendarDate(start, in: .gmt),
                kinds: kinds, pairs: pairs, weeks: weeks, months: months, backlog: backlog, ratings: ratings)
        }
    }

    /// The needs a view counts (columns qualified: some queries join the ratings).
    static func filter(_ view: DashboardView) -> SQLQueryString {
        switch view.audience {
        case .everything: return filter(view.scope)
        case .published: return "(" + filter(view.scope) + " AND needs.is_confidential = \(bind: false))"
        }
    }

    static func filter(_ scope: DashboardScope) -> SQLQueryString {
        switch scope {
        case .company: return "1 = 1"
        case .department(let id, .provider): return "needs.providing_department_id = \(bind: id.rawValue)"
        case .department(let id, .requester): return "needs.requesting_department_id = \(bind: id.rawValue)"
        case .person(let id):
            return """
                (needs.requester_id = \(bind: id.rawValue) OR EXISTS (SELECT 1 FROM need_assignees da WHERE da.need_id = needs.id \
                AND da.person_id = \(bind: id.rawValue)))
                """
        }
    }

    /// The index of the span a time falls in, -1 outside them all.
    static func bucket(_ column: String, _ spans: [DashboardWindow.ClosedOpen]) -> SQLQueryString {
        var expression: SQLQueryString = "CASE"
        for (index, span) in spans.enumerated() {
            expression +=
                " WHEN \(unsafeRaw: column) >= \(bind: span.start) AND \(unsafeRaw: column) < \(bind: span.end) THEN \(literal: index)"
        }
        return expression + " ELSE -1 END"
    }

    /// The age bucket of an open need (`DashboardWindow.ageBuckets`), from its creation.
    static func ageBucket(now: Date) -> SQLQueryString {
        var expression: SQLQueryString = "CASE"
        for (index, age) in DashboardWindow.ageBuckets.enumerated() {
            expression += " WHEN created_at > \(bind: now.addingTimeInterval(-age)) THEN \(literal: index)"
        }
        return expression + " ELSE \(literal: DashboardWindow.ageBuckets.count) END"
    }

    public func snapshot(of view: DashboardView) async throws -> DashboardFigures? {
        struct Row: Decodable { var figures: String }
        return try await database.read { sql in
            try await sql.select().column("figures").from("dashboard_snapshots").where("scope", .equal, view.key)
                .firstRow(Row.self).map { try JSONText.decode(DashboardFigures.self, from: $0.figures) }
        }
    }

    public func save(_ figures: DashboardFigures, of view: DashboardView) async throws {
        let text = try JSONText.encode(figures)
        try await database.write { sql in
            try await sql.raw(
                """
                INSERT INTO dashboard_snapshots (scope, computed_at, figures, refresh_requested_at)
                VALUES (\(bind: view.key), \(bind: figures.computedAt.storable), \(bind: text), NULL)
                ON CONFLICT (scope) DO UPDATE SET computed_at = excluded.computed_at, figures = excluded.figures, refresh_requested_at = NULL
                """
            ).run()
        }
    }

    public func claimRefresh(of view: DashboardView, at now: Date, unlessAfter since: Date) async throws -> Bool {
        try await database.write { sql in
            try await sql.update("dashboard_snapshots").set("refresh_requested_at", to: now.storable)
                .where("scope", .equal, view.key)
                .where { $0.where("refresh_requested_at", .is, SQLLiteral.null).orWhere("refresh_requested_at", .lessThan, since.storable) }
                .runCountingRows() == 1
        }
    }
}
