import Foundation
import SQLKit
import TandemCore

/// Keeps the full-text index of needs, inside the transaction of the change it indexes.
///
/// Both databases keep who may read each need beside its words (`SearchAudience`): PostgreSQL
/// in an array column inside the words' GIN index (migration 019), SQLite in an FTS5 column
/// (`audience`, migration 024), so a search reads only the matches its reader may see.
///
/// One document per need with four parts — title, description (with the form's answers),
/// public replies, internal notes — each the tokenizer's tokens joined by spaces. SQLite keeps
/// them in the FTS5 table `need_search` (tokenizer `ascii`: it splits on spaces only, since the
/// tokens are already cut and lower-cased), whose rowid comes from `need_search_docs` (an
/// INTEGER PRIMARY KEY, so VACUUM keeps it). PostgreSQL keeps them in `need_search` with three
/// generated `tsvector` columns (`simple` configuration): the public document and the notes,
/// each under a GIN index beside the day the need was raised (to read the last week's matches
/// first), and the whole document, to check a match through notes and public text;
/// and copies of the need's columns the search sorts by and the permission filter reads, with
/// who may read it (`copies(of:)`, `SearchAudience`).
enum NeedSearchIndex {
    /// Indexes new needs with the replies and notes they already have (one statement per table).
    /// `schema013` writes the columns migration 013 made (it indexes the needs stored before it,
    /// before later migrations added columns).
    static func insert(
        _ needs: [(need: Need, comments: [NeedComment])], dialect: StoreDatabase.Dialect, _ sql: any SQLDatabase,
        schema013: Bool = false
    ) async throws {
        guard !needs.isEmpty else { return }
        let documents = needs.map { item in
            (
                id: item.need.id.rawValue, document: NeedSearchDocument(item.need),
                replies: terms(of: item.comments, .public), notes: terms(of: item.comments, .internal)
            )
        }
        switch dialect {
        case .sqlite:
            var docs = sql.insert(into: "need_search_docs").columns("need_id")
            for item in documents { docs = docs.values(SQLBind(item.id)) }
            struct Doc: Decodable { var doc: Int; var need_id: UUID }
            let numbered = Dictionary(
                try await docs.returning("doc", "need_id").all(decoding: Doc.self).map { ($0.need_id, $0.doc) },
                uniquingKeysWith: { first, _ in first })
            var columns = ["rowid", "title_terms", "description_terms", "reply_terms", "note_terms"]
            if !schema013 { columns.append("audience") }
            var rows = sql.insert(into: "need_search").columns(columns)
            for (item, need) in zip(documents, needs.map(\.need)) {
                guard let doc = numbered[item.id] else { throw TandemError(.conflict, "could not index the need") }
                var values: [any SQLExpression] = [
                    SQLBind(doc), SQLBind(item.document.title), SQLBind(item.document.description), SQLBind(item.replies),
                    SQLBind(item.notes),
                ]
                if !schema013 { values.append(SQLBind(SearchAudience.ftsDocument(of: need))) }
                rows = rows.values(values)
            }
            try await rows.run()
        case .postgres:
            var columns = ["need_id", "title_terms", "description_terms", "reply_terms", "note_terms"]
            if !schema013 { columns += copies(of: needs[0].need).map(\.0) }
            var rows = sql.insert(into: "need_search").columns(columns)
            for (item, need) in zip(documents, needs.map(\.need)) {
                var values: [any SQLExpression] = [
                    SQLBind(item.id), SQLBind(item.document.title), SQLBind(item.document.description),
                    SQLBind(item.replies), SQLBind(item.notes),
                ]
                if !schema013 { values += copies(of: need).map(\.1) }
                rows = rows.values(values)
            }
            try await rows.run()
        }
    }

