import Foundation

/// The first administrator's setup (初始设置): when Tandem made up a one-time password at first
/// start, the administrator who signs in with it chooses their name, e-mail, language and a
/// password of their own before anything else.
public struct SetupWorkflow: Sendable {
    public let settings: any SettingsStore
    public let organisation: OrganisationWorkflow

    public init(settings: any SettingsStore, organisation: OrganisationWorkflow) {
        self.settings = settings
        self.organisation = organisation
    }

    /// Whether `person` must finish the setup first.
    public func isPending(for person: Person) async throws -> Bool {
        AccessPolicy.canManageSettings(person) ? try await settings.administratorSetupPending() : false
    }

    public func markPending() async throws {
        try await settings.setAdministratorSetupPending(true)
    }

    /// Saves the administrator's profile and new password and ends the setup.
    public func complete(
        displayName: String, email: String?, language: Language, currentPassword: String,
        newPassword: String, by actor: Person
    ) async throws -> Person {
        guard try await isPending(for: actor) else { throw TandemError(.conflict, "the setup is already finished") }
        var profile = PersonInput()
        profile.displayName = displayName
        profile.email = .some(email)
        profile.language = language
        _ = try await organisation.updatePerson(actor.id, profile, by: actor)
        try await organisation.setPassword(of: actor.id, current: currentPassword, new: newPassword, by: actor)
        try await settings.setAdministratorSetupPending(false)
        return try await organisation.person(actor.id, for: actor)
    }
}
