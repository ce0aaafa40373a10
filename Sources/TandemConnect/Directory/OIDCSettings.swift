import Foundation
import TandemCore

/// Single sign-on with an OpenID Connect provider (Keycloak, Azure AD, Authing, …), read from
/// `TANDEM_OIDC_*`: the issuer (discovered from its `/.well-known/openid-configuration`), Tandem's
/// client id and secret there, the claims a person is read from, and whether the first sign-in
/// creates the person. Documented in the README.
public struct OIDCSettings: Sendable {
    public var issuer: String
    public var clientID: String
    public var clientSecret: String
    public var scopes: String
    public var loginClaim: String
    /// The claim that names the person's department by its code, if the provider sends one.
    public var departmentClaim: String?
    public var policy: DirectorySignInPolicy
    /// How far the clocks of Tandem and the provider may disagree.
    public var clockSkew: TimeInterval = 120

    /// None when `TANDEM_OIDC_ISSUER` is unset; problems are added for bad values.
    public static func parse(_ environment: [String: String], _ problems: inout [String]) -> OIDCSettings? {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        guard let issuer = value("TANDEM_OIDC_ISSUER") else { return nil }
        let parts = URLComponents(string: issuer)
        let host = parts?.host ?? ""
        let loopback = ["127.0.0.1", "localhost", "::1"].contains(host)
        if parts?.scheme != "https" && !(parts?.scheme == "http" && loopback) {
            problems.append("TANDEM_OIDC_ISSUER must be an https:// address (http:// only on this machine)")
        }
        guard let clientID = value("TANDEM_OIDC_CLIENT_ID"), let clientSecret = value("TANDEM_OIDC_CLIENT_SECRET") else {
            problems.append("TANDEM_OIDC_CLIENT_ID and TANDEM_OIDC_CLIENT_SECRET are Tandem's client at the provider")
            return nil
        }
        let creates = value("TANDEM_OIDC_CREATE_PEOPLE") ?? "false"
        guard ["true", "false"].contains(creates) else {
            problems.append("TANDEM_OIDC_CREATE_PEOPLE must be true or false")
            return nil
        }
        return OIDCSettings(
            issuer: issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer, clientID: clientID, clientSecret: clientSecret,
            scopes: value("TANDEM_OIDC_SCOPES") ?? "openid profile email",
            loginClaim: value("TANDEM_OIDC_LOGIN_CLAIM") ?? "preferred_username",
            departmentClaim: value("TANDEM_OIDC_DEPARTMENT_CLAIM"),
            policy: DirectorySignInPolicy(
                createsPeople: creates == "true", defaultDepartmentCode: value("TANDEM_OIDC_DEFAULT_DEPARTMENT"), linksByLoginAlone: false))
    }
}
