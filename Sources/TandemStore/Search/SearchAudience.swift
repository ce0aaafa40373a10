import Foundation
import TandemCore

/// Who may read a need, as tokens that PostgreSQL's search documents keep beside the words, in
/// the same GIN index (`need_search.audience`, migration 019): `NeedVisibility` in a form the
/// index applies, so a search fetches only the matches its reader may see instead of fetching
/// every match to test its columns. A need carries one token per rule that admits someone; a
/// reader asks for the tokens of the rules that admit them; the reader may read the need when
/// the two share a token.
///
/// NB: the rules are `NeedVisibility.admits`, read the other way round; `SearchAudienceTests`
/// checks the two agree for every combination, and migration 019 writes the same tokens in SQL.
enum SearchAudience {
    /// The tokens a need carries.
    static func tokens(of need: Need) -> [String] {
        var tokens = [requester(need.requesterID)] + need.assigneeIDs.map(assignee) + need.followerIDs.map(follower)
        if need.isConfidential {
            tokens.append(confidentialProvided(need.providingDepartmentID))
        } else {
            tokens += [raised(need.requestingDepartmentID), provided(need.providingDepartmentID)]
        }
        return tokens
    }

    /// The tokens a reader looks for; nil when they read every need.
    static func tokens(readBy visibility: NeedVisibility) -> [String]? {
        guard case .scoped(let scope) = visibility else { return nil }
        var tokens = [requester(scope.personID), assignee(scope.personID), follower(scope.personID), raised(scope.departmentID)]
        if scope.seesProvidedNeeds { tokens.append(provided(scope.departmentID)) }
        if scope.seesConfidentialProvidedNeeds { tokens.append(confidentialProvided(scope.departmentID)) }
        return tokens
    }

    /// Whose notes the reader reads, among the needs `tokens(readBy:)` admits
    /// (`NeedVisibility.admitsInternal`: assigned, or addressed to a department they serve);
    /// nil when they read every need's. A need carries `servedBy` its provider besides `tokens(of:)`.
    static func notesTokens(readBy visibility: NeedVisibility) -> [String]? {
        guard case .scoped(let scope) = visibility else { return nil }
        return [assignee(scope.personID)] + (scope.seesProvidedNeeds ? [servedBy(scope.departmentID)] : [])
    }

    /// What SQLite's search documents keep in their `audience` column (migration 024): the
    /// tokens of `tokens(of:)` and `servedBy`, each one word for FTS5's `ascii` tokenizer.
    static func ftsDocument(of need: Need) -> String {
        (tokens(of: need) + [servedBy(need.providingDepartmentID)]).map(ftsWord).joined(separator: " ")
    }

    /// An FTS5 expression over the `audience` column matching any of the tokens.
    static func ftsMatch(_ tokens: [String]) -> String {
        "{audience} : (" + tokens.map { "\"\(ftsWord($0))\"" }.joined(separator: " OR ") + ")"
    }

    /// A token as one alphanumeric word: `u:0a1b…-…` → `ux0a1b…` (the letters, `x`, the hex digits).
    /// NB: `x` ends every prefix, so `p` + a hex digit `c` can never read as `pc`.
    static func ftsWord(_ token: String) -> String {
        let parts = token.split(separator: ":", maxSplits: 1)
        return parts[0] + "x" + parts[1].replacingOccurrences(of: "-", with: "")
    }

    /// Addressed to this department, confidential or not (whose notes its servers read).
    static func servedBy(_ id: Department.ID) -> String { "s:" + text(id.rawValue) }
    /// Raised by this person.
    static func requester(_ id: Person.ID) -> String { "u:" + text(id.rawValue) }
    /// Assigned to this person.
    static func assignee(_ id: Person.ID) -> String { "a:" + text(id.rawValue) }
    /// Followed by this person.
    static func follower(_ id: Person.ID) -> String { "f:" + text(id.rawValue) }
    /// Raised in this department, not confidential.
    static func raised(_ id: Department.ID) -> String { "r:" + text(id.rawValue) }
    /// Addressed to this department, not confidential.
    static func provided(_ id: Department.ID) -> String { "p:" + text(id.rawValue) }
    /// Addressed to this department, confidential.
    static func confidentialProvided(_ id: Department.ID) -> String { "pc:" + text(id.rawValue) }

    /// A UUID as PostgreSQL writes it (lower case), so migration 019 can write the same tokens.
    private static func text(_ id: UUID) -> String { id.uuidString.lowercased() }
}
