import Foundation
import SQLKit
import TandemCore

/// CSV imports in `imports`, and their all-or-nothing writes of departments, people and needs.
public struct SQLImportStore: ImportStore {
    let database: StoreDatabase

    public init(_ database: StoreDatabase) { self.database = database }

    struct Row: Codable, Sendable {
        var id: UUID
        var kind: String
        var state: String
        var file_name: String
        var encoding: String
        var rows: Int
        var written: Int
        var problems: String
        var problem_count: Int
        var error: String?
        var created_by: UUID
        var created_at: Date
        var finished_at: Date?

        init(_ record: ImportRecord) throws {
            id = record.id.rawValue
            kind = record.kind.rawValue
            state = record.state.rawValue
            file_name = record.fileName
            encoding = record.encoding.rawValue
            rows = record.rows
            written = record.written
            problems = try JSONText.encode(record.problems)
            problem_count = record.problemCount
            error = record.error
            created_by = record.createdBy.rawValue
            created_at = record.createdAt.storable
            finished_at = record.finishedAt?.storable
        }

        func record() throws -> ImportRecord {
            ImportRecord(
                id: .init(id), kind: ImportKind(rawValue: kind) ?? .needs, state: ImportRecord.State(rawValue: state) ?? .failed,
                fileName: file_name, encoding: ImportText.Encoding(rawValue: encoding) ?? .utf8, rows: rows, written: written,
                problems: try JSONText.decode([ImportProblem].self, from: problems), problemCount: problem_count, error: error,
                createdBy: .init(created_by), createdAt: created_at, finishedAt: finished_at)
        }
    }

    public func insert(_ record: ImportRecord) async throws {
        let row = try Row(record)
        try await database.write { sql in try await sql.insertRow(row, into: "imports") }
    }

    public func update(_ record: ImportRecord) async throws {
        let row = try Row(record)
        _ = try await database.write { sql in try await sql.updateRow(row, in: "imports", id: row.id) }
    }

    public func record(_ id: ImportRecord.ID) async throws -> ImportRecord? {
        try await database.read { sql in
            try await sql.select().column("*").from("imports").where("id", .equal, id.rawValue).firstRow(Row.self)?.record()
        }
    }

    public func records(limit: Int) async throws -> [ImportRecord] {
        try await database.read { sql in
            try await sql.select().column("*").from("imports").orderBy("created_at", .descending).limit(limit).allRows(Row.self).map {
                try $0.record()
            }
        }
    }

    public func failRunning(createdBefore cutoff: Date, error: String, at now: Date) async throws -> Int {
        try await database.write { sql in
            try await sql.update("imports").set("state", to: ImportRecord.State.failed.rawValue).set("error", to: error)
                .set("finished_at", to: now.storable).where("state", .equal, ImportRecord.State.running.rawValue).where(
                    "created_at", .lessThan, cutoff.storable
                ).runCountingRows()
        }
    }

    public func logins() async throws -> Set<String> {
        struct Login: Decodable { var login: String }
        return try await database.read { sql in
            Set(try await sql.select().column("login").from("people").allRows(Login.self).map { $0.login.lowercased() })
        }
    }

    public func write(departments: [Department]) async throws {
        defer { database.departments.forgetAll() }
        try await database.write { sql in
            for department in departments { try await sql.insertRow(DepartmentRow(department), into: "departments") }
        }
    }

    public func write(people: [(person: Person, passwordHash: String?)]) async throws {
        defer { database.departmentPeople.forgetAll() }
        try await database.write { sql in
            for (person, hash) in people {
                try await sql.insertRow(PersonRow(person), into: "people")
                if let hash { try await sql.update("people").set("password_hash", to: hash).where("id", .equal, person.id.rawValue).run() }
            }
        }
    }

    public func write(needs: [(year: Int, build: @Sendable (NeedNumber) throws -> NeedWrite)], progress: @escaping @Sendable (Int) -> Void)
        async throws
    {
        let needStore = SQLNeedStore(database)
        if database.dialect == .postgres { for year in Set(needs.map(\.year)) { try await needStore.ensureSequence(year: year) } }
        try await database.write { [dialect = database.dialect] sql in
            for (index, item) in needs.enumerated() {
                _ = try await SQLNeedStore.insert(year: item.year, item.build, dialect: dialect, sql)
                if index % 200 == 199 || index == needs.count - 1 { progress(index + 1) }
            }
        }
    }
}
