/// The company's directory, checking a password (an LDAP bind): Tandem stores no password of a
/// directory account.
public protocol DirectoryAuthenticator: Sendable {
    /// Which directory, as links name it (`ldap`).
    var provider: String { get }
    /// The account whose password this is; nil for a wrong password, or an unknown or disabled
    /// account. Throws `.unavailable` when the directory cannot answer.
    func authenticate(login: String, password: String) async throws -> DirectoryAccount?
}
