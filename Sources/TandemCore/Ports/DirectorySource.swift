/// Where a directory sync reads the company's organisation (LDAP; later WeCom, DingTalk, Feishu).
public protocol DirectorySource: Sendable {
    /// Which directory, as links name it (`ldap`).
    var provider: String { get }
    /// Every unit and person the directory holds now. Throws `.unavailable` when it cannot answer.
    func snapshot() async throws -> DirectorySnapshot
}
