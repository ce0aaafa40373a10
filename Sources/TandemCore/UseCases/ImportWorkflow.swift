import Foundation

/// CSV imports of departments, people and needs, by administrators. A file is read whole and
/// every row checked first: if any row is bad, every bad field is reported with its line and
/// nothing is written; a dry run stops after the check. A good file is written in one
/// transaction, so an import that fails half-way (a restart, a lost database) writes nothing.
public struct ImportWorkflow: Sendable {
    /// What was checked, and what `run` writes when the check found nothing wrong.
    public struct Prepared: Sendable {
        public var record: ImportRecord
        let plan: Plan?
    }

    enum Plan: Sendable {
        case departments([Department])
        case people([PersonImport.Planned])
        case needs([NeedImport.Planned])
    }

    public static let maxRows = 200_000
    /// The problems kept with an import's record (all are counted).
    public static let problemsKept = 1_000

    public let store: any ImportStore
    public let organisation: any OrganisationStore
    public let settings: any SettingsStore
    public let hasher: any PasswordHasher
    public let clock: any Clock
    public let ids: any IDGenerator
    public let timeZone: TimeZone

    public init(
        store: any ImportStore, organisation: any OrganisationStore, settings: any SettingsStore, hasher: any PasswordHasher,
        clock: any Clock, ids: any IDGenerator, timeZone: TimeZone
    ) {
        self.store = store
        self.organisation = organisation
        self.settings = settings
        self.hasher = hasher
        self.clock = clock
        self.ids = ids
        self.timeZone = timeZone
    }

