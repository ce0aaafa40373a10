import Foundation
import SQLKit
import TandemCore

/// Which directory record is which person or department, in `directory_links`.
public struct SQLDirectoryLinkStore: DirectoryLinkStore {
    let database: StoreDatabase

    public init(_ database: StoreDatabase) { self.database = database }

    enum Kind: String {
        case person, department
    }

    struct Row: Codable, Sendable {
        var provider: String
        var kind: String
        var subject: String
        var local_id: UUID
    }

    public func person(provider: String, subject: String) async throws -> Person.ID? {
        try await localID(.person, provider, subject).map(Person.ID.init)
    }

    public func department(provider: String, subject: String) async throws -> Department.ID? {
        try await localID(.department, provider, subject).map(Department.ID.init)
    }

    public func isLinked(_ person: Person.ID, provider: String) async throws -> Bool {
        try await database.read { sql in
            try await sql.select().column("subject").from("directory_links").where("provider", .equal, provider)
                .where("kind", .equal, Kind.person.rawValue).where("local_id", .equal, person.rawValue).first() != nil
        }
    }

    public func link(_ person: Person.ID, provider: String, subject: String) async throws {
        try await insert(Row(provider: provider, kind: Kind.person.rawValue, subject: subject, local_id: person.rawValue))
    }

    public func link(_ department: Department.ID, provider: String, subject: String) async throws {
        try await insert(Row(provider: provider, kind: Kind.department.rawValue, subject: subject, local_id: department.rawValue))
    }

    private func localID(_ kind: Kind, _ provider: String, _ subject: String) async throws -> UUID? {
        struct Found: Decodable { var local_id: UUID }
        return try await database.read { sql in
            try await sql.select().column("local_id").from("directory_links").where("provider", .equal, provider)
                .where("kind", .equal, kind.rawValue).where("subject", .equal, subject).first(decoding: Found.self)?.local_id
        }
    }

    private func insert(_ row: Row) async throws {
        try await database.write { sql in try await sql.insertRow(row, into: "directory_links") }
    }
}
