import Foundation

/// Sessions, API tokens and sign-in throttling, stored so that several instances share them.
public protocol CredentialStore: Sendable {
    func insertSession(digest: String, person: Person.ID, createdAt: Date, expiresAt: Date) async throws
    /// The person of a live session, or `nil` (one lookup: this runs on every request).
    func sessionPerson(digest: String, at now: Date) async throws -> Person?
    func deleteSession(digest: String) async throws

    func insert(_ token: APIToken, digest: String) async throws
    /// The token with this digest and its person (one lookup: this runs on every request).
    func token(digest: String) async throws -> (APIToken, Person)?
    func tokens(of person: Person.ID) async throws -> [APIToken]
    func update(_ token: APIToken) async throws
    /// Notes when the token with this digest was last used (it changes nothing else about it).
    func noteUse(of token: APIToken, digest: String) async throws

    func recordFailedSignIn(login: String, address: String, at: Date) async throws
    /// The failed sign-ins from `address` since a moment, for one login or (nil) any.
    func failedSignIns(login: String?, address: String, since: Date) async throws -> FailedSignIns
    /// Forgets the failures of one login from one address (after it signed in there).
    func clearFailedSignIns(login: String, address: String) async throws
}
