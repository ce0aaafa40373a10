import Foundation
import SQLKit
import TandemCore

/// Password links in `password_links`.
public struct SQLPasswordLinkStore: PasswordLinkStore {
    let database: StoreDatabase

    public init(_ database: StoreDatabase) { self.database = database }

    struct Row: Codable, Sendable {
        var id: UUID
        var person_id: UUID
        var purpose: String
        var digest: String
        var created_at: Date
        var expires_at: Date
        var used_at: Date?
    }

    public func insert(_ link: PasswordLink, digest: String) async throws {
        let row = Row(
            id: link.id.rawValue, person_id: link.personID.rawValue, purpose: link.purpose.rawValue, digest: digest,
            created_at: link.createdAt, expires_at: link.expiresAt, used_at: link.usedAt)
        try await database.write { sql in try await sql.insertRow(row, into: "password_links") }
    }

    public func link(_ id: PasswordLink.ID) async throws -> (link: PasswordLink, digest: String)? {
        let row = try await database.read { sql in
            try await sql.select().column("*").from("password_links").where("id", .equal, id.rawValue).first(decoding: Row.self)
        }
        guard let row, let purpose = PasswordLink.Purpose(rawValue: row.purpose) else { return nil }
        return (
            PasswordLink(
                id: .init(row.id), personID: .init(row.person_id), purpose: purpose, createdAt: row.created_at, expiresAt: row.expires_at,
                usedAt: row.used_at), row.digest
        )
    }

    public func use(_ id: PasswordLink.ID, at now: Date, personID: Person.ID, passwordHash: String) async throws {
        defer { database.credentials.forgetAll() }
        try await database.write { sql in
            let used = try await sql.update("password_links").set("used_at", to: now.storable).where("id", .equal, id.rawValue)
                .where("used_at", .is, SQLLiteral.null).runCountingRows()
            guard used == 1 else { throw TandemError(.conflict, "this link was used already") }
            try await sql.update("people").set("password_hash", to: passwordHash).where("id", .equal, personID.rawValue).run()
            // NB: a new password ends every session of the person, as any password change does.
            try await sql.delete(from: "sessions").where("person_id", .equal, personID.rawValue).run()
        }
    }
}
