import Foundation
import SQLKit
import TandemCore
import TandemSQLite

/// Needs, their assignees, events, comments and attachments in SQL. Every write is one
/// transaction: the need row, its assignees and its new events never part.
public struct SQLNeedStore: NeedStore {
    let database: StoreDatabase

    public init(_ database: StoreDatabase) { self.database = database }

    public func create(year: Int, _ build: @escaping @Sendable (NeedNumber) throws -> NeedWrite) async throws -> Need {
        if database.dialect == .postgres { try await ensureSequence(year: year) }
        return try await database.write { [dialect = database.dialect] sql in
            try await Self.insert(year: year, build, dialect: dialect, sql)
        }
    }

    /// Numbers a new need in `year` and writes it whole, within the caller's transaction.
    static func insert(year: Int, _ build: (NeedNumber) throws -> NeedWrite, dialect: StoreDatabase.Dialect, _ sql: any SQLDatabase)
        async throws -> Need
    {
        let sequence = dialect == .postgres ? try await nextValue(year: year, sql) : try await allocateSequence(year: year, sql)
        let write = try build(NeedNumber(year: year, sequence: sequence))
        try await sql.insertRow(try NeedRow(write.need), into: "needs")
        try await writeDetails(write, writingAssignees: true, writingFollowers: true, sql)
        try await NeedSearchIndex.insert([(write.need, write.comments)], dialect: dialect, sql)
        return write.need
    }

    public func apply(_ write: NeedWrite, over previous: Need) async throws {
        try await apply([(write, previous)])
    }

    public func apply(_ writes: [(write: NeedWrite, previous: Need)]) async throws {
        let rows = try writes.map { try NeedRow($0.write.need) }
        try await database.write { [dialect = database.dialect] sql in
            for ((write, previous), row) in zip(writes, rows) {
                let changed = try await sql.update("needs")
                    .set(model: row, nilEncodingStrategy: .asNil)
                    .where("id", .equal, row.id).where("version", .equal, previous.version)
                    .runCountingRows()
                guard changed == 1 else { throw TandemError(.conflict, "the need was changed meanwhile; reload and try again") }
                // NB: most changes (replies, steps) leave the assignees alone; rewrite them only when they moved.
                let assigneesChanged = write.need.assigneeIDs != previous.assigneeIDs
                if assigneesChanged { try await sql.delete(from: "need_assignees").where("need_id", .equal, row.id).run() }
                let followersChanged = write.need.followerIDs != previous.followerIDs
                if followersChanged { try await sql.delete(from: "need_followers").where("need_id", .equal, row.id).run() }
                try await Self.writeDetails(write, writingAssignees: assigneesChanged, writingFollowers: followersChanged, sql)
                try await NeedSearchIndex.update(write, over: previous, dialect: dialect, sql)
            }
        }
    }

    // NB: on PostgreSQL numbers come from one SEQUENCE per year: `nextval` takes no row lock,
    // so concurrent creators do not queue behind each other (a counter row did: 16 connections
    // raised fewer needs per second than 2). A rolled-back creation leaves a gap, never a
    // duplicate. On SQLite the single writer orders everything and a counter row is enough.

    static func sequenceName(_ year: Int) -> String { "need_number_\(year)" }

    /// Creates the year's sequence once per process (another instance may race: then it exists).
    func ensureSequence(year: Int) async throws {
        guard !database.knownSequences.withLockedValue({ $0.contains(year) }) else { return }
        do {
            try await database.read { sql in
                try await sql.raw("CREATE SEQUENCE IF NOT EXISTS \(unsafeRaw: Self.sequenceName(year))").run()
            }
        } catch {
            // NB: two creators at once (raises in this process, or another instance): `IF NOT
            // EXISTS` does not keep the loser from failing — with a duplicate in the catalog
            // (23505) or "already exists" (42P07), which made the first raises of a year fail now
            // and then. Whatever the error, the sequence is there if the other one made it.
            struct Found: Decodable { var found: Int }
            let exists = try await database.read { sql in
                try await sql.raw("SELECT 1 AS found FROM pg_class WHERE relkind = 'S' AND relname = \(bind: Self.sequenceName(year))")
                    .first(decoding: Found.self) != nil
            }
            guard exists else { throw error }
        }
        database.knownSequences.withLockedValue { _ = $0.insert(year) }
    }

