import Foundation
import SQLKit
import TandemCore

/// Searches the index `NeedSearchIndex` keeps, joined to the needs for the permission filter and
/// the list filters, so nothing the reader may not see is returned, counted or ranked.
///
/// Ranking looks at the public parts only (title first, then description, then replies): a
/// note can make a need match for those who read notes, but never moves it up or down, so the
/// order of results tells nobody anything about notes.
public struct SQLNeedSearchStore: NeedSearchStore {
    let database: StoreDatabase

    public init(_ database: StoreDatabase) { self.database = database }

    static let publicColumns = ["title_terms", "description_terms", "reply_terms"]

    public func search(_ search: NeedSearch, visibility: NeedVisibility, countingUpTo cap: Int) async throws -> (needs: [Need], total: Int) {
        let listing = NeedListing(query: search.filters, visibility: visibility, dialect: database.dialect)
        return try await database.read { sql in
            let page = listing.filter(matching(search.terms, listing, sql.select().column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("needs")))))
                .orderBy(rank(search.terms)).orderBy(SQLOrderBy(expression: SQLColumn("created_at", table: "needs"), direction: SQLDirection.descending))
                .limit(search.limit + 1).offset(search.offset)
            let needs = try await page.all().map { try NeedRow(row: $0).need() }
            struct Count: Decodable { var count: Int }
            let matching = listing.filter(matching(search.terms, listing, sql.select().column(SQLLiteral.numeric("1")))).limit(cap)
            let total = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "count")
                .from(SQLAlias(SQLGroupExpression(matching.select), as: SQLIdentifier("matching")))
                .firstRow(Count.self)?.count ?? 0
            return (needs, total)
        }
    }

    public func needs(matchingAny terms: [SearchTerm], provider: Department.ID, statuses: Set<NeedStatus>, visibility: NeedVisibility, limit: Int) async throws -> [Need] {
        var filters = NeedQuery()
        filters.providingDepartmentID = provider
        filters.statuses = statuses
        let listing = NeedListing(query: filters, visibility: visibility, dialect: database.dialect)
        return try await database.read { sql in
            var select = sql.select().column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("needs")))
            switch database.dialect {
            case .sqlite:
                select = joined(select)
                    .where(SQLQueryString("need_search MATCH \(bind: SearchMatch.fts5(terms, .any, columns: ["title_terms", "description_terms"]))"))
                    .orderBy(SQLQueryString("bm25(need_search, 4.0, 1.0, 0.0, 0.0)"))
            case .postgres:
                let query = SearchMatch.tsquery(terms, .any)
                select = joined(select)
                    .where(SQLQueryString("need_search.public_document @@ to_tsquery('simple', \(bind: query))"))
                    .orderBy(SQLOrderBy(expression: SQLQueryString("ts_rank(need_search.public_document, to_tsquery('simple', \(bind: query)))"),
                                        direction: SQLDirection.descending))
            }
            return try await listing.filter(select).limit(limit).all().map { try NeedRow(row: $0).need() }
        }
    }

    public func comments(of needs: [Need.ID]) async throws -> [NeedComment] {
        guard !needs.isEmpty else { return [] }
        return try await database.read { sql in
            try await sql.select().column("*").from("need_comments").where("need_id", .in, needs.map(\.rawValue))
                .orderBy("created_at").orderBy("id").allRows(NeedCommentRow.self).map(\.comment)
        }
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

    /// Needs containing every term: anywhere for those who read the need's notes, else in its
    /// public parts.
    func matching(_ terms: [SearchTerm], _ listing: NeedListing, _ select: SQLSelectBuilder) -> SQLSelectBuilder {
        let select = joined(select)
        switch database.dialect {
        case .sqlite:
            let anywhere = select.where(SQLQueryString("need_search MATCH \(bind: SearchMatch.fts5(terms, .all))"))
            guard let notesAdmitted = listing.internalAdmitted else { return anywhere }
            let inPublic = SearchMatch.fts5(terms, .all, columns: Self.publicColumns)
            return anywhere.where(SQLQueryString(
                "(\(notesAdmitted) OR need_search.rowid IN (SELECT rowid FROM need_search WHERE need_search MATCH \(bind: inPublic)))"))
        case .postgres:
            let query = SearchMatch.tsquery(terms, .all)
            guard let notesAdmitted = listing.internalAdmitted else {
                return select.where(SQLQueryString("need_search.all_document @@ to_tsquery('simple', \(bind: query))"))
            }
            return select.where(SQLQueryString("""
                (need_search.public_document @@ to_tsquery('simple', \(bind: query))
                 OR (need_search.all_document @@ to_tsquery('simple', \(bind: query)) AND \(notesAdmitted)))
                """))
        }
    }

    /// Best first, from the public parts only.
    func rank(_ terms: [SearchTerm]) -> SQLOrderBy {
        switch database.dialect {
        case .sqlite:
            // NB: bm25 is lower for better matches; weights: title, description, replies, notes.
            return SQLOrderBy(expression: SQLQueryString("bm25(need_search, 4.0, 1.0, 0.5, 0.0)"), direction: SQLDirection.ascending)
        case .postgres:
            return SQLOrderBy(expression: SQLQueryString(
                "ts_rank(need_search.public_document, to_tsquery('simple', \(bind: SearchMatch.tsquery(terms, .all))))"), direction: SQLDirection.descending)
        }
    }
}
