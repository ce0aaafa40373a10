import Foundation
import SQLKit
import TandemCore

/// Company settings as key → JSON text.
public struct SQLSettingsStore: SettingsStore, GoalStore {
    let database: StoreDatabase

    public init(_ database: StoreDatabase) { self.database = database }

    static let priorityMatrixKey = "priority_matrix"

    public func priorityMatrix() async throws -> PriorityMatrix {
        struct Value: Decodable { var value: String }
        let stored = try await database.read { sql in
            try await sql.select().column("value").from("settings").where("key", .equal, Self.priorityMatrixKey).firstRow(Value.self)
        }
        guard let stored else { return .standard }
        return try JSONText.decode(PriorityMatrix.self, from: stored.value)
    }

    public func setPriorityMatrix(_ matrix: PriorityMatrix) async throws {
        let text = try JSONText.encode(matrix)
        try await database.write { sql in
            try await sql.delete(from: "settings").where("key", .equal, Self.priorityMatrixKey).run()
            try await sql.insert(into: "settings").columns("key", "value").values(SQLBind(Self.priorityMatrixKey), SQLBind(text)).run()
        }
    }

    public func goal(_ id: StrategicGoal.ID) async throws -> StrategicGoal? {
        struct Row: Decodable { var id: UUID; var title: String; var weight: Int; var is_active: Bool }
        return try await database.read { sql in
            try await sql.select().columns("id", "title", "weight", "is_active").from("strategic_goals")
                .where("id", .equal, id.rawValue).firstRow(Row.self)
                .map { StrategicGoal(id: .init($0.id), title: $0.title, weight: $0.weight, isActive: $0.is_active) }
        }
    }
}