    static func nextValue(year: Int, _ sql: any SQLDatabase) async throws -> Int {
        struct Value: Decodable { var value: Int }
        guard let value = try await sql.raw("SELECT nextval('\(unsafeRaw: sequenceName(year))') AS value").firstRow(Value.self) else {
            throw TandemError(.conflict, "could not number the need")
        }
        return value.value
    }

    /// Takes the next number of the year from its counter row (SQLite, where the single writer
    /// orders creators). The year's row is created on its first need.
    static func allocateSequence(year: Int, _ sql: any SQLDatabase) async throws -> Int {
        struct Value: Decodable { var last_value: Int }
        let increment: SQLQueryString =
            "UPDATE need_number_sequences SET last_value = last_value + 1 WHERE year = \(bind: year) RETURNING last_value"
        if let value = try await sql.raw(increment).firstRow(Value.self) { return value.last_value }
        try await sql.raw("INSERT INTO need_number_sequences (year, last_value) VALUES (\(bind: year), 0) ON CONFLICT (year) DO NOTHING")
            .run()
        guard let value = try await sql.raw(increment).firstRow(Value.self) else {
            throw TandemError(.conflict, "could not number the need")
        }
        return value.last_value
    }

    /// Assignees, followers, comments, attachments, events and jobs of a write (comments and
    /// attachments first: events refer to them).
    static func writeDetails(_ write: NeedWrite, writingAssignees: Bool, writingFollowers: Bool, _ sql: any SQLDatabase) async throws {
        let needID = write.need.id.rawValue
        try await SQLServiceLevelStore.insert(write.serviceLevelAlerts, at: write.need.updatedAt, on: sql)
        try await SQLSatisfactionStore.write(write.rating, usedLink: write.usedRatingLink, at: write.need.updatedAt, on: sql)
        if writingAssignees {
            for (position, person) in write.need.assigneeIDs.enumerated() {
                try await sql.insert(into: "need_assignees").columns("need_id", "person_id", "position")
                    .values(SQLBind(needID), SQLBind(person.rawValue), SQLBind(position)).run()
            }
        }
        if writingFollowers {
            for person in write.need.followerIDs {
                try await sql.insert(into: "need_followers").columns("need_id", "person_id").values(
                    SQLBind(needID), SQLBind(person.rawValue)
                )
                .run()
            }
        }
        for comment in write.comments { try await sql.insertRow(NeedCommentRow(comment), into: "need_comments") }
        for attachment in write.attachments { try await sql.insertRow(AttachmentRow(attachment), into: "attachments") }
        let events = try write.events.enumerated().map { try NeedEventRow($1, needVersion: write.need.version, ordinal: $0) }
        try await sql.insertRows(events, into: "need_events")
        try await SQLJobStore.insert(write.jobs, on: sql)
        try await Self.record(write.origin, of: write.need.id, sql)
    }

    /// Keeps where a new need came from; a draft or suggestion is marked converted (once).
    static func record(_ origin: NeedOrigin?, of need: Need.ID, _ sql: any SQLDatabase) async throws {
        guard let origin else { return }
        try await sql.insert(into: "need_origins").columns("need_id", "kind", "subject_id")
            .values(SQLBind(need.rawValue), SQLBind(origin.kind), SQLBind(origin.subjectID)).run()
        switch origin {
        case .draft(let draft): try await SQLSurveyStore.convert(draft, into: need, on: sql)
        case .suggestion(let suggestion): try await SQLSuggestionStore.convert(suggestion, into: need, on: sql)
        case .meeting: break
        }
    }

