import Foundation

/// The test directory: Debian's slapd, started by `scripts/ldap/start-slapd.sh` (CI does) and
/// filled by `scripts/ldap/directory.py`. Its tests run when `TANDEM_TEST_LDAP_URL` is set.
public enum TestDirectory {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    public static var isAvailable: Bool { !(environment["TANDEM_TEST_LDAP_URL"] ?? "").isEmpty }
    /// `ldap://127.0.0.1:port`, StartTLS offered.
    public static var url: String { environment["TANDEM_TEST_LDAP_URL"] ?? "" }
    /// `ldaps://127.0.0.1:port`.
    public static var ldapsURL: String { environment["TANDEM_TEST_LDAPS_URL"] ?? "" }
    /// The certificate authority that signed the server's certificate.
    public static var caFile: String { environment["TANDEM_TEST_LDAP_CA"] ?? "" }

    public static let base = "dc=example,dc=com"
    public static let serviceDN = "cn=tandem,ou=service,dc=example,dc=com"
    public static let servicePassword = "tandem-service-password"
    /// Every person's password in the test directory.
    public static let password = "directory-password-1"

    /// What a Tandem signing in against the test directory is started with (StartTLS, the CA checked).
    public static func tandemEnvironment(_ extra: [String: String] = [:]) -> [String: String] {
        [
            "TANDEM_LDAP_URL": url, "TANDEM_LDAP_STARTTLS": "true", "TANDEM_LDAP_CA_FILE": caFile, "TANDEM_LDAP_BIND_DN": serviceDN,
            "TANDEM_LDAP_BIND_PASSWORD": servicePassword, "TANDEM_LDAP_BASE_DN": base,
        ].merging(extra) { $1 }
    }
}
