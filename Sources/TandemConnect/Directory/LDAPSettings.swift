import Foundation
import TandemCore

/// The company's LDAP directory (OpenLDAP, Active Directory), read from `TANDEM_LDAP_*`: where it
/// is, the service account that searches it, and how its entries read. Documented in the README.
public struct LDAPSettings: Sendable {
    public var url: String
    public var startTLS: Bool
    public var caFile: String?
    public var bindDN: String
    public var bindPassword: String
    public var baseDN: String
    /// Finds the account being signed in; `{login}` stands for the login typed, escaped.
    public var userFilter: String
    /// Matches the accounts that are disabled or locked; they never sign in.
    public var disabledFilter: String
    public var loginAttribute: String
    public var nameAttribute: String
    public var mailAttribute: String
    /// The attribute that never changes while an entry lives (`entryUUID`; `objectGUID` on AD).
    public var idAttribute: String
    public var policy: DirectorySignInPolicy
    /// The directory sync: where units are searched and which entries are units.
    public var unitsDN: String
    public var unitFilter: String
    public var unitNameAttribute: String
    /// The attribute holding a unit's department code, if the directory keeps one.
    public var unitCodeAttribute: String?
    /// Which entries are people, for the sync: the user filter with `{login}` as `*` by default.
    public var peopleFilter: String
    /// Hours between scheduled syncs (0: only when an administrator runs one).
    public var syncHours: Int

    public var endpoint: LDAPEndpoint {
        get throws { try LDAPEndpoint(url: url, startTLS: startTLS, caFile: caFile) }
    }

    /// None when `TANDEM_LDAP_URL` is unset; problems are added for bad values.
    public static func parse(_ environment: [String: String], _ problems: inout [String]) -> LDAPSettings? {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        guard let url = value("TANDEM_LDAP_URL") else {
            if value("TANDEM_LDAP_BIND_DN") != nil { problems.append("TANDEM_LDAP_BIND_DN is set but TANDEM_LDAP_URL is not") }
            return nil
        }
        let startTLSText = value("TANDEM_LDAP_STARTTLS") ?? "true"
        guard ["true", "false"].contains(startTLSText) else {
            problems.append("TANDEM_LDAP_STARTTLS must be true or false")
            return nil
        }
        var settings = LDAPSettings(
            url: url, startTLS: startTLSText == "true", caFile: value("TANDEM_LDAP_CA_FILE"), bindDN: value("TANDEM_LDAP_BIND_DN") ?? "",
            bindPassword: value("TANDEM_LDAP_BIND_PASSWORD") ?? "", baseDN: value("TANDEM_LDAP_BASE_DN") ?? "",
            userFilter: value("TANDEM_LDAP_USER_FILTER") ?? "(&(objectClass=inetOrgPerson)(uid={login}))",
            disabledFilter: value("TANDEM_LDAP_DISABLED_FILTER") ?? "(pwdAccountLockedTime=*)",
            loginAttribute: value("TANDEM_LDAP_LOGIN_ATTRIBUTE") ?? "uid",
            nameAttribute: value("TANDEM_LDAP_NAME_ATTRIBUTE") ?? "displayName",
            mailAttribute: value("TANDEM_LDAP_MAIL_ATTRIBUTE") ?? "mail", idAttribute: value("TANDEM_LDAP_ID_ATTRIBUTE") ?? "entryUUID",
            policy: DirectorySignInPolicy(), unitsDN: "",
            unitFilter: value("TANDEM_LDAP_UNIT_FILTER") ?? "(objectClass=organizationalUnit)",
            unitNameAttribute: value("TANDEM_LDAP_UNIT_NAME_ATTRIBUTE") ?? "ou",
            unitCodeAttribute: value("TANDEM_LDAP_UNIT_CODE_ATTRIBUTE"),
            peopleFilter: "", syncHours: 0)
        settings.unitsDN = value("TANDEM_LDAP_UNITS_DN") ?? settings.baseDN
        settings.peopleFilter = value("TANDEM_LDAP_PEOPLE_FILTER") ?? settings.userFilter.replacingOccurrences(of: "{login}", with: "*")
        let hours = value("TANDEM_LDAP_SYNC_HOURS") ?? "0"
        if let parsed = Int(hours), (0...168).contains(parsed) {
            settings.syncHours = parsed
        } else {
            problems.append("TANDEM_LDAP_SYNC_HOURS must be a whole number of hours from 0 (no schedule) to 168")
        }
        do { _ = try settings.endpoint } catch {
            problems.append("TANDEM_LDAP_URL must look like ldaps://ldap.example.com or ldap://…:389")
        }
        if let caFile = settings.caFile, !FileManager.default.fileExists(atPath: caFile) {
            problems.append("TANDEM_LDAP_CA_FILE '\(caFile)' does not exist")
        }
        if settings.bindDN.isEmpty || settings.bindPassword.isEmpty {
            problems.append("TANDEM_LDAP_BIND_DN and TANDEM_LDAP_BIND_PASSWORD name the service account that searches the directory")
        }
        if settings.baseDN.isEmpty { problems.append("TANDEM_LDAP_BASE_DN names where people are searched, e.g. dc=example,dc=com") }
        if !settings.userFilter.contains("{login}") { problems.append("TANDEM_LDAP_USER_FILTER must contain {login}") }
        for (name, filter) in [
            ("TANDEM_LDAP_USER_FILTER", settings.userFilter), ("TANDEM_LDAP_DISABLED_FILTER", settings.disabledFilter),
            ("TANDEM_LDAP_UNIT_FILTER", settings.unitFilter), ("TANDEM_LDAP_PEOPLE_FILTER", settings.peopleFilter),
        ] {
            do { _ = try LDAPFilter(filter.replacingOccurrences(of: "{login}", with: "x")) } catch {
                problems.append("\(name) is not an LDAP filter: \(error)")
            }
        }
        let creates = value("TANDEM_LDAP_CREATE_PEOPLE") ?? "false"
        guard ["true", "false"].contains(creates) else {
            problems.append("TANDEM_LDAP_CREATE_PEOPLE must be true or false")
            return nil
        }
        settings.policy = DirectorySignInPolicy(
            createsPeople: creates == "true", defaultDepartmentCode: value("TANDEM_LDAP_DEFAULT_DEPARTMENT")
        )
        return settings
    }
}
