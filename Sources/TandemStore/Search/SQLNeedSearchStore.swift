import Foundation
import SQLKit
import TandemCore

/// Searches the index `NeedSearchIndex` keeps, joined to the needs for the permission filter and
/// the list filters, so nothing the reader may not see is returned, counted or ranked.
///
/// Ranking has two tiers: needs whose title holds every term come first, then the others; within
/// each, newest first. Both tiers are read from the index newest first and stop at what the page
/// and the count need, so a word that a tenth of a million needs contain costs no more than a
/// rare one: SQLite's FTS5 reads its matches in rowid (creation) order; PostgreSQL reads them
/// window by window back in time (`SearchWindows`). A need found only through its notes is found
/// apart — among the needs whose notes the reader reads — so the common search (public words)
/// never pays for the notes, and notes never move a need up: only the title decides its tier.
public struct SQLNeedSearchStore: NeedSearchStore {
    let database: StoreDatabase

    public init(_ database: StoreDatabase) { self.database = database }

    static let publicColumns = ["title_terms", "description_terms", "reply_terms"]

    /// The three disjoint sets of matches.
    enum Part { case title, publicRest, notesOnly }

    /// A match: its need and the number it sorts by, newest highest.
    typealias Match = (order: Double, id: Need.ID)

    public func search(_ search: NeedSearch, visibility: NeedVisibility, countingUpTo cap: Int) async throws -> (needs: [Need], total: Int) {
        let listing = NeedListing(query: search.filters, visibility: visibility, dialect: database.dialect)
        return try await database.read { sql in
            // NB: one walk serves the page and the count: the page needs its rows and one more (is
            // there a next page?), the count up to `cap` matches.
            let reach = max(search.offset + search.limit + 1, cap)
            let ranked = try await rankedMatches(search.terms, listing, sql, upTo: reach)
            let page = ranked.dropFirst(search.offset).prefix(search.limit + 1).map(\.id)
            return (try await Self.needs(page, sql), min(ranked.count, cap))
        }
    }

    public func rankedIDs(_ search: NeedSearch, visibility: NeedVisibility) async throws -> [Need.ID] {
        let listing = NeedListing(query: search.filters, visibility: visibility, dialect: database.dialect)
        return try await database.read { sql in try await rankedMatches(search.terms, listing, sql, upTo: nil).map(\.id) }
    }

    public func needs(_ ids: [Need.ID]) async throws -> [Need] {
        try await database.read { sql in try await Self.needs(ids, sql) }
    }

