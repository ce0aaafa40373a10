import Foundation

/// Departments and people. Implemented by TandemStore (SQL) and TandemTestSupport (memory).
public protocol OrganisationStore: Sendable {
    func department(_ id: Department.ID) async throws -> Department?
    func departments() async throws -> [Department]
    /// Throws `.conflict` on `code` when the code is taken.
    func insert(_ department: Department) async throws
    func update(_ department: Department) async throws
    /// What still depends on a department: the open needs it raised or serves, the active people
    /// in it and the active departments under it.
    func dependents(of department: Department.ID) async throws -> DepartmentDependents

    func person(_ id: Person.ID) async throws -> Person?
    func person(login: String) async throws -> Person?
    func people(in department: Department.ID?) async throws -> [Person]
    func people(_ ids: [Person.ID]) async throws -> [Person]
    /// The people with this e-mail address (compared without case).
    func people(email: String) async throws -> [Person]
    /// The people whose search key holds one of `patterns` (`PersonSearch.patterns`; none: everyone),
    /// among those `filter` keeps: the login that is the query, then keys that start with it, then
    /// the rest, each by name; a page of them.
    func findPeople(_ patterns: [String], among filter: PeopleFilter, limit: Int, offset: Int) async throws -> [Person]
    /// Throws `.conflict` on `login` when the login is taken.
    func insert(_ person: Person, passwordHash: String?) async throws
    func update(_ person: Person) async throws
    func passwordHash(of person: Person.ID) async throws -> String?
    /// Stores a new password hash and ends every session of the person, in one transaction; with
    /// a time, also revokes (at that time) every API token of the person not yet revoked.
    func setPasswordHash(_ hash: String, of person: Person.ID, revokingTokensAt: Date?) async throws
    func countAdministrators() async throws -> Int
    /// How many active people each department has (departments without any are left out).
    func activeHeadcounts() async throws -> [Department.ID: Int]
    /// How many people there are, counted no further than `limit`.
    func countPeople(upTo limit: Int) async throws -> Int
}