    public func origin(of need: Need.ID) async throws -> NeedOrigin? {
        struct Row: Decodable { var kind: String; var subject_id: UUID }
        return try await database.read { sql in
            try await sql.select().columns("kind", "subject_id").from("need_origins").where("need_id", .equal, need.rawValue)
                .firstRow(Row.self).flatMap { NeedOrigin(kind: $0.kind, subjectID: $0.subject_id) }
        }
    }

    public func needs(from origin: NeedOrigin) async throws -> [Need] {
        try await database.read { sql in
            try await sql.raw(
                """
                SELECT needs.* FROM needs JOIN need_origins ON need_origins.need_id = needs.id
                WHERE need_origins.kind = \(bind: origin.kind) AND need_origins.subject_id = \(bind: origin.subjectID)
                ORDER BY needs.created_at
                """
            ).all().map { try NeedRow(row: $0).need() }
        }
    }

    public func need(_ id: Need.ID) async throws -> Need? {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM needs WHERE id = \(bind: id.rawValue)").first().map { try NeedRow(row: $0).need() }
        }
    }

    public func need(number: NeedNumber) async throws -> Need? {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM needs WHERE number = \(bind: number.description)").first().map { try NeedRow(row: $0).need() }
        }
    }

    public func needs(_ query: NeedQuery, visibility: NeedVisibility) async throws -> NeedPage {
        try await database.read { sql in
            let listing = NeedListing(query: query, visibility: visibility, dialect: database.dialect)
            let select = try listing.apply(to: sql.select().column("*").from("needs"))
            var needs: [Need] = []
            var deadlines: [Need.ID: ServiceLevelDeadlines] = [:]
            for row in try await select.all() {
                let need = try NeedRow(row: row).need()
                needs.append(need)
                if let stored = try NeedRow.deadlines(row) { deadlines[need.id] = stored }
            }
            var next: NeedCursor?
            if needs.count > query.limit {
                needs.removeLast()
                next = needs.last.map { listing.cursor(after: $0, deadlines: deadlines[$0.id]) }
            }
            return NeedPage(needs: needs, nextCursor: next, deadlines: deadlines)
        }
    }

    public func countsByStatus() async throws -> [NeedStatus: Int] {
        try await database.read { sql in try await sql.counts(of: "status", in: "needs", as: NeedStatus.self) }
    }

    public func count(_ query: NeedQuery, visibility: NeedVisibility, upTo limit: Int?) async throws -> Int {
        struct Count: Decodable { var count: Int }
        return try await database.read { sql in
            let listing = NeedListing(query: query, visibility: visibility, dialect: database.dialect)
            guard let limit else {
                let select = listing.filter(sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "count").from("needs"))
                return try await select.firstRow(Count.self)?.count ?? 0
            }
            // Stops after `limit` matching rows: a page that says "1000+" need not read 100,000.
            return try await sql.countRows(listing.filter(sql.select().column(SQLLiteral.numeric("1")).from("needs")).limit(limit))
        }
    }

    public func events(of need: Need.ID) async throws -> [NeedEvent] {
        try await database.read { sql in
            try await sql.select().column("*").from("need_events").where("need_id", .equal, need.rawValue)
                .orderBy("need_version").orderBy("ordinal").allRows(NeedEventRow.self).map { try $0.event() }
        }
    }

    public func comments(of need: Need.ID) async throws -> [NeedComment] {
        try await database.read { sql in
            try await sql.select().column("*").from("need_comments").where("need_id", .equal, need.rawValue)
                .orderBy("created_at").orderBy("id").allRows(NeedCommentRow.self).map(\.comment)
        }
    }

    public func attachments(of need: Need.ID) async throws -> [Attachment] {
        try await database.read { sql in
            try await sql.select().column("*").from("attachments").where("need_id", .equal, need.rawValue)
                .orderBy("created_at").allRows(AttachmentRow.self).map(\.attachment)
        }
    }

    public func attachment(_ id: Attachment.ID) async throws -> Attachment? {
        try await database.read { sql in
            try await sql.select().column("*").from("attachments").where("id", .equal, id.rawValue)
                .firstRow(AttachmentRow.self)?.attachment
        }
    }
}
