/// Which directory record is which Tandem record: a person or a department, by the directory's
/// stable id. Each directory record is linked to one Tandem record and the other way round.
public protocol DirectoryLinkStore: Sendable {
    func person(provider: String, subject: String) async throws -> Person.ID?
    func department(provider: String, subject: String) async throws -> Department.ID?
    /// Whether the person is linked to a record of this directory.
    func isLinked(_ person: Person.ID, provider: String) async throws -> Bool
    /// Throws `.conflict` when either side is linked already.
    func link(_ person: Person.ID, provider: String, subject: String) async throws
    func link(_ department: Department.ID, provider: String, subject: String) async throws
}
