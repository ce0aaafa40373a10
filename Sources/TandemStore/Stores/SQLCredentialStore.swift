import Foundation
import SQLKit
import TandemCore

/// Sessions, API tokens and failed sign-ins in SQL, shared by every instance.
public struct SQLCredentialStore: CredentialStore {
    let database: StoreDatabase

    public init(_ database: StoreDatabase) { self.database = database }

    public func insertSession(digest: String, person: Person.ID, createdAt: Date, expiresAt: Date) async throws {
        try await database.write { sql in
            // NB: expired sessions are swept on the way, so the table stays small without a job.
            try await sql.delete(from: "sessions").where("expires_at", .lessThan, createdAt).run()
            try await sql.insert(into: "sessions").columns("digest", "person_id", "created_at", "expires_at")
                .values(SQLBind(digest), SQLBind(person.rawValue), SQLBind(createdAt), SQLBind(expiresAt)).run()
        }
    }

    // NB: the two lookups below run on every request, so their SQL is written out once rather
    // than built and serialised each time.

    public func sessionPerson(digest: String, at now: Date) async throws -> Person? {
        let (cached, generation) = database.credentials.entry(for: digest)
        if case .session(let person) = cached { return person }
        let person = try await database.read { sql in
            try await sql.raw(
                """
                SELECT \(unsafeRaw: PersonRow.columnList) FROM sessions JOIN people ON people.id = sessions.person_id
                WHERE sessions.digest = \(bind: digest) AND sessions.expires_at > \(bind: now)
                """
            ).firstRow(PersonRow.self)?.person
        }
        if let person { database.credentials.remember(.session(person), for: digest, generation: generation) }
        return person
    }

    public func deleteSession(digest: String) async throws {
        defer { database.credentials.forgetAll() }
        try await database.write { sql in try await sql.delete(from: "sessions").where("digest", .equal, digest).run() }
    }

    struct TokenRow: Codable, Sendable {
        var id: UUID
        var person_id: UUID
        var name: String
        var created_at: Date
        var last_used_at: Date?
        var expires_at: Date?
        var revoked_at: Date?

        init(_ token: APIToken) {
            id = token.id.rawValue
            person_id = token.personID.rawValue
            name = token.name
            created_at = token.createdAt
            last_used_at = token.lastUsedAt
            expires_at = token.expiresAt
            revoked_at = token.revokedAt
        }

        var token: APIToken {
            APIToken(
                id: .init(id), personID: .init(person_id), name: name, createdAt: created_at, lastUsedAt: last_used_at,
                expiresAt: expires_at, revokedAt: revoked_at)
        }
    }

    static let tokenColumnNames = ["id", "person_id", "name", "created_at", "last_used_at", "expires_at", "revoked_at"]
    static let tokenColumns = tokenColumnNames.map { SQLIdentifier($0) }

    public func insert(_ token: APIToken, digest: String) async throws {
        struct NewTokenRow: Encodable, Sendable {
            var token: TokenRow
            var digest: String
            func encode(to encoder: any Encoder) throws {
                try token.encode(to: encoder)
                var container = encoder.container(keyedBy: DigestKey.self)
                try container.encode(digest, forKey: .digest)
            }
            enum DigestKey: String, CodingKey { case digest }
        }
        try await database.write { sql in try await sql.insertRow(NewTokenRow(token: TokenRow(token), digest: digest), into: "api_tokens") }
    }

    static let tokenJoin = """
        SELECT \(tokenColumnNames.map { "api_tokens.\($0) AS token_\($0)" }.joined(separator: ", ")), \(PersonRow.columnList)
        FROM api_tokens JOIN people ON people.id = api_tokens.person_id WHERE api_tokens.digest =
        """

    public func token(digest: String) async throws -> (APIToken, Person)? {
        let (cached, generation) = database.credentials.entry(for: digest)
        if case .token(let token, let person) = cached { return (token, person) }
        let found = try await database.read { sql -> (APIToken, Person)? in
            guard let row = try await sql.raw("\(unsafeRaw: Self.tokenJoin) \(bind: digest)").first() else { return nil }
            return (try row.decode(model: TokenRow.self, prefix: "token_").token, try row.decode(model: PersonRow.self).person)
        }
        if let (token, person) = found { database.credentials.remember(.token(token, person), for: digest, generation: generation) }
        return found
    }

    public func tokens(of person: Person.ID) async throws -> [APIToken] {
        try await database.read { sql in
            try await sql.select().columns(Self.tokenColumns).from("api_tokens").where("person_id", .equal, person.rawValue)
                .orderBy("created_at").allRows(TokenRow.self).map(\.token)
        }
    }

    /// Unlike `update`, keeps every other cached credential: noting a use happens once a minute
    /// per token, and emptying the cache that often would make it useless.
    public func noteUse(of token: APIToken, digest: String) async throws {
        let (cached, generation) = database.credentials.entry(for: digest)
        try await database.write { sql in
            try await sql.update("api_tokens").set("last_used_at", to: token.lastUsedAt).where("id", .equal, token.id.rawValue).run()
        }
        if case .token(_, let person) = cached {
            database.credentials.remember(.token(token, person), for: digest, generation: generation)
        }
    }

    public func update(_ token: APIToken) async throws {
        defer { database.credentials.forgetAll() }
        _ = try await database.write { sql in try await sql.updateRow(TokenRow(token), in: "api_tokens", id: token.id.rawValue) }
    }

    public func recordFailedSignIn(login: String, address: String, at: Date) async throws {
        try await database.write { sql in
            // NB: failures older than a day no longer count for anything; dropping them here keeps
            // the table small without a job.
            try await sql.delete(from: "sign_in_failures").where("at", .lessThan, at.addingTimeInterval(-86_400)).run()
            try await sql.insert(into: "sign_in_failures").columns("id", "login", "address", "at")
                .values(SQLBind(UUID()), SQLBind(login), SQLBind(address), SQLBind(at)).run()
        }
    }

    public func failedSignIns(login: String?, address: String, since: Date) async throws -> FailedSignIns {
        struct Row: Decodable { var count: Int; var last: Date? }
        return try await database.read { sql in
            var query = sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "count")
                .column(SQLFunction("MAX", args: SQLIdentifier("at")), as: "last").from("sign_in_failures")
                .where("address", .equal, SQLBind(address)).where("at", .greaterThanOrEqual, since)
            if let login { query = query.where("login", .equal, SQLBind(login)) }
            let row = try await query.firstRow(Row.self)
            return FailedSignIns(count: row?.count ?? 0, last: row?.last)
        }
    }

    public func clearFailedSignIns(login: String, address: String) async throws {
        try await database.write { sql in
            try await sql.delete(from: "sign_in_failures").where("login", .equal, login).where("address", .equal, address).run()
        }
    }
}
