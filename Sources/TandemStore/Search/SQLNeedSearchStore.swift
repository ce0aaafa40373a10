import Foundation
import SQLKit
import TandemCore

/// Searches the index `NeedSearchIndex` keeps, with the permission filter and the list filters,
/// so nothing the reader may not see is returned, counted or ranked.
///
/// The order is `SearchRelevance`'s: the needs holding every term, then those holding most of
/// the query's words; in each level, the needs holding it in the title, then the others; in each
/// group the newest few by score, then newest first. Each group is read from the index newest
/// first and stops at what the page needs, so a word that a tenth of a million needs contain costs
/// no more than a rare one, and the looser level is read only when the fuller one does not fill
/// the page: SQLite's FTS5 reads its matches in rowid (creation) order; PostgreSQL reads the last
/// week's first, then all (`SearchWindows`). Both indexes yield only the matches the reader may
/// see (`SearchAudience`). A need found only through its notes is found apart — among the
/// needs whose notes the reader reads, holding every term — so the common search (public words)
/// never pays for the notes, and notes never move a need up.
public struct SQLNeedSearchStore: NeedSearchStore {
    let database: StoreDatabase

    public init(_ database: StoreDatabase) { self.database = database }

    static let publicColumns = ["title_terms", "description_terms", "reply_terms"]

    /// A group of matches: needs holding what a rule asks in the title, or in their public text;
    /// or every term only with the notes.
    enum Part: Hashable { case title(SearchRelevance.Rule), inPublic(SearchRelevance.Rule), notesOnly }

    /// A match: its need and the number it sorts by, newest highest.
    typealias Match = (order: Double, id: Need.ID)

    public func search(_ search: NeedSearch, visibility: NeedVisibility, countingUpTo cap: Int) async throws -> (needs: [Need], total: Int)
    {
        let listing = NeedListing(query: search.filters, visibility: visibility, dialect: database.dialect)
        return try await database.read { sql in
            let windows = try await searchWindows(sql)
            // The page's rows and one more (is there a next page?); fewer found are all there are.
            // NB: on SQLite the walk serves the count too: FTS5 streams the matches, and reading on
            // to the cap costs less than counting apart, which walks the same matches again
            // (招聘销售代表 as an agent who sees a thirtieth of them: 28 ms for the page's level,
            // then 69 ms to count 101 of the needs holding three of its five terms). PostgreSQL
            // counts apart, in no order, inside the index that knows who may read each need.
            let wanted = search.offset + search.limit + 1
            let reach = database.dialect == .sqlite ? max(wanted, cap) : wanted
            let notes = try await readsSomeNotes(visibility, sql)
            let ranked = try await rankedMatches(search.terms, listing, sql, upTo: reach, windows, notes: notes)
            let page = ranked.dropFirst(search.offset).prefix(search.limit + 1).map(\.id)
            let total =
                ranked.count < reach || reach >= cap
                ? min(ranked.count, cap) : try await count(search.terms, listing, sql, upTo: cap, notes: notes)
            return (try await NeedRow.needs(page, sql), total)
        }
    }

    /// How many matches there are, counted up to `cap`; `notes`: the reader reads some notes.
    /// NB: the needs holding every term are counted first: when they reach the cap, so do all
    /// matches, and the looser count — an OR of the words, whose index entries PostgreSQL reads
    /// whole (打印机 维修: 200 ms) — is not needed.
    func count(_ terms: [SearchTerm], _ listing: NeedListing, _ sql: any SQLDatabase, upTo cap: Int, notes: Bool) async throws -> Int {
        let strict = SearchRelevance.strict(terms), loosest = SearchRelevance.loosest(terms)
        if loosest != strict, try await count(.inPublic(strict), terms, listing, sql, upTo: cap) >= cap { return cap }
        var total = try await count(.inPublic(loosest), terms, listing, sql, upTo: cap)
        if total < cap, notes { total += try await count(.notesOnly, terms, listing, sql, upTo: cap - total) }
        return total
    }

    /// How many matches a part has, up to `cap`: any `cap` of them, in no order, so the database
    /// stops at the last one it needs (a common word's count read 852 of 11,363 pages, not all).
    func count(_ part: Part, _ terms: [SearchTerm], _ listing: NeedListing, _ sql: any SQLDatabase, upTo cap: Int) async throws -> Int {
        try await sql.countRows(matching(part, terms, reading(listing), sql.select().column(SQLLiteral.numeric("1"))).limit(cap))
    }

    /// The listing as a search reads it. NB: both databases read the permission filter from the
    /// documents' audience, inside the words' index (`SearchAudience`), and with no list filter
    /// join no need: the join cost more than the rest of a count (see `IndexSearchByDay`,
    /// `IndexSearchAudienceInFTS`).
    func reading(_ listing: NeedListing) -> NeedListing {
        var listing = listing
        listing.readsAudience = true
        if !listing.hasListFilters { listing.rows = database.dialect == .postgres ? .searchDocuments : .searchDocumentNumbers }
        return listing
    }

