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
}
