import Foundation
import SQLKit
import TandemCore

/// A need with everything recorded about it, written as it stands (a dataset, an import).
public struct BulkNeed: Sendable {
    public var need: Need
    public var events: [NeedEvent]
    public var comments: [NeedComment]
    public var rating: SatisfactionRating?
    public var deadlines: ServiceLevelDeadlines?
    public var outcome: ServiceLevelOutcome?

    public init(
        need: Need, events: [NeedEvent], comments: [NeedComment] = [], rating: SatisfactionRating? = nil,
        deadlines: ServiceLevelDeadlines? = nil, outcome: ServiceLevelOutcome? = nil
    ) {
        self.need = need
        self.events = events
        self.comments = comments
        self.rating = rating
        self.deadlines = deadlines
        self.outcome = outcome
    }
}

/// Writes many needs at once: one transaction per batch, multi-row INSERTs of a few hundred rows
/// (each database's limit on bound values allows it), the search index filled in the same
/// transaction. The numbers are the caller's; `continueNumbering` then moves each year's
/// counter (SQLite) or sequence (PostgreSQL) past the highest one written.
public struct BulkNeedLoader: Sendable {
    let database: StoreDatabase

    public init(_ database: StoreDatabase) { self.database = database }

    /// Rows per INSERT statement.
    static let rowsPerStatement = 400

    public func load(_ batch: [BulkNeed]) async throws {
        guard !batch.isEmpty else { return }
        let dialect = database.dialect
        try await database.write { sql in
            for chunk in batch.chunked(Self.rowsPerStatement) {
                try await sql.insert(into: "needs").models(try chunk.map(ServedNeedRow.init), nilEncodingStrategy: .asNil).run()
                let assignees = chunk.flatMap { item in item.need.assigneeIDs.enumerated().map { (item.need.id, $1, $0) } }
                if !assignees.isEmpty {
                    var insert = sql.insert(into: "need_assignees").columns("need_id", "person_id", "position")
                    for (need, person, position) in assignees {
                        insert = insert.values(SQLBind(need.rawValue), SQLBind(person.rawValue), SQLBind(position))
                    }
                    try await insert.run()
                }
                let comments = chunk.flatMap(\.comments).map(NeedCommentRow.init)
                for rows in comments.chunked(Self.rowsPerStatement) {
                    try await sql.insert(into: "need_comments").models(Array(rows), nilEncodingStrategy: .asNil).run()
                }
                let events = try chunk.flatMap { item in
                    try item.events.enumerated().map { try NeedEventRow($1, needVersion: $0 + 1, ordinal: 0) }
                }
                for rows in events.chunked(Self.rowsPerStatement) {
                    try await sql.insert(into: "need_events").models(Array(rows), nilEncodingStrategy: .asNil).run()
                }
                let ratings = chunk.compactMap(\.rating).map(SQLSatisfactionStore.RatingRow.init)
                if !ratings.isEmpty { try await sql.insert(into: "need_ratings").models(ratings, nilEncodingStrategy: .asNil).run() }
                try await NeedSearchIndex.insert(chunk.map { ($0.need, $0.comments) }, dialect: dialect, sql)
            }
        }
    }

    /// Moves the numbering of each year past the highest number written.
    public func continueNumbering(after highest: [Int: Int]) async throws {
        for (year, last) in highest {
            switch database.dialect {
            case .sqlite:
                try await database.write { sql in
                    try await sql.raw(
                        """
                        INSERT INTO need_number_sequences (year, last_value) VALUES (\(bind: year), \(bind: last))
                        ON CONFLICT (year) DO UPDATE SET last_value = MAX(last_value, excluded.last_value)
                        """
                    ).run()
                }
            case .postgres:
                let name = SQLNeedStore.sequenceName(year)
                try await database.write { sql in
                    try await sql.raw("CREATE SEQUENCE IF NOT EXISTS \(unsafeRaw: name)").run()
                    try await sql.raw(
                        "SELECT setval('\(unsafeRaw: name)', GREATEST(\(bind: last), (SELECT last_value FROM \(unsafeRaw: name))))"
                    ).run()
                }
            }
        }
    }
}

/// A need row with its stored service-level deadlines and outcome.
struct ServedNeedRow: Encodable {
    struct ServiceColumns: Encodable {
        var response_due_at: Date?
        var resolution_due_at: Date?
        var resolution_warning_at: Date?
        var sla_check_at: Date?
        var response_seconds: Double?
        var resolution_seconds: Double?
        var response_met: Bool?
        var resolution_met: Bool?
    }

    var need: NeedRow
    var service: ServiceColumns

    init(_ item: BulkNeed) throws {
        need = try NeedRow(item.need)
        service = ServiceColumns(
            response_due_at: item.deadlines?.responseDueAt?.storable, resolution_due_at: item.deadlines?.resolutionDueAt?.storable,
            resolution_warning_at: item.deadlines?.resolutionWarningAt?.storable, sla_check_at: item.deadlines?.checkAt?.storable,
            response_seconds: item.outcome?.responseSeconds, resolution_seconds: item.outcome?.resolutionSeconds,
            response_met: item.outcome?.responseMet, resolution_met: item.outcome?.resolutionMet)
    }

    func encode(to encoder: any Encoder) throws {
        try need.encode(to: encoder)
        try service.encode(to: encoder)
    }
}