    public func rankedIDs(_ search: NeedSearch, visibility: NeedVisibility) async throws -> [Need.ID] {
        let listing = NeedListing(query: search.filters, visibility: visibility, dialect: database.dialect)
        return try await database.read { sql in
            try await rankedMatches(search.terms, listing, sql, upTo: nil, nil, notes: try await readsSomeNotes(visibility, sql)).map(\.id)
        }
    }

    public func needs(_ ids: [Need.ID]) async throws -> [Need] {
        try await database.read { sql in try await NeedRow.needs(ids, sql) }
    }

    /// The matches in rank order (`SearchRelevance`), up to `reach` of them (nil: all); `notes`:
    /// the reader reads some notes.
    ///
    /// Each group is read up to what is missing (at least a scoring window) plus the needs an
    /// earlier group already placed — a fuller level's needs also match every level below — so a
    /// group read short is read whole, and the order does not depend on the page asked for.
    func rankedMatches(
        _ terms: [SearchTerm], _ listing: NeedListing, _ sql: any SQLDatabase, upTo reach: Int?,
        _ windows: SearchWindows?, notes: Bool
    ) async throws -> [Match] {
        var ranked: [Match] = []
        var placed: Set<Need.ID> = []
        var weights: [Double]?
        let strict = SearchRelevance.strict(terms)
        for level in SearchRelevance.levels(terms) {
            for part in [Part.title(level), .inPublic(level)] {
                let missing = reach.map { $0 - ranked.count }
                if let missing, missing <= 0 { return ranked }
                let limit = missing.map { max($0, SearchRelevance.window) + placed.count }
                var found = try await newest(part, terms, listing, sql, upTo: limit, windows)
                if part == .inPublic(strict), notes {
                    found += try await newest(.notesOnly, terms, listing, sql, upTo: limit, windows)
                    found.sort { $0.order > $1.order }
                }
                let fresh = found.filter { placed.insert($0.id).inserted }
                guard !fresh.isEmpty else { continue }
                if weights == nil { weights = try await SearchTermStatistics.idf(terms, database, sql) }
                let documents = try await publicTokens(of: fresh.prefix(SearchRelevance.window).map(\.id), sql)
                ranked += SearchRelevance.ordered(fresh) { head in
                    head.map { match in
                        documents[match.id].map {
                            SearchRelevance.score(terms, idf: weights ?? [], title: $0.title, elsewhere: $0.elsewhere)
                        } ?? 0
                    }
                }
            }
        }
        return reach.map { Array(ranked.prefix($0)) } ?? ranked
    }

    /// The indexed tokens of needs' titles and of the rest of their public text.
    func publicTokens(of needs: [Need.ID], _ sql: any SQLDatabase) async throws -> [Need.ID: (title: Set<String>, elsewhere: Set<String>)] {
        guard !needs.isEmpty else { return [:] }
        struct Document: Decodable { var id: UUID; var title_terms: String; var description_terms: String; var reply_terms: String }
        let select = sql.select().column(SQLColumn("title_terms", table: "need_search"))
            .column(SQLColumn("description_terms", table: "need_search")).column(SQLColumn("reply_terms", table: "need_search"))
        let documents: [Document]
        switch database.dialect {
        case .sqlite:
            documents = try await select.column(SQLColumn("need_id", table: "need_search_docs"), as: "id").from("need_search_docs")
                .join("need_search", on: SQLColumn("rowid", table: "need_search"), .equal, SQLColumn("doc", table: "need_search_docs"))
                .where(SQLColumn("need_id", table: "need_search_docs"), .in, SQLBind.group(needs.map(\.rawValue))).all(
                    decoding: Document.self)
        case .postgres:
            documents = try await select.column(SQLColumn("need_id", table: "need_search"), as: "id").from("need_search")
                .where(SQLColumn("need_id", table: "need_search"), .in, SQLBind.group(needs.map(\.rawValue))).all(decoding: Document.self)
        }
        func tokens(_ text: String) -> Set<String> { Set(text.split(separator: " ").map(String.init)) }
        return Dictionary(
            documents.map {
                (Need.ID($0.id), (tokens($0.title_terms), tokens($0.description_terms).union(tokens($0.reply_terms))))
            },
            uniquingKeysWith: { first, _ in first })
    }

    /// The newest `limit` matches of a part (nil: all), newest first: in one statement, or
    /// when `windows` are given (PostgreSQL) the last week's first — and for the looser level five
    /// weeks', then 25 weeks' (`SearchWindows.looseReaches`) — then all if too few.
    func newest(
        _ part: Part, _ terms: [SearchTerm], _ listing: NeedListing, _ sql: any SQLDatabase, upTo limit: Int?,
        _ windows: SearchWindows?
    ) async throws -> [Match] {
        if let limit, let windows {
            let strict = SearchRelevance.strict(terms)
            let loose = part != .inPublic(strict) && part != .title(strict) && part != .notesOnly
            for since in loose ? windows.looseReaches : windows.first.map { [$0] } ?? [] {
                let recent = try await fetch(part, terms, listing, sql, since: since, limit: limit)
                if recent.count >= limit { return recent }
            }
        }
        return try await fetch(part, terms, listing, sql, since: nil, limit: limit)
    }

