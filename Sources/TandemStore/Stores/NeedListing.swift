import Foundation
import SQLKit
import TandemCore

/// Turns a `NeedQuery` and a `NeedVisibility` into SQL: the permission filter, the list
/// filters, the sort order and the keyset condition of the cursor.
struct NeedListing {
    let query: NeedQuery
    let visibility: NeedVisibility
    let dialect: StoreDatabase.Dialect
    /// Whose columns the permission filter reads: the needs', or the copies PostgreSQL's search
    /// documents keep (`IndexSearchByDay`), when a search joins no need.
    var rows: Rows = .needs
    /// Whether the permission filter reads who may read a need from the search documents
    /// (`SearchAudience`: inside the words' index) instead of comparing columns. On SQLite the
    /// search's MATCH expression carries it, and no condition is added here.
    var readsAudience = false

    enum Rows {
        /// The needs; PostgreSQL's search documents (with copies of the needs' columns); SQLite's
        /// search document numbers (the need's id only: the audience is in the index).
        case needs, searchDocuments, searchDocumentNumbers
        var table: String {
            switch self {
            case .needs: return "needs"
            case .searchDocuments: return "need_search"
            case .searchDocumentNumbers: return "need_search_docs"
            }
        }
        var id: String { self == .needs ? "id" : "need_id" }
    }

    /// Whether a list filter applies (they read the needs' own columns).
    var hasListFilters: Bool { !listFilters.isEmpty }

    // NB: time keys travel as whole milliseconds. Stored times are whole milliseconds (see
    // `Date.storable`), and a Date rebuilt from the same integer binds to exactly the stored
    // value on both databases; a Double round trip through text and the drivers does not
    // (PostgresNIO truncates to microseconds), which made pages repeat rows at the seams.

    /// One sort key: the SQL expression, its direction, and how its cursor text is read back.
    struct SortKey {
        enum Kind { case date, text }
        var expression: any SQLExpression
        var descending: Bool
        var kind: Kind
        var value: (Need, ServiceLevelDeadlines?) -> String
    }

    static let noDesiredDate = "9999-12-31"
    /// Where needs without a running resolution clock sort when sorting by due time.
    static let noDueTime = Date(millisecondsSince1970: 253_402_300_799_000)  // 9999-12-31T23:59:59Z

    var sortKeys: [SortKey] {
        let created = SortKey(expression: SQLColumn("created_at"), descending: false, kind: .date) { need, _ in
            String(need.createdAt.millisecondsSince1970)
        }
        var newest = created
        newest.descending = true
        switch query.sort {
        case .newest: return [newest]
        case .oldest: return [created]
        case .updated:
            return [
                SortKey(expression: SQLColumn("updated_at"), descending: true, kind: .date) { need, _ in
                    String(need.updatedAt.millisecondsSince1970)
                }
            ]
        case .priority:
            return [
                SortKey(expression: SQLColumn("priority"), descending: false, kind: .text) { need, _ in need.priority.rawValue }, created,
            ]
        case .desiredDate:
            let desired = SQLFunction("COALESCE", args: SQLColumn("desired_date"), SQLLiteral.string(Self.noDesiredDate))
            return [
                SortKey(expression: desired, descending: false, kind: .text) { need, _ in
                    need.desiredDate?.description ?? Self.noDesiredDate
                }, created,
            ]
        case .due:
            let due = Self.dueOrder(dialect)
            return [
                SortKey(expression: due, descending: false, kind: .date) { _, deadlines in
                    String((deadlines?.resolutionDueAt ?? Self.noDueTime).millisecondsSince1970)
                }, created,
            ]
        }
    }

    /// `needs.status IN ('accepted', …)`, the statuses written out in order.
    static func statusIn(_ statuses: Set<NeedStatus>) -> any SQLExpression {
        SQLBinaryExpression(
            SQLColumn("status", table: "needs"), .in, SQLGroupExpression(statuses.map(\.rawValue).sorted().map { SQLLiteral.string($0) }))
    }

    /// The due time a need sorts by, the needs without one last: the expression the index of open
    /// needs by due time (`ix_needs_open_due`) holds, with the same literal, as each database
    /// stores times (SQLite: seconds as a real number).
    static func dueOrder(_ dialect: StoreDatabase.Dialect) -> any SQLExpression {
        SQLRaw("COALESCE(resolution_due_at, \(dueSentinel(dialect)))")
    }

    static func dueSentinel(_ dialect: StoreDatabase.Dialect) -> String {
        switch dialect {
        case .sqlite: return "253402300799.0"
        case .postgres: return "'9999-12-31 23:59:59+00'::timestamptz"
        }
    }

    /// The id breaks ties, in the direction of the last key.
    var idDescending: Bool { sortKeys.last?.descending ?? false }

    func cursor(after need: Need, deadlines: ServiceLevelDeadlines?) -> NeedCursor {
        NeedCursor(sort: query.sort, keys: sortKeys.map { $0.value(need, deadlines) }, id: need.id)
    }