    /// Reads and checks a file. The record (kept, so the page can show it) is `checked` after a
    /// good dry run, `rejected` when a row is bad, or `running` when `run` should write it.
    public func prepare(_ kind: ImportKind, file bytes: [UInt8], fileName: String, dryRun: Bool, by actor: Person) async throws -> Prepared
    {
        guard AccessPolicy.canImport(actor) else { throw TandemError.forbidden("only administrators import") }
        let (text, encoding) = try ImportText.decode(bytes)
        let table = try CSVTable.parse(text)
        guard table.records.count <= Self.maxRows else {
            throw TandemError.invalid("file", "a file may hold at most \(Self.maxRows) rows; split it", .outOfRange, String(Self.maxRows))
        }
        let (columns, headerProblems) = ImportSchema.resolve(table.header, kind: kind)
        var problems = headerProblems
        var plan: Plan?
        if headerProblems.isEmpty {
            let rows = table.records.map { ImportRow($0, columns: columns) }
            let now = clock.now()
            switch kind {
            case .departments:
                let (departments, found) = DepartmentImport.plan(rows, stored: try await organisation.departments(), ids: ids, now: now)
                problems = found
                plan = .departments(departments)
            case .people:
                let (people, found) = PersonImport.plan(
                    rows, departments: try await organisation.departments(),
                    storedLogins: try await store.logins(), ids: ids, now: now)
                problems = found
                plan = .people(people)
            case .needs:
                let everyone = try await organisation.people(in: nil)
                let byLogin = Dictionary(everyone.map { ($0.login, $0) }, uniquingKeysWith: { first, _ in first })
                let (needs, found) = NeedImport.plan(
                    rows, departments: try await organisation.departments(), people: byLogin,
                    now: now, timeZone: timeZone)
                problems = found
                plan = .needs(needs)
            }
        }
        let order = Dictionary(ImportSchema.columns(for: kind).enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        problems.sort { ($0.line, order[$0.field] ?? -1) < ($1.line, order[$1.field] ?? -1) }
        // A problem names its column as the file wrote it (`部门代码`, not `department_code`).
        let written = Dictionary(
            columns.compactMap { position, name in
                table.header.indices.contains(position) ? (name, table.header[position].trimmingCharacters(in: .whitespaces)) : nil
            },
            uniquingKeysWith: { first, _ in first })
        for index in problems.indices { problems[index].field = written[problems[index].field] ?? problems[index].field }
        let state: ImportRecord.State = !problems.isEmpty ? .rejected : dryRun ? .checked : .running
        let record = ImportRecord(
            id: ids.next(), kind: kind, state: state, fileName: String(fileName.prefix(200)), encoding: encoding, rows: table.records.count,
            written: 0, problems: Array(problems.prefix(Self.problemsKept)), problemCount: problems.count, error: nil,
            createdBy: actor.id, createdAt: clock.now(), finishedAt: state == .running ? nil : clock.now())
        try await store.insert(record)
        return Prepared(record: record, plan: state == .running ? plan : nil)
    }

    /// Writes a prepared import (one transaction) and returns its final record: `done`, or
    /// `failed` with the error (then nothing was written). `progress` hears rows written.
    public func run(_ prepared: Prepared, progress: @escaping @Sendable (Int) -> Void = { _ in }) async -> ImportRecord {
        var record = prepared.record
        guard record.state == .running, let plan = prepared.plan else { return record }
        do {
            switch plan {
            case .departments(let departments):
                try await store.write(departments: departments)
            case .people(let people):
                // NB: hashing a password takes a quarter of a second; the progress counts people hashed.
                var hashed: [(person: Person, passwordHash: String?)] = []
                for (index, planned) in people.enumerated() {
                    hashed.append((planned.person, try planned.password.map { try hasher.hash($0) }))
                    if planned.password != nil, index % 10 == 9 { progress(index + 1) }
                }
                try await store.write(people: hashed)
            case .needs(let needs):
                let matrix = try await settings.priorityMatrix()
                let importer = record.createdBy
                let ids = self.ids
                var calendar = Calendar(identifier: .gregorian)
                calendar.timeZone = timeZone
                let builds = needs.map { planned in
                    (
                        year: calendar.component(.year, from: planned.raisedAt),
                        build: { @Sendable (number: NeedNumber) throws -> NeedWrite in
                            try NeedImport.write(planned, number: number, matrix: matrix, recordedBy: importer, ids: ids)
                        }
                    )
                }
                try await store.write(needs: builds, progress: progress)
            }
            record.state = .done
            record.written = record.rows
        } catch {
            record.state = .failed
            record.error = String(describing: error)
        }
        record.finishedAt = clock.now()
        do { try await store.update(record) } catch { record.error = (record.error ?? "") + " (the record could not be updated: \(error))" }
        return record
    }

    /// The stored departments or people in their import file's columns (administrators: the
    /// people's e-mail addresses go with them). Needs have their own list export.
    public func export(_ kind: ImportKind, in language: Language = .en, by actor: Person) async throws -> (
        header: [String], rows: [[String]]
    ) {
        guard AccessPolicy.canImport(actor) else { throw TandemError.forbidden("only administrators export the organisation") }
        let departments = try await organisation.departments()
        switch kind {
        case .departments: return (ImportSchema.template(for: kind, in: language), ImportExport.rows(departments: departments))
        case .people:
            return (
                ImportSchema.template(for: kind, in: language),
                ImportExport.rows(people: try await organisation.people(in: nil), departments: departments)
            )
        case .needs:
            throw TandemError.invalid(
                "kind", "needs are exported from their lists (/needs/export.csv)", .notAnOption, "departments, people")
        }
    }

    public func record(_ id: ImportRecord.ID, for actor: Person) async throws -> ImportRecord {
        guard AccessPolicy.canImport(actor) else { throw TandemError.forbidden("only administrators see imports") }
        guard let record = try await store.record(id) else { throw TandemError.notFound("import") }
        return record
    }

    public func records(for actor: Person, limit: Int = 50) async throws -> [ImportRecord] {
        guard AccessPolicy.canImport(actor) else { throw TandemError.forbidden("only administrators see imports") }
        return try await store.records(limit: limit)
    }

    /// At start-up: the imports a stopped process was running wrote nothing (one transaction).
    /// Those begun within `recent` are left alone (another instance may be running them).
    public func failInterrupted(exceptWithin recent: TimeInterval) async throws -> Int {
        let now = clock.now()
        return try await store.failRunning(
            createdBefore: now.addingTimeInterval(-recent),
            error: "stopped by a restart before it finished; nothing was written", at: now)
    }
}
