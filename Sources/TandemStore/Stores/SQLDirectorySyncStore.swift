import Foundation
import SQLKit
import TandemCore

/// Directory syncs in `directory_links`, `directory_sync_runs`, `departments` and `people`.
public struct SQLDirectorySyncStore: DirectorySyncStore {
    let database: StoreDatabase

    public init(_ database: StoreDatabase) { self.database = database }

    struct RunRow: Codable, Sendable {
        var id: UUID
        var started_at: Date
        var report: String
    }

    public func links(provider: String) async throws -> DirectoryLinks {
        var links = DirectoryLinks()
        for row in try await rows(provider, kind: nil) {
            switch SQLDirectoryLinkStore.Kind(rawValue: row.kind) {
            case .person: links.people[row.subject] = Person.ID(row.local_id)
            case .department: links.departments[row.subject] = Department.ID(row.local_id)
            case nil: continue
            }
        }
        return links
    }

    public func departmentLinks(provider: String) async throws -> [String: Department.ID] {
        Dictionary(try await rows(provider, kind: .department).map { ($0.subject, Department.ID($0.local_id)) }) { first, _ in first }
    }

    private func rows(_ provider: String, kind: SQLDirectoryLinkStore.Kind?) async throws -> [SQLDirectoryLinkStore.Row] {
        try await database.read { sql in
            var query = sql.select().columns("provider", "kind", "subject", "local_id").from("directory_links")
                .where("provider", .equal, provider)
            if let kind { query = query.where("kind", .equal, kind.rawValue) }
            return try await query.all(decoding: SQLDirectoryLinkStore.Row.self)
        }
    }

    public func link(_ department: Department.ID, provider: String, subject: String) async throws {
        try await SQLDirectoryLinkStore(database).link(department, provider: provider, subject: subject)
    }

    public func unlinkDepartment(provider: String, subject: String) async throws {
        try await database.write { sql in
            try await sql.delete(from: "directory_links").where("provider", .equal, provider)
                .where("kind", .equal, SQLDirectoryLinkStore.Kind.department.rawValue).where("subject", .equal, subject).run()
        }
    }

    public func apply(_ plan: DirectorySyncPlan, provider: String, run: DirectorySyncRun) async throws {
        defer {
            database.credentials.forgetAll()
            database.departmentPeople.forgetAll()
            database.departments.forgetAll()
        }
        let report = try Self.report(run)
        try await database.write { sql in
            for change in plan.departments {
                if change.before == nil {
                    try await sql.insertRow(DepartmentRow(change.department), into: "departments")
                } else {
                    try await sql.updateRow(DepartmentRow(change.department), in: "departments", id: change.department.id.rawValue)
                }
                if change.actions.contains(.create) || change.actions.contains(.link) {
                    try await sql.insertRow(
                        SQLDirectoryLinkStore.Row(
                            provider: provider, kind: SQLDirectoryLinkStore.Kind.department.rawValue, subject: change.subject,
                            local_id: change.department.id.rawValue), into: "directory_links")
                }
            }
            for change in plan.people {
                if change.before == nil {
                    try await sql.insertRow(PersonRow(change.person), into: "people")
                } else {
                    try await sql.updateRow(PersonRow(change.person), in: "people", id: change.person.id.rawValue)
                }
                if change.actions.contains(.create) || change.actions.contains(.link) {
                    try await sql.insertRow(
                        SQLDirectoryLinkStore.Row(
                            provider: provider, kind: SQLDirectoryLinkStore.Kind.person.rawValue, subject: change.subject,
                            local_id: change.person.id.rawValue), into: "directory_links")
                }
            }
            try await sql.insertRow(RunRow(id: run.id.rawValue, started_at: run.startedAt, report: report), into: "directory_sync_runs")
        }
    }

    public func record(_ run: DirectorySyncRun) async throws {
        let report = try Self.report(run)
        try await database.write { sql in
            try await sql.insertRow(RunRow(id: run.id.rawValue, started_at: run.startedAt, report: report), into: "directory_sync_runs")
        }
    }

    public func runs(limit: Int) async throws -> [DirectorySyncRun] {
        let rows = try await database.read { sql in
            try await sql.select().columns("id", "started_at", "report").from("directory_sync_runs").orderBy("started_at", .descending)
                .limit(limit).all(decoding: RunRow.self)
        }
        return try rows.map { try JSONText.decode(DirectorySyncRun.self, from: $0.report) }
    }

    static func report(_ run: DirectorySyncRun) throws -> String { try JSONText.encode(run) }
}