    /// How far back PostgreSQL may reach: to the oldest need (none: read all at once, and SQLite).
    func searchWindows(_ sql: any SQLDatabase) async throws -> SearchWindows? {
        guard database.dialect == .postgres else { return nil }
        struct Oldest: Decodable { var oldest: Date? }
        let oldest = try await sql.raw("SELECT MIN(created_at) AS oldest FROM needs").first(decoding: Oldest.self)?.oldest
        return oldest.map { SearchWindows(now: Date(), oldest: $0) }
    }

    /// A part's matches, newest first, at most `limit` (nil: all); on PostgreSQL only the needs
    /// raised on the day `since` or later, when given.
    func fetch(
        _ part: Part, _ terms: [SearchTerm], _ listing: NeedListing, _ sql: any SQLDatabase,
        since: Int?, limit: Int?
    ) async throws -> [Match] {
        // NB: sorted by the column itself: computing a number from it for every match before the
        // top-N sort doubled a common word's query at a million needs.
        let listing = reading(listing)
        let newestFirst: SQLQueryString = database.dialect == .sqlite ? "need_search.rowid" : "\(unsafeRaw: listing.rows.table).created_at"
        let id = SQLColumn(listing.rows.id, table: listing.rows.table)
        var select = matching(
            part, terms, listing,
            sql.select().column(SQLAlias(id, as: SQLIdentifier("id")))
                .column(SQLAlias(newestFirst, as: SQLIdentifier("search_order"))))
        if let since { select = select.where(SQLQueryString("need_search.created_day >= \(bind: since)")) }
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

    /// The visible needs of one part: at least so many terms in the title, or in the public text;
    /// or every term only with the notes (among the needs whose notes the reader reads).
    func matching(_ part: Part, _ terms: [SearchTerm], _ listing: NeedListing, _ select: SQLSelectBuilder) -> SQLSelectBuilder {
        var select = joined(select, needs: listing.rows == .needs)
        switch database.dialect {
        case .sqlite:
            var expression: String
            switch part {
            case .title(let rule): expression = SearchMatch.fts5(terms, rule, columns: ["title_terms"])
            case .inPublic(let rule): expression = SearchMatch.fts5(terms, rule, columns: Self.publicColumns)
            case .notesOnly: expression = SearchMatch.fts5(terms) + " NOT " + SearchMatch.fts5(terms, columns: Self.publicColumns)
            }
            // NB: who may read (and whose notes) inside the index: the matches come out visible.
            if let readers = SearchAudience.tokens(readBy: listing.visibility) {
                expression = "(" + expression + ") AND " + SearchAudience.ftsMatch(readers)
            }
            if part == .notesOnly, let readers = SearchAudience.notesTokens(readBy: listing.visibility) {
                expression = "(" + expression + ") AND " + SearchAudience.ftsMatch(readers)
            }
            select = select.where(SQLQueryString("need_search MATCH \(bind: expression)"))
        case .postgres:
            let condition: SQLQueryString
            switch part {
            case .title(let rule):
                condition =
                    "need_search.public_document @@ to_tsquery('simple', \(bind: SearchMatch.tsquery(terms, rule, weight: "A")))"
            case .inPublic(let rule):
                condition = "need_search.public_document @@ to_tsquery('simple', \(bind: SearchMatch.tsquery(terms, rule)))"
            case .notesOnly:
                // NB: found only through its notes, a need has one of the words in them: the notes'
                // own index finds those few, the whole document then decides.
                let all = SearchMatch.tsquery(terms)
                condition = """
                    need_search.note_document @@ to_tsquery('simple', \(bind: SearchMatch.tsquery(terms, any: true))) \
                    AND need_search.all_document @@ to_tsquery('simple', \(bind: all)) \
                    AND NOT need_search.public_document @@ to_tsquery('simple', \(bind: all))
                    """
            }
            select = select.where(condition)
        }
        if part == .notesOnly, database.dialect == .postgres, let notesAdmitted = listing.internalAdmitted {
            select = select.where(notesAdmitted)
        }
        return listing.filter(select)
    }

    /// The index joined to the needs only when `needs` (SQLite: always to the documents' numbers).
    func joined(_ select: SQLSelectBuilder, needs: Bool) -> SQLSelectBuilder {
        switch database.dialect {
        case .sqlite:
            let documents = select.from("need_search")
                .join("need_search_docs", on: SQLColumn("doc", table: "need_search_docs"), .equal, SQLColumn("rowid", table: "need_search"))
            guard needs else { return documents }
            return documents.join("needs", on: SQLColumn("id", table: "needs"), .equal, SQLColumn("need_id", table: "need_search_docs"))
        case .postgres:
            guard needs else { return select.from("need_search") }
            return select.from("need_search")
                .join("needs", on: SQLColumn("id", table: "needs"), .equal, SQLColumn("need_id", table: "need_search"))
        }
    }
}
