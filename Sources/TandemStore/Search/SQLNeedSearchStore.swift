import Foundation
import SQLKit
import TandemCore

/// Searches the index `NeedSearchIndex` keeps, joined to the needs for the permission filter and
/// the list filters, so nothing the reader may not see is returned, counted or ranked.
///
/// Ranking has two tiers: needs whose title holds every term come first, then the others; within
/// each, newest first. Both tiers are read from the index in recency order and stop at the page,
/// so a word that a tenth of a million needs contain costs no more than a rare one. Notes can
/// make a need match for those who read them, but only the title decides its tier, so the order
/// of results tells nobody anything about notes.
public struct SQLNeedSearchStore: NeedSearchStore {
    let database: StoreDatabase

    public init(_ database: StoreDatabase) { self.database = database }

    static let publicColumns = ["title_terms", "description_terms", "reply_terms"]

    public func search(_ search: NeedSearch, visibility: NeedVisibility, countingUpTo cap: Int) async throws -> (needs: [Need], total: Int) {
        let listing = NeedListing(query: search.filters, visibility: visibility, dialect: database.dialect)
        let terms = search.terms
        return try await database.read { sql in
            let wanted = search.offset + search.limit + 1
            let inTitle = try await page(of: titleMatches(terms, listing, sql), offset: 0, limit: wanted)
            var needs = Array(inTitle.dropFirst(search.offset))
            if inTitle.count < wanted {
                // NB: fewer title hits than the page reaches: they are all of them, and the rest follow.
                let elsewhere = try await page(of: otherMatches(terms, listing, sql), offset: max(0, search.offset - inTitle.count),
                                               limit: wanted - max(search.offset, inTitle.count))
                needs += elsewhere
            }
            struct Count: Decodable { var count: Int }
            let matching = allMatches(terms, listing, sql.select().column(SQLLiteral.numeric("1"))).limit(cap)
            let total = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "count")
                .from(SQLAlias(SQLGroupExpression(matching.select), as: SQLIdentifier("matching")))
                .firstRow(Count.self)?.count ?? 0
            return (needs, total)
        }
    }

    public func comments(of needs: [Need.ID]) async throws -> [NeedComment] {
        guard !needs.isEmpty else { return [] }
        return try await database.read { sql in
            try await sql.select().column("*").from("need_comments").where("need_id", .in, needs.map(\.rawValue))
                .orderBy("created_at").orderBy("id").allRows(NeedCommentRow.self).map(\.comment)
        }
    }

    /// One page of a tier, newest first.
    func page(of select: SQLSelectBuilder, offset: Int, limit: Int) async throws -> [Need] {
        guard limit > 0 else { return [] }
        let newest: any SQLExpression = database.dialect == .sqlite ? SQLColumn("rowid", table: "need_search") : SQLColumn("created_at", table: "needs")
        return try await select.orderBy(SQLOrderBy(expression: newest, direction: SQLDirection.descending))
            .limit(limit).offset(offset).all().map { try NeedRow(row: $0).need() }
    }

    var needColumns: SQLColumn { SQLColumn(SQLLiteral.all, table: SQLIdentifier("needs")) }

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

    /// The first tier: visible needs whose title holds every term.
    func titleMatches(_ terms: [SearchTerm], _ listing: NeedListing, _ sql: any SQLDatabase) -> SQLSelectBuilder {
        let select = joined(sql.select().column(needColumns))
        switch database.dialect {
        case .sqlite:
            return listing.filter(select.where(SQLQueryString("need_search MATCH \(bind: SearchMatch.fts5(terms, columns: ["title_terms"]))")))
        case .postgres:
            return listing.filter(select.where(SQLQueryString(
                "need_search.public_document @@ to_tsquery('simple', \(bind: SearchMatch.tsquery(terms, weight: "A")))")))
        }
    }

    /// The second tier: the other matching needs.
    func otherMatches(_ terms: [SearchTerm], _ listing: NeedListing, _ sql: any SQLDatabase) -> SQLSelectBuilder {
        switch database.dialect {
        case .sqlite:
            let notInTitle = SearchMatch.fts5(terms) + " NOT " + SearchMatch.fts5(terms, columns: ["title_terms"])
            return matches(terms, anywhere: notInTitle, listing, joined(sql.select().column(needColumns)))
        case .postgres:
            return allMatches(terms, listing, sql.select().column(needColumns)).where(SQLQueryString(
                "NOT (need_search.public_document @@ to_tsquery('simple', \(bind: SearchMatch.tsquery(terms, weight: "A"))))"))
        }
    }

    /// Every visible need containing every term.
    func allMatches(_ terms: [SearchTerm], _ listing: NeedListing, _ select: SQLSelectBuilder) -> SQLSelectBuilder {
        matches(terms, anywhere: SearchMatch.fts5(terms), listing, joined(select))
    }

    /// Needs the reader sees that match: anywhere for those who read the need's notes, else in
    /// its public parts. `anywhere` is the FTS5 expression over all columns (SQLite).
    func matches(_ terms: [SearchTerm], anywhere: String, _ listing: NeedListing, _ select: SQLSelectBuilder) -> SQLSelectBuilder {
        switch database.dialect {
        case .sqlite:
            let matching = select.where(SQLQueryString("need_search MATCH \(bind: anywhere)"))
            guard let notesAdmitted = listing.internalAdmitted else { return listing.filter(matching) }
            let inPublic = SearchMatch.fts5(terms, columns: Self.publicColumns)
            return listing.filter(matching.where(SQLQueryString(
                "(\(notesAdmitted) OR need_search.rowid IN (SELECT rowid FROM need_search WHERE need_search MATCH \(bind: inPublic)))")))
        case .postgres:
            let query = SearchMatch.tsquery(terms)
            guard let notesAdmitted = listing.internalAdmitted else {
                return listing.filter(select.where(SQLQueryString("need_search.all_document @@ to_tsquery('simple', \(bind: query))")))
            }
            return listing.filter(select.where(SQLQueryString("""
                (need_search.public_document @@ to_tsquery('simple', \(bind: query))
                 OR (need_search.all_document @@ to_tsquery('simple', \(bind: query)) AND \(notesAdmitted)))
                """)))
        }
    }
}