    func apply(to select: SQLSelectBuilder) throws -> SQLSelectBuilder {
        var select = filter(select)
        if let cursor = query.cursor { select = try after(cursor, select) }
        for key in sortKeys {
            select = select.orderBy(
                SQLOrderBy(expression: key.expression, direction: key.descending ? SQLDirection.descending : .ascending))
        }
        return select.orderBy(SQLOrderBy(expression: SQLColumn("id"), direction: idDescending ? SQLDirection.descending : .ascending))
            .limit(query.limit + 1)
    }

    /// The permission filter and the list filters, without order, limit or cursor.
    func filter(_ select: SQLSelectBuilder) -> SQLSelectBuilder {
        let filters = listFilters
        precondition(rows == .needs || filters.isEmpty, "list filters read the needs")
        var select = restrictToVisible(select)
        for condition in filters { select = select.where(condition) }
        return select
    }

    /// The list filters' conditions.
    /// NB: they name the needs' columns with their table: a search joins documents that keep
    /// copies of some of them.
    var listFilters: [any SQLExpression] {
        let column = { (name: String) in SQLColumn(name, table: "needs") }
        let equal = { (name: String, value: UUID) in SQLBinaryExpression(column(name), .equal, SQLBind(value)) }
        var conditions: [any SQLExpression] = []
        let oneOf = { (name: String, values: [String]) in SQLBinaryExpression(column(name), .in, SQLBind.group(values.sorted())) }
        // NB: statuses as literals: a planner uses a partial index over the open needs
        // (`ix_needs_open_due`) only when the query names its statuses itself, not as bound values.
        if !query.statuses.isEmpty { conditions.append(Self.statusIn(query.statuses)) }
        if !query.kinds.isEmpty { conditions.append(oneOf("kind", query.kinds.map(\.rawValue))) }
        if !query.priorities.isEmpty { conditions.append(oneOf("priority", query.priorities.map(\.rawValue))) }
        if let id = query.requestingDepartmentID { conditions.append(equal("requesting_department_id", id.rawValue)) }
        if let id = query.providingDepartmentID { conditions.append(equal("providing_department_id", id.rawValue)) }
        if let id = query.requesterID { conditions.append(equal("requester_id", id.rawValue)) }
        if let id = query.assigneeID {
            conditions.append(
                SQLQueryString(
                    "EXISTS (SELECT 1 FROM need_assignees fa WHERE fa.need_id = needs.id AND fa.person_id = \(bind: id.rawValue))"))
        }
        if let from = query.createdFrom { conditions.append(SQLBinaryExpression(column("created_at"), .greaterThanOrEqual, SQLBind(from))) }
        if let before = query.createdBefore { conditions.append(SQLBinaryExpression(column("created_at"), .lessThan, SQLBind(before))) }
        if let text = query.textContains {
            let pattern = "%" + Self.escapeLike(text.lowercased()) + "%"
            conditions.append(
                SQLQueryString(
                    "(LOWER(needs.title) LIKE \(bind: pattern) ESCAPE '\\' OR LOWER(needs.description) LIKE \(bind: pattern) ESCAPE '\\')"))
        }
        return conditions
    }

    /// The SQL reading of `NeedVisibility`, over the rows the listing reads.
    var visibilityFilter: VisibilityFilter { VisibilityFilter(visibility: visibility, table: rows.table, id: rows.id) }

    /// The permission filter: the SQL reading of `NeedVisibility.admits`.
    func restrictToVisible(_ select: SQLSelectBuilder) -> SQLSelectBuilder {
        if readsAudience {
            guard dialect == .postgres, let tokens = SearchAudience.tokens(readBy: visibility) else { return select }
            return select.where(SQLQueryString("need_search.audience && \(bind: tokens)"))
        }
        guard let admitted = visibilityFilter.admitted else { return select }
        return select.where(admitted)
    }

    /// The SQL reading of `NeedVisibility.admitsInternal` among the needs `restrictToVisible`
    /// admits: whose internal notes the reader sees. `nil` when they see every need's.
    var internalAdmitted: SQLQueryString? { visibilityFilter.admittedInternal }

    /// Rows strictly after the cursor in the sort order: `(k1 > v1) OR (k1 = v1 AND k2 > v2) …`.
    func after(_ cursor: NeedCursor, _ select: SQLSelectBuilder) throws -> SQLSelectBuilder {
        let keys = sortKeys
        guard cursor.keys.count == keys.count else { throw TandemError.invalid("cursor", "cursor is not valid") }
        var terms: [(any SQLExpression, Bool, any SQLExpression)] = []
        for (key, text) in zip(keys, cursor.keys) {
            switch key.kind {
            case .date:
                guard let milliseconds = Int64(text) else { throw TandemError.invalid("cursor", "cursor is not valid") }
                terms.append((key.expression, key.descending, SQLBind(Date(millisecondsSince1970: milliseconds))))
            case .text:
                terms.append((key.expression, key.descending, SQLBind(text)))
            }
        }
        terms.append((SQLColumn("id"), idDescending, SQLBind(cursor.id.rawValue)))
        return select.where { outer in
            var outer = outer
            for index in terms.indices {
                outer = outer.orWhere { inner in
                    var inner = inner
                    for earlier in terms[..<index] { inner = inner.where(earlier.0, .equal, earlier.2) }
                    let (expression, descending, value) = terms[index]
                    return inner.where(expression, descending ? .lessThan : .greaterThan, value)
                }
            }
            return outer
        }
    }

    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}
