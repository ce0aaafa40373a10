import Foundation
import SQLKit
import TandemCore

/// Business calendars and service-level policies in SQL, as JSON under a scope.
public struct SQLServiceLevelStore: ServiceLevelStore {
    let database: StoreDatabase

    public init(_ database: StoreDatabase) { self.database = database }

    static func scope(_ id: (some CustomStringConvertible)?) -> String { id?.description ?? "default" }

    public func calendar(of department: Department.ID?) async throws -> BusinessCalendar? {
        try await load(BusinessCalendar.self, table: "business_calendars", column: "calendar", scope: Self.scope(department))
    }

    public func setCalendar(_ calendar: BusinessCalendar, of department: Department.ID?) async throws {
        try await save(calendar, table: "business_calendars", column: "calendar", scope: Self.scope(department))
    }

    public func policy(of offering: ServiceOffering.ID?) async throws -> ServiceLevelPolicy? {
        try await load(ServiceLevelPolicy.self, table: "service_level_policies", column: "policy", scope: Self.scope(offering))
    }

    public func setPolicy(_ policy: ServiceLevelPolicy, of offering: ServiceOffering.ID?) async throws {
        try await save(policy, table: "service_level_policies", column: "policy", scope: Self.scope(offering))
    }

    private func load<Value: Decodable & Sendable>(_ type: Value.Type, table: String, column: String, scope: String) async throws -> Value? {
        let text = try await database.read { sql in
            try await sql.select().column(column).from(table).where("scope", .equal, scope).first()?
                .decode(column: column, as: String.self)
        }
        return try text.map { try JSONText.decode(Value.self, from: $0) }
    }

    private func save<Value: Encodable>(_ value: Value, table: String, column: String, scope: String) async throws {
        let text = try JSONText.encode(value)
        let now = Date().storable
        try await database.write { sql in
            try await sql.delete(from: table).where("scope", .equal, scope).run()
            try await sql.insert(into: table).columns("scope", column, "updated_at")
                .values(SQLBind(scope), SQLBind(text), SQLBind(now)).run()
        }
    }
}
