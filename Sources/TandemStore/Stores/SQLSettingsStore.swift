import Foundation
import SQLKit
import TandemCore

/// Company settings as key → JSON text.
public struct SQLSettingsStore: SettingsStore {
    let database: StoreDatabase

    public init(_ database: StoreDatabase) { self.database = database }

    static let priorityMatrixKey = "priority_matrix"

    public func priorityMatrix() async throws -> PriorityMatrix {
        let (cached, generation) = database.catalog.entry(for: Self.priorityMatrixKey)
        if case .matrix(let matrix) = cached { return matrix }
        struct Value: Decodable { var value: String }
        let stored = try await database.read { sql in
            try await sql.raw("SELECT value FROM settings WHERE key = \(bind: Self.priorityMatrixKey)").firstRow(Value.self)
        }
        let matrix = try stored.map { try JSONText.decode(PriorityMatrix.self, from: $0.value) } ?? .standard
        database.catalog.remember(.matrix(matrix), for: Self.priorityMatrixKey, generation: generation)
        return matrix
    }

    public func setPriorityMatrix(_ matrix: PriorityMatrix) async throws {
        defer { database.catalog.forgetAll() }
        let text = try JSONText.encode(matrix)
        try await database.write { sql in
            try await sql.delete(from: "settings").where("key", .equal, Self.priorityMatrixKey).run()
            try await sql.insert(into: "settings").columns("key", "value").values(SQLBind(Self.priorityMatrixKey), SQLBind(text)).run()
        }
    }

    static let setupPendingKey = "administrator_setup_pending"

    public func administratorSetupPending() async throws -> Bool {
        struct Value: Decodable { var value: String }
        let stored = try await database.read { sql in
            try await sql.raw("SELECT value FROM settings WHERE key = \(bind: Self.setupPendingKey)").firstRow(Value.self)
        }
        return stored?.value == "true"
    }

    public func setAdministratorSetupPending(_ pending: Bool) async throws {
        try await database.write { sql in
            try await sql.delete(from: "settings").where("key", .equal, Self.setupPendingKey).run()
            if pending {
                try await sql.insert(into: "settings").columns("key", "value").values(SQLBind(Self.setupPendingKey), SQLBind("true")).run()
            }
        }
    }

    static let minimumGroupKey = "minimum_group"

    public func minimumGroup() async throws -> MinimumGroup {
        struct Value: Decodable { var value: String }
        let stored = try await database.read { sql in
            try await sql.raw("SELECT value FROM settings WHERE key = \(bind: Self.minimumGroupKey)").firstRow(Value.self)
        }
        return try stored.flatMap { Int($0.value) }.map(MinimumGroup.init) ?? .standard
    }

    static let localPasswordsKey = "local_passwords"

    public func localPasswords() async throws -> DirectorySignInPolicy.LocalPasswords? {
        struct Value: Decodable { var value: String }
        let stored = try await database.read { sql in
            try await sql.raw("SELECT value FROM settings WHERE key = \(bind: Self.localPasswordsKey)").firstRow(Value.self)
        }
        return stored.flatMap { DirectorySignInPolicy.LocalPasswords(rawValue: $0.value) }
    }

    public func setLocalPasswords(_ choice: DirectorySignInPolicy.LocalPasswords) async throws {
        try await database.write { sql in
            try await sql.delete(from: "settings").where("key", .equal, Self.localPasswordsKey).run()
            try await sql.insert(into: "settings").columns("key", "value").values(SQLBind(Self.localPasswordsKey), SQLBind(choice.rawValue))
                .run()
        }
    }

    public func setMinimumGroup(_ group: MinimumGroup) async throws {
        try await database.write { sql in
            try await sql.delete(from: "settings").where("key", .equal, Self.minimumGroupKey).run()
            try await sql.insert(into: "settings").columns("key", "value").values(
                SQLBind(Self.minimumGroupKey), SQLBind(String(group.size))
            ).run()
        }
    }
}
