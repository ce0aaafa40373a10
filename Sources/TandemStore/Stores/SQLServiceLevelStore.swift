import Foundation
import SQLKit
import TandemCore

/// Business calendars and service-level policies in SQL, as JSON under a scope.
public struct SQLServiceLevelStore: ServiceLevelStore {
    let database: StoreDatabase

    public init(_ database: StoreDatabase) { self.database = database }

    static func scope(_ id: (some CustomStringConvertible)?) -> String { id?.description ?? "default" }

    // NB: calendars and policies are read for every refresh of a need's deadlines; they are
    // remembered for a few seconds (`StoreDatabase.catalog`), forgotten at once by a change here.

    public func calendar(of department: Department.ID?) async throws -> BusinessCalendar? {
        let key = "calendar:" + Self.scope(department)
        let (cached, generation) = database.catalog.entry(for: key)
        if case .calendar(let calendar) = cached { return calendar }
        let calendar = try await load(BusinessCalendar.self, table: "business_calendars", column: "calendar", scope: Self.scope(department))
        database.catalog.remember(.calendar(calendar), for: key, generation: generation)
        return calendar
    }

    public func setCalendar(_ calendar: BusinessCalendar, of department: Department.ID?) async throws {
        defer { database.catalog.forgetAll() }
        try await save(calendar, table: "business_calendars", column: "calendar", scope: Self.scope(department))
    }

    public func policy(of offering: ServiceOffering.ID?) async throws -> ServiceLevelPolicy? {
        let key = "policy:" + Self.scope(offering)
        let (cached, generation) = database.catalog.entry(for: key)
        if case .policy(let policy) = cached { return policy }
        let policy = try await load(ServiceLevelPolicy.self, table: "service_level_policies", column: "policy", scope: Self.scope(offering))
        database.catalog.remember(.policy(policy), for: key, generation: generation)
        return policy
    }

    public func setPolicy(_ policy: ServiceLevelPolicy, of offering: ServiceOffering.ID?) async throws {
        defer { database.catalog.forgetAll() }
        try await save(policy, table: "service_level_policies", column: "policy", scope: Self.scope(offering))
    }

    public func setDeadlines(_ deadlines: ServiceLevelDeadlines, outcome: ServiceLevelOutcome, of need: Need.ID, version: Int) async throws
    {
        try await database.write { sql in
            try await sql.update("needs")
                .set("response_due_at", to: deadlines.responseDueAt?.storable).set(
                    "resolution_due_at", to: deadlines.resolutionDueAt?.storable
                )
                .set("resolution_warning_at", to: deadlines.resolutionWarningAt?.storable).set(
                    "sla_check_at", to: deadlines.checkAt?.storable
                )
                .set("response_seconds", to: outcome.responseSeconds).set("resolution_seconds", to: outcome.resolutionSeconds)
                .set("response_met", to: outcome.responseMet).set("resolution_met", to: outcome.resolutionMet)
                .where("id", .equal, need.rawValue).where("version", .equal, version).run()
        }
    }

    public func deadlines(of need: Need.ID) async throws -> ServiceLevelDeadlines? {
        struct Row: Decodable {
            var response_due_at: Date?
            var resolution_due_at: Date?
            var resolution_warning_at: Date?
            var sla_check_at: Date?
        }
        return try await database.read { sql in
            try await sql.select().columns("response_due_at", "resolution_due_at", "resolution_warning_at", "sla_check_at").from("needs")
                .where("id", .equal, need.rawValue).firstRow(Row.self)
                .map {
                    ServiceLevelDeadlines(
                        responseDueAt: $0.response_due_at, resolutionDueAt: $0.resolution_due_at,
                        resolutionWarningAt: $0.resolution_warning_at, checkAt: $0.sla_check_at)
                }
        }
    }

    public func needsToCheck(at now: Date, limit: Int) async throws -> [(need: Need.ID, checkAt: Date)] {
        struct Row: Decodable { var id: UUID; var sla_check_at: Date }
        return try await database.read { sql in
            try await sql.select().columns("id", "sla_check_at").from("needs").where("sla_check_at", .lessThanOrEqual, now.storable)
                .orderBy("sla_check_at").limit(limit).allRows(Row.self).map { (Need.ID($0.id), $0.sla_check_at) }
        }
    }

    public func recheck(department: Department.ID?, offering: ServiceOffering.ID?, at now: Date) async throws {
        try await database.write { sql in
            var update = sql.update("needs").set("sla_check_at", to: now.storable)
                .where("status", .in, NeedStatus.allCases.filter(\.isOpen).map(\.rawValue))
            if let department { update = update.where("providing_department_id", .equal, department.rawValue) }
            if let offering { update = update.where("offering_id", .equal, offering.rawValue) }
            try await update.run()
        }
    }

    public func recordQuietly(_ alerts: [ServiceLevelAlert], at now: Date) async throws {
        try await database.write { sql in try await Self.insert(alerts, at: now, on: sql) }
    }

    public func alerts(of need: Need.ID) async throws -> Set<ServiceLevelAlert> {
        struct Row: Decodable { var target: String; var level: String }
        return try await database.read { sql in
            Set(
                try await sql.select().columns("target", "level").from("service_level_alerts").where("need_id", .equal, need.rawValue)
                    .allRows(Row.self).compactMap { row in
                        guard let target = ServiceLevelTarget(rawValue: row.target),
                            let level = ServiceLevelAlert.Level(rawValue: row.level)
                        else { return nil }
                        return ServiceLevelAlert(needID: need, target: target, level: level)
                    })
        }
    }

    /// Records alerts inside a need's write; throws `.conflict` when one was recorded before.
    static func insert(_ alerts: [ServiceLevelAlert], at now: Date, on sql: any SQLDatabase) async throws {
        for alert in alerts {
            let inserted = try await sql.insert(into: "service_level_alerts").columns("need_id", "target", "level", "at")
                .values(
                    SQLBind(alert.needID.rawValue), SQLBind(alert.target.rawValue), SQLBind(alert.level.rawValue), SQLBind(now.storable)
                )
                .ignoringConflicts().returning(SQLLiteral.numeric("1")).all()
            guard !inserted.isEmpty else { throw TandemError(.conflict, "this service-level alert was announced already") }
        }
    }

    private func load<Value: Decodable & Sendable>(_ type: Value.Type, table: String, column: String, scope: String) async throws -> Value?
    {
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
