import Foundation

/// Strategic goals (战略目标): administrators set them; everyone signed in reads them with the
/// effort and outcomes of the needs linked to them (providers link needs when they judge them).
public struct GoalWorkflow: Sendable {
    public let store: any GoalStore
    public let clock: any Clock
    public let ids: any IDGenerator

    public init(store: any GoalStore, clock: any Clock, ids: any IDGenerator) {
        self.store = store
        self.clock = clock
        self.ids = ids
    }

    /// Every goal, active ones first, each with its figures.
    public func goals(for actor: Person) async throws -> [(goal: StrategicGoal, figures: GoalFigures)] {
        let figures = Dictionary(
            try await store.figures(visibility: NeedVisibility(for: actor)).map { ($0.goalID, $0) }, uniquingKeysWith: { first, _ in first }
        )
        return try await store.goals()
            .sorted { $0.isActive != $1.isActive ? $0.isActive : ($0.weight != $1.weight ? $0.weight > $1.weight : $0.title < $1.title) }
            .map { ($0, figures[$0.id] ?? GoalFigures(goalID: $0.id)) }
    }

    public func goal(_ id: StrategicGoal.ID, for actor: Person) async throws -> StrategicGoal {
        guard let goal = try await store.goal(id) else { throw TandemError.notFound("goal") }
        return goal
    }

    /// Throws unless the actor may set goals (callers check before reading a body).
    public func checkMayManage(by actor: Person) throws {
        guard AccessPolicy.canManageSettings(actor) else { throw TandemError.forbidden("only administrators set the company's goals") }
    }

    public func create(_ input: GoalInput, by actor: Person) async throws -> StrategicGoal {
        try checkMayManage(by: actor)
        let goal = try input.goal(id: StrategicGoal.ID(ids.make()))
        try await store.insert(goal, at: clock.now())
        return goal
    }

    public func update(_ id: StrategicGoal.ID, _ input: GoalInput, by actor: Person) async throws -> StrategicGoal {
        try checkMayManage(by: actor)
        guard try await store.goal(id) != nil else { throw TandemError.notFound("goal") }
        let goal = try input.goal(id: id)
        try await store.update(goal)
        return goal
    }
}
