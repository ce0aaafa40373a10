import Foundation

/// Strategic goals that needs may reference.
public protocol GoalStore: Sendable {
    func goal(_ id: StrategicGoal.ID) async throws -> StrategicGoal?
    func goals() async throws -> [StrategicGoal]
    func insert(_ goal: StrategicGoal, at now: Date) async throws
    func update(_ goal: StrategicGoal) async throws
    /// Effort and outcomes of the needs linked to each goal that count for the reader
    /// (`NeedVisibility.countsInFigures`; goals without needs left out).
    func figures(visibility: NeedVisibility) async throws -> [GoalFigures]
}
