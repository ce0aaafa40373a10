/// What can go wrong talking to a directory.
public enum LDAPError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The server answered an operation with a result code other than success.
    case result(code: Int, message: String)
    /// What the server sent is not an LDAP message this client understands.
    case malformed(String)
    /// A search filter that cannot be parsed (RFC 4515).
    case badFilter(String)
    /// The connection closed, or no answer came in time.
    case unavailable(String)

    /// `invalidCredentials` (49): a wrong password, an unknown or a locked account.
    public static let invalidCredentials = 49

    public var description: String {
        switch self {
        case .result(let code, let message): return "the directory answered \(code)\(message.isEmpty ? "" : ": \(message)")"
        case .malformed(let what): return "the directory sent \(what)"
        case .badFilter(let why): return "bad LDAP filter: \(why)"
        case .unavailable(let why): return "the directory is unavailable: \(why)"
        }
    }
}
