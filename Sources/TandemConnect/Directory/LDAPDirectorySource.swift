import Foundation
import TandemCore

/// The company's organisation as the LDAP directory holds it: units (organisational units under
/// `unitsDN`) and people (under the base DN), a person belonging to the unit they sit in, read a
/// page at a time with the service account.
public struct LDAPDirectorySource: DirectorySource {
    let settings: LDAPSettings

    public init(settings: LDAPSettings) { self.settings = settings }
    public var provider: String { "ldap" }
    /// Entries per page of the paged searches (servers cap a search at 500 or 1,000).
    static let pageSize = 400

    public func snapshot() async throws -> DirectorySnapshot {
        let settings = settings
        let id = settings.idAttribute
        do {
            return try await LDAPClient.withConnection(to: try settings.endpoint) { connection in
                try await connection.bind(dn: settings.bindDN, password: settings.bindPassword)
                let unitEntries = try await connection.search(
                    LDAPSearch(
                        base: settings.unitsDN, filter: try LDAPFilter(settings.unitFilter),
                        attributes: [id, settings.unitNameAttribute] + [settings.unitCodeAttribute].compactMap { $0 }),
                    pageSize: Self.pageSize)
                let people = try LDAPFilter(settings.peopleFilter)
                let personEntries = try await connection.search(
                    LDAPSearch(
                        base: settings.baseDN, filter: people,
                        attributes: [id, settings.loginAttribute, settings.nameAttribute, "cn", settings.mailAttribute, "manager"]),
                    pageSize: Self.pageSize)
                let disabled = try await connection.search(
                    LDAPSearch(base: settings.baseDN, filter: .and([people, try LDAPFilter(settings.disabledFilter)]), attributes: [id]),
                    pageSize: Self.pageSize)
                return Self.snapshot(
                    units: unitEntries, people: personEntries, disabled: Set(disabled.compactMap { LDAPDirectory.id($0, id) }),
                    settings: settings)
            }
        } catch let error as LDAPError {
            throw TandemError(.unavailable, "the company directory did not answer: \(error.description)")
        }
    }

    /// The snapshot of what the searches found: units under the units' base (not the base
    /// itself), each person in the unit they sit in, managers by their DN.
    static func snapshot(units: [LDAPEntry], people: [LDAPEntry], disabled: Set<String>, settings: LDAPSettings) -> DirectorySnapshot {
        let id = settings.idAttribute
        let base = normalized(settings.unitsDN)
        var unitByDN: [String: String] = [:]
        for entry in units where normalized(entry.dn) != base {
            if let subject = LDAPDirectory.id(entry, id) { unitByDN[normalized(entry.dn)] = subject }
        }
        let directoryUnits = units.compactMap { entry -> DirectoryUnit? in
            guard let subject = unitByDN[normalized(entry.dn)] else { return nil }
            let parent = LDAPDirectory.parent(of: entry.dn).flatMap { unitByDN[normalized($0)] }
            let name = entry.value(settings.unitNameAttribute) ?? subject
            return DirectoryUnit(
                subject: subject, name: name, code: settings.unitCodeAttribute.flatMap { entry.value($0) }, parentSubject: parent)
        }
        var personByDN: [String: String] = [:]
        for entry in people { if let subject = LDAPDirectory.id(entry, id) { personByDN[normalized(entry.dn)] = subject } }
        let directoryPeople = people.compactMap { entry -> DirectoryPerson? in
            guard let subject = personByDN[normalized(entry.dn)], let login = entry.value(settings.loginAttribute) else { return nil }
            return DirectoryPerson(
                subject: subject, login: login, displayName: entry.value(settings.nameAttribute) ?? entry.value("cn") ?? login,
                email: entry.value(settings.mailAttribute),
                unitSubject: LDAPDirectory.parent(of: entry.dn).flatMap { unitByDN[normalized($0)] },
                managerSubject: entry.value("manager").flatMap { personByDN[normalized($0)] }, isDisabled: disabled.contains(subject))
        }
        return DirectorySnapshot(units: directoryUnits, people: directoryPeople)
    }

    /// A DN as compared here: lower case, without spaces around `,` and `=`.
    static func normalized(_ dn: String) -> String {
        dn.lowercased().split(separator: ",").map { rdn in
            rdn.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "=")
        }.joined(separator: ",")
    }
}
