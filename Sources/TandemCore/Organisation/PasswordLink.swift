import Foundation

/// A link by e-mail with which a person sets their own password: after "forgot password" (a
/// reset), or when an administrator invites them. Only a digest of its secret is kept; it works
/// once, and not after it expires.
public struct PasswordLink: Hashable, Sendable {
    public typealias ID = Identifier<PasswordLink>

    public enum Purpose: String, Sendable, Codable, CaseIterable {
        case reset, invitation

        /// How long a link stays valid: an hour for a reset, a week for an invitation.
        public var lifetime: TimeInterval { self == .reset ? 3600 : 7 * 86_400 }
    }

    public var id: ID
    public var personID: Person.ID
    public var purpose: Purpose
    public var createdAt: Date
    public var expiresAt: Date
    public var usedAt: Date?

    public init(id: ID, personID: Person.ID, purpose: Purpose, createdAt: Date, expiresAt: Date, usedAt: Date? = nil) {
        self.id = id
        self.personID = personID
        self.purpose = purpose
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.usedAt = usedAt
    }
}

/// The token of a one-use link (a rating link, a password link): the link's id and its secret,
/// `<uuid>.<secret>`.
public enum LinkToken {
    public static func make<Subject>(id: Identifier<Subject>, secret: String) -> String { "\(id).\(secret)" }

    /// The id and secret of a token, or nil when it has not that shape.
    public static func parse<Subject>(_ token: String) -> (id: Identifier<Subject>, secret: String)? {
        let parts = token.split(separator: ".", maxSplits: 1)
        guard parts.count == 2, let id = Identifier<Subject>(String(parts[0])), parts[1].count >= 32 else { return nil }
        return (id, String(parts[1]))
    }
}
