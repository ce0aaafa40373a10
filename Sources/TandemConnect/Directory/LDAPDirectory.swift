import Foundation
import Logging
import TandemCore

/// Signing in against the company's LDAP directory: the service account finds the one enabled
/// account with the login, the account's own bind checks the password, and nothing of the
/// password is kept.
public struct LDAPDirectory: DirectoryAuthenticator {
    let settings: LDAPSettings
    let logger: Logger

    public init(settings: LDAPSettings, logger: Logger) {
        self.settings = settings
        self.logger = logger
    }
    public var provider: String { "ldap" }

    public func authenticate(login: String, password: String) async throws -> DirectoryAccount? {
        guard !password.isEmpty else { return nil }
        let user = settings.userFilter.replacingOccurrences(of: "{login}", with: LDAPFilter.escape(login))
        let filter = try LDAPFilter("(&\(user)(!\(settings.disabledFilter)))")
        let attributes = [settings.loginAttribute, settings.nameAttribute, "cn", settings.mailAttribute, settings.idAttribute]
        do {
            return try await LDAPClient.withConnection(to: try settings.endpoint) { connection -> DirectoryAccount? in
                try await connection.bind(dn: settings.bindDN, password: settings.bindPassword)
                let found = try await connection.search(
                    LDAPSearch(base: settings.baseDN, filter: filter, attributes: attributes, sizeLimit: 2))
                guard found.count == 1, let entry = found.first, let subject = Self.id(entry, settings.idAttribute) else { return nil }
                // The unit the account sits in, read while the service account is bound.
                var unit: [LDAPEntry]?
                if let parent = Self.parent(of: entry.dn) {
                    unit = try await connection.search(
                        LDAPSearch(
                            base: parent, scope: .base, filter: try LDAPFilter("(objectClass=*)"), attributes: [settings.idAttribute]))
                }
                do {
                    try await connection.bind(dn: entry.dn, password: password)
                } catch LDAPError.result(let code, _) where code == LDAPError.invalidCredentials {
                    return nil
                }
                return DirectoryAccount(
                    subject: subject, login: entry.value(settings.loginAttribute) ?? login,
                    displayName: entry.value(settings.nameAttribute) ?? entry.value("cn") ?? login,
                    email: entry.value(settings.mailAttribute),
                    departmentSubject: unit?.first.flatMap { Self.id($0, settings.idAttribute) })
            }
        } catch let error as LDAPError {
            logger.warning("sign-in against the directory failed", metadata: ["error": "\(error)"])
            throw TandemError(.unavailable, "the company directory did not answer; try again shortly")
        }
    }

    /// An entry's stable id as text: as it is when it is text (`entryUUID`), else as hex
    /// (Active Directory's binary `objectGUID`).
    static func id(_ entry: LDAPEntry, _ attribute: String) -> String? {
        guard let bytes = entry.attributes[attribute.lowercased()]?.first, !bytes.isEmpty else { return nil }
        if let text = String(bytes: bytes, encoding: .utf8), text.allSatisfy({ $0.isASCII && !$0.isNewline && $0 != "\0" }) { return text }
        return bytes.map { String(format: "%02x", $0) }.joined()
    }

    /// The DN without its first RDN: the unit an entry sits in (commas escaped with `\` belong to the RDN).
    static func parent(of dn: String) -> String? {
        var escaped = false
        for index in dn.indices {
            let character = dn[index]
            if escaped {
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "," {
                let rest = dn[dn.index(after: index)...].trimmingCharacters(in: .whitespaces)
                return rest.isEmpty ? nil : rest
            }
        }
        return nil
    }
}
