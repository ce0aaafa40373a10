import Foundation

/// Company-wide settings.
public protocol SettingsStore: Sendable {
    func priorityMatrix() async throws -> PriorityMatrix
    func setPriorityMatrix(_ matrix: PriorityMatrix) async throws
    /// Whether the first administrator still has to finish the setup (name, password).
    func administratorSetupPending() async throws -> Bool
    func setAdministratorSetupPending(_ pending: Bool) async throws
    /// The minimum group for anonymous and per-pair results (the standard one until set).
    func minimumGroup() async throws -> MinimumGroup
    func setMinimumGroup(_ group: MinimumGroup) async throws
    /// Who may use a password kept by Tandem when people sign in with the company's identity
    /// (nil: not set by an administrator).
    func localPasswords() async throws -> DirectorySignInPolicy.LocalPasswords?
    func setLocalPasswords(_ choice: DirectorySignInPolicy.LocalPasswords) async throws
}
