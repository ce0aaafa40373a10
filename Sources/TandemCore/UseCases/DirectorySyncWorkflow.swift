import Foundation

/// Syncing the organisation from the company's directory: a dry run shows what would change, a
/// run applies it in one transaction; both are recorded. Administrators run it, or the scheduler.
public struct DirectorySyncWorkflow: Sendable {
    public let source: (any DirectorySource)?
    public let store: any DirectorySyncStore
    public let organisation: any OrganisationStore
    public let clock: any Clock
    public let ids: any IDGenerator

    public init(
        source: (any DirectorySource)?, store: any DirectorySyncStore, organisation: any OrganisationStore, clock: any Clock,
        ids: any IDGenerator
    ) {
        self.source = source
        self.store = store
        self.organisation = organisation
        self.clock = clock
        self.ids = ids
    }

    public var isConfigured: Bool { source != nil }

    /// The job of a scheduled sync.
    public static let scheduledKind = "directory.sync"

    public struct Scheduled: Codable, Sendable {
        public var slot: Int
    }

    /// The scheduled sync due now, every `hours` hours (none when 0 or no directory): one job per
    /// period, keyed so that every process asks for it once.
    public func dueSync(every hours: Int) throws -> Job? {
        guard isConfigured, hours > 0 else { return nil }
        let now = clock.now()
        let slot = Int(now.timeIntervalSince1970) / (hours * 3600)
        return try Job.make(Self.scheduledKind, Scheduled(slot: slot), id: ids.next(), at: now, dedupKey: "directory-sync:\(hours):\(slot)")
    }

    /// Reads the directory and works out the changes; a dry run records them without writing
    /// them, otherwise they are applied. `actor` nil: the scheduler. A failed run changes nothing
    /// and is recorded with its error.
    public func sync(dryRun: Bool, by actor: Person?) async throws -> DirectorySyncRun {
        if let actor { try Self.checkAdministers(actor) }
        guard let source else { throw TandemError(.conflict, "no company directory is configured") }
        let started = clock.now()
        do {
            let snapshot = try await source.snapshot()
            let departments = try await organisation.departments()
            let links = try await store.links(provider: source.provider)
            let units = Set(snapshot.units.map(\.subject))
            var openNeeds: [Department.ID: Int] = [:]
            for (subject, id) in links.departments where !units.contains(subject) {
                openNeeds[id] = try await organisation.dependents(of: id).openNeeds
            }
            let plan = DirectorySyncPlanner.plan(
                snapshot, departments: departments, people: try await organisation.people(in: nil), links: links, openNeeds: openNeeds,
                ids: ids, now: started)
            let run = Self.report(
                plan, id: ids.next(), provider: source.provider, started: started, finished: clock.now(), dryRun: dryRun,
                departments: departments)
            if dryRun { try await store.record(run) } else { try await store.apply(plan, provider: source.provider, run: run) }
            return run
        } catch {
            let message = (error as? TandemError)?.message ?? String(describing: error)
            try? await store.record(
                DirectorySyncRun(
                    id: ids.next(), provider: source.provider, startedAt: started, finishedAt: clock.now(), outcome: .failed,
                    error: message))
            throw error
        }
    }

    /// The departments linked to the directory's units, by unit.
    public func departmentLinks(for actor: Person) async throws -> [String: Department.ID] {
        try Self.checkAdministers(actor)
        guard let source else { return [:] }
        return try await store.departmentLinks(provider: source.provider)
    }

    /// Links a unit of the directory to a department Tandem has, before a run would create one
    /// for it: the mapping an administrator edits. Throws `.conflict` when either is linked.
    public func link(unit subject: String, to department: Department.ID, by actor: Person) async throws {
        try Self.checkAdministers(actor)
        guard let source else { throw TandemError(.conflict, "no company directory is configured") }
        guard try await organisation.department(department) != nil else {
            throw TandemError.invalid("department_id", "no department has this id", .unknownRecord)
        }
        let links = try await store.departmentLinks(provider: source.provider)
        guard links[subject] == nil, !links.values.contains(department) else {
            throw TandemError(.conflict, "the unit or the department is linked already", field: "department_id", reason: .taken)
        }
        try await store.link(department, provider: source.provider, subject: subject)
    }

    /// Removes a unit's link: the next run links the unit by its code again, or creates a department.
    public func unlink(unit subject: String, by actor: Person) async throws {
        try Self.checkAdministers(actor)
        guard let source else { throw TandemError(.conflict, "no company directory is configured") }
        try await store.unlinkDepartment(provider: source.provider, subject: subject)
    }

    /// The latest runs, newest first.
    public func runs(limit: Int = 20, for actor: Person) async throws -> [DirectorySyncRun] {
        try Self.checkAdministers(actor)
        return try await store.runs(limit: limit)
    }

    static func checkAdministers(_ actor: Person) throws {
        guard AccessPolicy.canManageDepartments(actor) else { throw TandemError.forbidden("only administrators sync the directory") }
    }

    /// The run's record of a plan: counts, the first lines, the flags.
    static func report(
        _ plan: DirectorySyncPlan, id: DirectorySyncRun.ID, provider: String, started: Date, finished: Date, dryRun: Bool,
        departments: [Department]
    ) -> DirectorySyncRun {
        var names = Dictionary(departments.map { ($0.id, $0.name) }) { first, _ in first }
        for change in plan.departments { names[change.department.id] = change.department.name }
        let departmentLines = plan.departments.map { change in
            DirectorySyncRun.Line(
                record: "department", actions: change.actions.map(\.rawValue), name: change.department.name,
                place: change.department.parentID.flatMap { names[$0] }, subject: change.subject)
        }
        let personLines = plan.people.map { change in
            DirectorySyncRun.Line(
                record: "person", actions: change.actions.map(\.rawValue), name: "\(change.person.displayName) (\(change.person.login))",
                place: names[change.person.departmentID])
        }
        let flags = plan.flags.map { flag in
            DirectorySyncRun.Line(
                record: flag.kind == .departmentInUse ? "department" : "person", actions: [flag.kind.rawValue], name: flag.name,
                place: flag.dependents.map { "\($0.openNeeds)/\($0.activePeople)/\($0.activeDepartments)" })
        }
        return DirectorySyncRun(
            id: id, provider: provider, startedAt: started, finishedAt: finished, outcome: dryRun ? .dryRun : .applied,
            departmentCounts: Dictionary(plan.departmentCounts.map { ($0.key.rawValue, $0.value) }) { first, _ in first },
            personCounts: Dictionary(plan.personCounts.map { ($0.key.rawValue, $0.value) }) { first, _ in first },
            lines: Array((departmentLines + personLines).prefix(DirectorySyncRun.maxLines)), flags: flags)
    }
}
