import Foundation

/// Company-wide settings: read by everyone signed in, changed by administrators.
public struct SettingsWorkflow: Sendable {
    public let settings: any SettingsStore

    public init(settings: any SettingsStore) { self.settings = settings }

    public func priorityMatrix(for actor: Person) async throws -> PriorityMatrix {
        try await settings.priorityMatrix()
    }

    /// Replaces the matrix. Needs keep the priority they have until they are next triaged.
    /// Throws unless the actor may change the company's settings (callers check before reading a body).
    public func checkMayChange(by actor: Person) throws {
        guard AccessPolicy.canManageSettings(actor) else { throw TandemError.forbidden("only administrators change the priority matrix") }
    }

    public func setPriorityMatrix(_ matrix: PriorityMatrix, by actor: Person) async throws -> PriorityMatrix {
        try checkMayChange(by: actor)
        try await settings.setPriorityMatrix(matrix)
        return matrix
    }

    /// The minimum group for anonymous and per-pair results: read by everyone signed in (it is
    /// part of what the company promises), changed by administrators.
    public func minimumGroup(for actor: Person) async throws -> MinimumGroup {
        try await settings.minimumGroup()
    }

    public func setMinimumGroup(_ group: MinimumGroup, by actor: Person) async throws -> MinimumGroup {
        guard AccessPolicy.canManageSettings(actor) else { throw TandemError.forbidden("only administrators change the minimum group") }
        try await settings.setMinimumGroup(group)
        return group
    }
}