    /// What PostgreSQL's document keeps of its need (the columns migrations 017 and 019 added):
    /// what the search sorts and reads windows by, and what the permission filter reads.
    static func copies(of need: Need) -> [(String, any SQLExpression)] {
        [
            ("created_day", SQLBind(SearchWindows.day(of: need.createdAt))), ("created_at", SQLBind(need.createdAt.storable)),
            ("requester_id", SQLBind(need.requesterID.rawValue)),
            ("requesting_department_id", SQLBind(need.requestingDepartmentID.rawValue)),
            ("providing_department_id", SQLBind(need.providingDepartmentID.rawValue)), ("is_confidential", SQLBind(need.isConfidential)),
            ("audience", SQLBind(SearchAudience.tokens(of: need))),
        ]
    }

    /// Whether a change altered what the document keeps of its need.
    static func copiedFieldsDiffer(_ need: Need, _ previous: Need) -> Bool {
        need.createdAt != previous.createdAt || need.requesterID != previous.requesterID
            || need.requestingDepartmentID != previous.requestingDepartmentID
            || need.providingDepartmentID != previous.providingDepartmentID || need.isConfidential != previous.isConfidential
            || Set(need.assigneeIDs) != Set(previous.assigneeIDs) || Set(need.followerIDs) != Set(previous.followerIDs)
    }

    /// Indexes what a change added or altered: the title and description when they changed,
    /// each new reply and note, and on PostgreSQL the need's copied columns when they changed.
    static func update(_ write: NeedWrite, over previous: Need, dialect: StoreDatabase.Dialect, _ sql: any SQLDatabase) async throws {
        let target = where_(write.need.id, dialect)
        // NB: most changes (steps, replies, assignment) leave the words alone: compare them before tokenizing.
        // An assignment changes who may read the need: the copies are written again.
        let need = write.need
        if copiedFieldsDiffer(need, previous) {
            switch dialect {
            case .postgres:
                var update = sql.update("need_search").where("need_id", .equal, need.id.rawValue)
                for (column, value) in copies(of: need) { update = update.set(SQLIdentifier(column), to: value) }
                try await update.run()
            case .sqlite:
                try await sql.raw("UPDATE need_search SET audience = \(bind: SearchAudience.ftsDocument(of: need)) WHERE \(target)").run()
            }
        }
        if need.title != previous.title || need.description != previous.description || need.formAnswers != previous.formAnswers {
            let document = NeedSearchDocument(need)
            try await sql.raw(
                """
                UPDATE need_search SET title_terms = \(bind: document.title), description_terms = \(bind: document.description) WHERE \(target)
                """
            ).run()
        }
        let replies = terms(of: write.comments, .public), notes = terms(of: write.comments, .internal)
        if !replies.isEmpty {
            try await sql.raw("UPDATE need_search SET reply_terms = reply_terms || ' ' || \(bind: replies) WHERE \(target)").run()
        }
        if !notes.isEmpty {
            try await sql.raw("UPDATE need_search SET note_terms = note_terms || ' ' || \(bind: notes) WHERE \(target)").run()
        }
    }

    /// Writes whole documents again, from their needs and all their replies and notes (oldest first).
    static func rewrite(_ needs: [(need: Need, comments: [NeedComment])], dialect: StoreDatabase.Dialect, _ sql: any SQLDatabase)
        async throws
    {
        for (need, comments) in needs {
            let document = NeedSearchDocument(need)
            try await sql.raw(
                """
                UPDATE need_search SET title_terms = \(bind: document.title), description_terms = \(bind: document.description),
                  reply_terms = \(bind: terms(of: comments, .public)), note_terms = \(bind: terms(of: comments, .internal))
                WHERE \(where_(need.id, dialect))
                """
            ).run()
        }
    }

    /// The condition that picks a need's document.
    static func where_(_ need: Need.ID, _ dialect: StoreDatabase.Dialect) -> SQLQueryString {
        switch dialect {
        case .sqlite: return "rowid = (SELECT doc FROM need_search_docs WHERE need_id = \(bind: need.rawValue))"
        case .postgres: return "need_id = \(bind: need.rawValue)"
        }
    }

    static func terms(of comments: [NeedComment], _ visibility: NeedEvent.Visibility) -> String {
        comments.filter { $0.visibility == visibility }.map { NeedSearchDocument.terms($0.body) }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }
}
