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

    /// The directory's administrator, who changes entries in tests.
    static let rootDN = "cn=admin,dc=example,dc=com"
    static let rootPassword = "admin-password"
    /// Where the units (departments) are.
    public static let unitsDN = "ou=departments,dc=example,dc=com"

    /// Changes the test directory with `ldapmodify` (Debian's ldap-utils): `changes` are LDIF
    /// records, each a list of (attribute, value) lines; values that are not plain ASCII are
    /// written in base64.
    public static func modify(_ changes: [[(String, String)]]) throws {
        let ldif =
            changes.map { record in
                record.map { name, value in
                    value.allSatisfy { $0.isASCII } && !value.hasPrefix(" ") && !value.hasPrefix(":")
                        ? "\(name): \(value)" : "\(name):: \(Data(value.utf8).base64EncodedString())"
                }.joined(separator: "\n")
            }.joined(separator: "\n\n") + "\n"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ldapmodify")
        process.arguments = ["-x", "-H", url, "-D", rootDN, "-w", rootPassword]
        let input = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data(ldif.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw DirectoryChangeFailed(description: "ldapmodify failed (\(process.terminationStatus)): \(message)\n\(ldif)")
        }
    }

    struct DirectoryChangeFailed: Error, CustomStringConvertible {
        var description: String
    }

    /// What a Tandem signing in against the test directory is started with (StartTLS, the CA checked).
    public static func tandemEnvironment(_ extra: [String: String] = [:]) -> [String: String] {
        [
            "TANDEM_LDAP_URL": url, "TANDEM_LDAP_STARTTLS": "true", "TANDEM_LDAP_CA_FILE": caFile, "TANDEM_LDAP_BIND_DN": serviceDN,
            "TANDEM_LDAP_BIND_PASSWORD": servicePassword, "TANDEM_LDAP_BASE_DN": base, "TANDEM_LDAP_UNITS_DN": unitsDN,
            "TANDEM_LDAP_UNIT_CODE_ATTRIBUTE": "businessCategory",
        ].merging(extra) { $1 }
    }
}