    /// The needs of `ids`, in that order.
    static func needs(_ ids: [Need.ID], _ sql: any SQLDatabase) async throws -> [Need] {
        guard !ids.isEmpty else { return [] }
        let found = try await sql.select().column("*").from("needs").where("id", .in, ids.map(\.rawValue)).all()
            .map { try NeedRow(row: $0).need() }
        let byID = Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byID[$0] }
    }

    /// The matches in rank order — title matches newest first, then the rest newest first — up
    /// to `reach` of them (nil: all).
    func rankedMatches(_ terms: [SearchTerm], _ listing: NeedListing, _ sql: any SQLDatabase, upTo reach: Int?) async throws -> [Match] {
        var windows: SearchWindows?
        if database.dialect == .postgres, reach != nil {
            guard let oldest = try await oldestNeed(sql) else { return [] }
            windows = SearchWindows(now: Date(), oldest: oldest)
        }
        let inTitle = try await newest(.title, terms, listing, sql, upTo: reach, windows)
        let missing = reach.map { $0 - inTitle.count }
        if let missing, missing <= 0 { return inTitle }
        var rest = try await newest(.publicRest, terms, listing, sql, upTo: missing, windows)
        if try await readsSomeNotes(listing.visibility, sql) { rest += try await newest(.notesOnly, terms, listing, sql, upTo: missing, windows) }
        rest.sort { $0.order > $1.order }
        return inTitle + (missing.map { rest.prefix($0) } ?? rest[...])
    }

    /// The newest `limit` matches of a part (nil: all), newest first: in one statement, or
    /// window by window when `windows` is given (PostgreSQL).
    func newest(_ part: Part, _ terms: [SearchTerm], _ listing: NeedListing, _ sql: any SQLDatabase, upTo limit: Int?,
                _ windows: SearchWindows?) async throws -> [Match] {
        guard let windows, let limit else { return try await fetch(part, terms, listing, sql, in: nil, limit: limit) }
        var found: [Match] = []
        var window: SearchWindows.Window? = windows.first
        while let current = window, found.count < limit {
            found += try await fetch(part, terms, listing, sql, in: current, limit: limit - found.count)
            window = windows.next(after: current, found: found.count, missing: limit - found.count)
        }
        return found
    }

    /// When the oldest need was raised, nil when there is none.
    func oldestNeed(_ sql: any SQLDatabase) async throws -> Date? {
        struct Oldest: Decodable { var oldest: Date? }
        return try await sql.raw("SELECT MIN(created_at) AS oldest FROM needs").first(decoding: Oldest.self)?.oldest
    }

    /// A part's matches, newest first, at most `limit` (nil: all); on PostgreSQL within `window`
    /// of creation times when one is given.
    func fetch(_ part: Part, _ terms: [SearchTerm], _ listing: NeedListing, _ sql: any SQLDatabase,
               in window: SearchWindows.Window?, limit: Int?) async throws -> [Match] {
        // NB: sorted by the column itself: computing a number from it for every match before the
        // top-N sort doubled a common word's query at a million needs.
        let newestFirst: SQLQueryString = database.dialect == .sqlite ? "need_search.rowid" : "needs.created_at"
        var select = matching(part, terms, listing, sql.select().column(SQLColumn("id", table: "needs"))
            .column(SQLAlias(newestFirst, as: SQLIdentifier("search_order"))))
        if let from = window?.from { select = select.where(SQLQueryString("need_search.created_day >= \(bind: from)")) }
        if let before = window?.before { select = select.where(SQLQueryString("need_search.created_day < \(bind: before)")) }
        select = select.orderBy(SQLOrderBy(expression: newestFirst, direction: SQLDirection.descending))
        if let limit { select = select.limit(limit) }
        return try await select.all().map { row in
            let id = Need.ID(try row.decode(column: "id", as: UUID.self))
            switch database.dialect {
            case .sqlite: return (Double(try row.decode(column: "search_order", as: Int.self)), id)
            case .postgres: return (try row.decode(column: "search_order", as: Date.self).timeIntervalSince1970, id)
            }
        }
    }

    public func comments(of needs: [Need.ID]) async throws -> [NeedComment] {
        guard !needs.isEmpty else { return [] }
        return try await database.read { sql in
            try await sql.select().column("*").from("need_comments").where("need_id", .in, needs.map(\.rawValue))
                .orderBy("created_at").orderBy("id").allRows(NeedCommentRow.self).map(\.comment)
        }
    }

    /// Whether the reader reads the notes of any need: administrators, agents and managers, and
    /// whoever is assigned a need.
    func readsSomeNotes(_ visibility: NeedVisibility, _ sql: any SQLDatabase) async throws -> Bool {
        guard case .scoped(let scope) = visibility else { return true }
        if scope.seesProvidedNeeds { return true }
        return try await sql.select().column(SQLLiteral.numeric("1")).from("need_assignees")
            .where("person_id", .equal, scope.personID.rawValue).limit(1).all().isEmpty == false
    }

    /// The visible needs of one part: every term in the title; else in the public text; else only
    /// with the notes (among the needs whose notes the reader reads).
    func matching(_ part: Part, _ terms: [SearchTerm], _ listing: NeedListing, _ select: SQLSelectBuilder) -> SQLSelectBuilder {
        var select = joined(select)
        switch database.dialect {
        case .sqlite:
            let title = SearchMatch.fts5(terms, columns: ["title_terms"]), inPublic = SearchMatch.fts5(terms, columns: Self.publicColumns)
            let expression: String
            switch part {
            case .title: expression = title
            case .publicRest: expression = inPublic + " NOT " + title
            case .notesOnly: expression = SearchMatch.fts5(terms) + " NOT " + inPublic
            }
            select = select.where(SQLQueryString("need_search MATCH \(bind: expression)"))
        case .postgres:
            let all = SearchMatch.tsquery(terms), title = SearchMatch.tsquery(terms, weight: "A")
            let condition: SQLQueryString
            switch part {
            case .title: condition = "need_search.public_document @@ to_tsquery('simple', \(bind: title))"
            case .publicRest:
                condition = """
                    need_search.public_document @@ to_tsquery('simple', \(bind: all)) AND NOT need_search.public_document @@ to_tsquery('simple', \(bind: title))
                    """
            case .notesOnly:
                condition = """
                    need_search.all_document @@ to_tsquery('simple', \(bind: all)) AND NOT need_search.public_document @@ to_tsquery('simple', \(bind: all))
                    """
            }
            select = select.where(condition)
        }
        if part == .notesOnly, let notesAdmitted = listing.internalAdmitted { select = select.where(notesAdmitted) }
        return listing.filter(select)
    }

    /// The index joined to the needs.
    func joined(_ select: SQLSelectBuilder) -> SQLSelectBuilder {
        switch database.dialect {
        case .sqlite:
            return select.from("need_search")
                .join("need_search_docs", on: SQLColumn("doc", table: "need_search_docs"), .equal, SQLColumn("rowid", table: "need_search"))
                .join("needs", on: SQLColumn("id", table: "needs"), .equal, SQLColumn("need_id", table: "need_search_docs"))
        case .postgres:
            return select.from("need_search")
                .join("needs", on: SQLColumn("id", table: "needs"), .equal, SQLColumn("need_id", table: "need_search"))
        }
    }
}
