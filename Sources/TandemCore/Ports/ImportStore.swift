import Foundation

/// CSV imports: their records, and the all-or-nothing writes of what they bring in.
public protocol ImportStore: Sendable {
    func insert(_ record: ImportRecord) async throws
    func update(_ record: ImportRecord) async throws
    func record(_ id: ImportRecord.ID) async throws -> ImportRecord?
    /// The newest imports first.
    func records(limit: Int) async throws -> [ImportRecord]
    /// Marks the imports still running that began before `cutoff` as failed (the process that
    /// ran them stopped); how many.
    func failRunning(createdBefore cutoff: Date, error: String, at now: Date) async throws -> Int
    /// Every login in use (lower-case), to refuse an imported one that is taken.
    func logins() async throws -> Set<String>
    /// Writes the departments (parents before children) in one transaction.
    func write(departments: [Department]) async throws
    /// Writes the people with their password hashes in one transaction.
    func write(people: [(person: Person, passwordHash: String?)]) async throws
    /// Numbers each need in its year and writes what `build` makes of it, all in one
    /// transaction; `progress` hears how many are written as it goes.
    func write(needs: [(year: Int, build: @Sendable (NeedNumber) throws -> NeedWrite)], progress: @escaping @Sendable (Int) -> Void)
        async throws
}
