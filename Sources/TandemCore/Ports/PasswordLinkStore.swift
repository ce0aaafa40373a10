import Foundation

/// Password links (`PasswordLink`) and their secrets' digests.
public protocol PasswordLinkStore: Sendable {
    func insert(_ link: PasswordLink, digest: String) async throws
    func link(_ id: PasswordLink.ID) async throws -> (link: PasswordLink, digest: String)?
    /// Sets the person's password hash, marks the link used and ends the person's sessions, in one
    /// transaction; throws `.conflict` when the link was used meanwhile.
    func use(_ id: PasswordLink.ID, at: Date, personID: Person.ID, passwordHash: String) async throws
}
