import Foundation
import SQLKit
import TandemCore

/// Searches the index `NeedSearchIndex` keeps, joined to the needs for the permission filter and
/// the list filters, so nothing the reader may not see is returned, counted or ranked.
///
/// Ranking has two tiers: needs whose title holds every term come first, then the others; within
/// each, newest first. Both tiers are read from the index in recency order and stop at the page,
/// so a word that a tenth of a million needs contain costs no more than a rare one. A need found
/// only through its notes is found apart — among the needs whose notes the reader reads — so the
/// common search (public words) never pays for the notes, and notes never move a need up: only
/// the title decides its tier.
public struct SQLNeedSearchStore: NeedSearchStore {
    let database: StoreDatabase

    public init(_ database: StoreDatabase) { self.database = database }

    static let publicColumns = ["title_terms", "description_terms", "reply_terms"]

    /// The three disjoint sets of matches.
    enum Part { case title, publicRest, notesOnly }

    public func search(_ search: NeedSearch, visibility: NeedVisibility, countingUpTo cap: Int) async throws -> (needs: [Need], total: Int) {
        let listing = NeedListing(query: search.filters, visibility: visibility, dialect: database.dialect)
        let terms = search.terms
        return try await database.read { sql in
            let notes = try await readsSomeNotes(visibility, sql)
            let wanted = search.offset + search.limit + 1
            let inTitle = try await page(.title, terms, listing, sql, limit: wanted)
            var needs = Array(inTitle.dropFirst(search.offset).map(\.need))
            if inTitle.count < wanted {
                // NB: fewer title hits than the page reaches: they are all of them, and the rest follow, newest first.
                let skip = max(0, search.offset - inTitle.count), take = wanted - max(search.offset, inTitle.count)
                var rest = try await page(.publicRest, terms, listing, sql, limit: skip + take)
                if notes { rest += try await page(.notesOnly, terms, listing, sql, limit: skip + take) }
                needs += rest.sorted { $0.order > $1.order }.dropFirst(skip).prefix(take).map(\.need)
            }
            var total = try await count(.title, terms, listing, sql, cap: cap)
            if total < cap { total += try await count(.publicRest, terms, listing, sql, cap: cap - total) }
            if notes && total < cap { total += try await count(.notesOnly, terms, listing, sql, cap: cap - total) }
            return (needs, total)
        }
    }

    public func rankedIDs(_ search: NeedSearch, visibility: NeedVisibility) async throws -> [Need.ID] {
        let listing = NeedListing(query: search.filters, visibility: visibility, dialect: database.dialect)
        let terms = search.terms
        return try await database.read { sql in
            let inTitle = try await ids(.title, terms, listing, sql)
            var rest = try await ids(.publicRest, terms, listing, sql)
            if try await readsSomeNotes(visibility, sql) { rest += try await ids(.notesOnly, terms, listing, sql) }
            return (inTitle + rest.sorted { $0.order > $1.order }).map(\.id)
        }
    }

    public func needs(_ ids: [Need.ID]) async throws -> [Need] {
        guard !ids.isEmpty else { return [] }
        let found = try await database.read { sql in
            try await sql.select().column("*").from("needs").where("id", .in, ids.map(\.rawValue)).all().map { try NeedRow(row: $0).need() }
        }
        let byID = Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byID[$0] }
    }

    /// Every match of a part, newest first: only its id and the order it sorts in.
    func ids(_ part: Part, _ terms: [SearchTerm], _ listing: NeedListing, _ sql: any SQLDatabase) async throws -> [(order: Double, id: Need.ID)] {
        struct Match: Decodable { var id: UUID; var search_order: Double }
        let select = matches(part, terms, listing, sql.select().column(SQLColumn("id", table: "needs")).column(orderColumn))
        return try await select.orderBy(SQLOrderBy(expression: newest, direction: SQLDirection.descending)).allRows(Match.self)
            .map { ($0.search_order, Need.ID($0.id)) }
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

    /// The newest matches of a part, with the order they sort in.
    func page(_ part: Part, _ terms: [SearchTerm], _ listing: NeedListing, _ sql: any SQLDatabase, limit: Int) async throws -> [(order: Double, need: Need)] {
        guard limit > 0 else { return [] }
        let select = matches(part, terms, listing, sql.select().column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("needs"))).column(orderColumn))
        return try await select.orderBy(SQLOrderBy(expression: newest, direction: SQLDirection.descending)).limit(limit).all().map { row in
            (try row.decode(column: "search_order", as: Double.self), try NeedRow(row: row).need())
        }
    }

    /// What matches sort by, newest first: the index's rowid (in creation order) on SQLite, the
    /// time raised on PostgreSQL.
    /// NB: sorted by the column itself, not by its number of seconds: computing that for every
    /// match before the top-N sort doubled a common word's query at a million needs.
    var newest: SQLQueryString { database.dialect == .sqlite ? "need_search.rowid" : "needs.created_at" }

    /// The same order as a number, to merge the parts by.
    var orderColumn: SQLAlias {
        let number: SQLQueryString = database.dialect == .sqlite ? "need_search.rowid" : "EXTRACT(EPOCH FROM needs.created_at)"
        return SQLAlias(SQLQueryString("CAST(\(number) AS DOUBLE PRECISION)"), as: SQLIdentifier("search_order"))
    }

    /// How many matches a part has, counted up to `cap`.
    func count(_ part: Part, _ terms: [SearchTerm], _ listing: NeedListing, _ sql: any SQLDatabase, cap: Int) async throws -> Int {
        struct Count: Decodable { var count: Int }
        let matching = matches(part, terms, listing, sql.select().column(SQLLiteral.numeric("1"))).limit(cap)
        return try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "count")
            .from(SQLAlias(SQLGroupExpression(matching.select), as: SQLIdentifier("matching")))
            .firstRow(Count.self)?.count ?? 0
    }

    /// The visible needs of one part: every term in the title; else in the public text; else only
    /// with the notes (among the needs whose notes the reader reads).
    func matches(_ part: Part, _ terms: [SearchTerm], _ listing: NeedListing, _ select: SQLSelectBuilder) -> SQLSelectBuilder {
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
