import Foundation
import Logging
import TandemConnect
import TandemCore

/// Everything Tandem reads from its environment, read once at start-up. A bad value stops
/// start-up with one message that names every problem.
public struct TandemConfiguration: Sendable {
    public enum DatabaseChoice: Sendable, Equatable {
        case sqlite(path: String)
        case postgres(url: String)
    }

    public var dataDirectory: URL
    public var database: DatabaseChoice
    /// Set only on first start; when absent a one-time password is generated and printed once.
    public var adminPassword: String?
    /// The company's time zone: need numbers take their year from it.
    public var timeZone: TimeZone
    public var maxUploadBytes: Int
    public var bcryptCost: Int
    public var logLevel: Logger.Level
    /// Send the session cookie only over TLS (by default when `publicURL` is https).
    public var secureCookies: Bool
    /// The directory that holds `Resources/` (views, translations) and `Public/` (CSS, JS).
    public var resourcesDirectory: URL
    /// Where people reach Tandem: links in e-mails and chat messages start with it.
    public var publicURL: String
    /// The mail server for e-mail notifications; none configured means no e-mail.
    public var smtp: SMTPSettings?
    /// The company's LDAP directory people sign in with; none: Tandem's own passwords only.
    public var ldap: LDAPSettings?
    /// The company's OpenID provider for single sign-on; none: no "company account" button.
    public var oidc: OIDCSettings?
    /// Who may use a Tandem password when the company's identity is connected, until an
    /// administrator chooses on the directory page; `TANDEM_LOCAL_PASSWORDS`.
    public var localPasswords: DirectorySignInPolicy.LocalPasswords

    /// How directory sign-ins are handled: the LDAP settings' policy, with who keeps Tandem passwords.
    var directoryPolicy: DirectorySignInPolicy {
        var policy = ldap?.policy ?? DirectorySignInPolicy()
        policy.localPasswords = localPasswords
        return policy
    }
    /// How the background jobs retry: the first wait and the number of attempts.
    public var jobRetry: JobRetry
    /// How often the scheduler looks (service-level warnings and breaches that came due, survey
    /// rounds that opened, reminders due); `TANDEM_SLA_WATCH_SECONDS`.
    public var schedulerInterval: Int
    /// PostgreSQL connections each event loop (one per core) may open.
    public var postgresConnectionsPerLoop: Int
    /// Internal hosts and ranges notification channels may reach all the same.
    public var channelDestinations: OutboundPolicy
    /// The reverse proxies whose `X-Forwarded-For` names the client (sign-in throttling reads it).
    public var trustedProxies: [AddressRange]

    public struct Problems: Error, CustomStringConvertible {
        public var messages: [String]
        public var description: String {
            "Tandem cannot start; fix the configuration:\n" + messages.map { "  - \($0)" }.joined(separator: "\n")
        }
    }

    /// Reads the configuration from environment variables, with development defaults.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> TandemConfiguration
    {
        var problems: [String] = []
        let dataDirectory = URL(fileURLWithPath: environment["TANDEM_DATA_DIR"] ?? "./tandem-data").standardizedFileURL

        var database = DatabaseChoice.sqlite(path: dataDirectory.appendingPathComponent("tandem.sqlite").path)
        if let url = environment["DATABASE_URL"], !url.isEmpty {
            if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
                database = .postgres(url: url)
                let parts = URLComponents(string: url)
                if parts?.host?.isEmpty ?? true || (parts?.path.count ?? 0) <= 1 {
                    problems.append("DATABASE_URL must look like postgres://user:password@host:5432/database?tlsmode=disable")
                }
            } else if url.hasPrefix("sqlite://") {
                database = .sqlite(path: String(url.dropFirst("sqlite://".count)))
            } else {
                problems.append("DATABASE_URL must start with postgres://, postgresql:// or sqlite:// (got '\(url.prefix(30))…')")
            }
        }

        let adminPassword = environment["TANDEM_ADMIN_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        if let adminPassword, !(10...200).contains(adminPassword.count) {
            problems.append("TANDEM_ADMIN_PASSWORD must be 10–200 characters")
        }

        let zoneName = environment["TANDEM_TIME_ZONE"] ?? "Asia/Shanghai"
        let timeZone = TimeZone(identifier: zoneName)
        if timeZone == nil { problems.append("TANDEM_TIME_ZONE '\(zoneName)' is not a known time zone (e.g. Asia/Shanghai)") }

        let maxUpload = integer("TANDEM_MAX_UPLOAD_MB", environment, default: 20, range: 1...1024, &problems)
        let bcryptCost = integer("TANDEM_BCRYPT_COST", environment, default: 10, range: 4...16, &problems)

        let levelName = environment["LOG_LEVEL"] ?? "info"
        let logLevel = Logger.Level(rawValue: levelName.lowercased())
        if logLevel == nil {
            problems.append("LOG_LEVEL '\(levelName)' is not one of trace, debug, info, notice, warning, error, critical")
        }

        let resources = URL(fileURLWithPath: environment["TANDEM_RESOURCES_DIR"] ?? ".", isDirectory: true).standardizedFileURL
        if !FileManager.default.fileExists(atPath: resources.appendingPathComponent("Resources/Views").path) {
            problems.append(
                "TANDEM_RESOURCES_DIR '\(resources.path)' has no Resources/Views (run Tandem from its package directory or set the variable)"
            )
        }

        let publicURL = (environment["TANDEM_PUBLIC_URL"] ?? "http://127.0.0.1:8080").trimmingCharacters(
            in: CharacterSet(charactersIn: "/"))
        if !(publicURL.hasPrefix("http://") || publicURL.hasPrefix("https://")) || URL(string: publicURL)?.host == nil {
            problems.append("TANDEM_PUBLIC_URL must be the address people open Tandem at, e.g. https://tandem.example.com")
        }
        // NB: a public address on https means people reach Tandem over TLS: the cookie says so unless told otherwise.
        let secureText = environment["TANDEM_SECURE_COOKIES"] ?? (publicURL.lowercased().hasPrefix("https://") ? "true" : "false")
        let secure = ["1", "true", "yes"].contains(secureText.lowercased())
        if !["0", "1", "true", "false", "yes", "no"].contains(secureText.lowercased()) {
            problems.append("TANDEM_SECURE_COOKIES must be true or false")
        }
        var destinations = OutboundPolicy()
        do {
            destinations = try OutboundPolicy(allowList: environment["TANDEM_CHANNEL_ALLOWED_HOSTS"] ?? "")
        } catch let error as TandemError {
            problems.append("TANDEM_CHANNEL_ALLOWED_HOSTS: \(error.message)")
        }
        var proxies: [AddressRange] = []
        for entry in (environment["TANDEM_TRUSTED_PROXIES"] ?? "").split(whereSeparator: { $0 == "," || $0.isWhitespace }) {
            if let range = AddressRange(String(entry)) {
                proxies.append(range)
            } else {
                problems.append("TANDEM_TRUSTED_PROXIES: '\(entry)' is not an address or a range such as 10.0.0.0/8")
            }
        }
        let smtp = SMTPSettings.parse(
            url: environment["TANDEM_SMTP_URL"], from: environment["TANDEM_SMTP_FROM"],
            caFile: environment["TANDEM_SMTP_CA_FILE"], &problems)
        let ldap = LDAPSettings.parse(environment, &problems)
        let oidc = OIDCSettings.parse(environment, &problems)
        let localText = environment["TANDEM_LOCAL_PASSWORDS"] ?? DirectorySignInPolicy.LocalPasswords.everyone.rawValue
        let localPasswords = DirectorySignInPolicy.LocalPasswords(rawValue: localText)
        if localPasswords == nil { problems.append("TANDEM_LOCAL_PASSWORDS must be everyone or administrators") }
        let retryBase = integer("TANDEM_JOB_RETRY_SECONDS", environment, default: Int(JobRetry.standard.base), range: 1...3600, &problems)
        let attempts = integer("TANDEM_JOB_ATTEMPTS", environment, default: JobRetry.standard.maxAttempts, range: 1...50, &problems)
        let watch = integer("TANDEM_SLA_WATCH_SECONDS", environment, default: 30, range: 1...3600, &problems)
        let connections = integer("TANDEM_DB_CONNECTIONS", environment, default: 8, range: 1...64, &problems)

        guard problems.isEmpty else { throw Problems(messages: problems) }
        return TandemConfiguration(
            dataDirectory: dataDirectory, database: database, adminPassword: adminPassword, timeZone: timeZone!,
            maxUploadBytes: maxUpload * 1024 * 1024, bcryptCost: bcryptCost, logLevel: logLevel!, secureCookies: secure,
            resourcesDirectory: resources, publicURL: publicURL, smtp: smtp, ldap: ldap, oidc: oidc,
            localPasswords: localPasswords ?? .everyone,
            jobRetry: JobRetry(base: TimeInterval(retryBase), cap: JobRetry.standard.cap, maxAttempts: attempts),
            schedulerInterval: watch, postgresConnectionsPerLoop: connections, channelDestinations: destinations,
            trustedProxies: proxies)
    }

    private static func integer(
        _ name: String, _ environment: [String: String], default value: Int, range: ClosedRange<Int>,
        _ problems: inout [String]
    ) -> Int {
        guard let text = environment[name] else { return value }
        guard let number = Int(text), range.contains(number) else {
            problems.append("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound) (got '\(text)')")
            return value
        }
        return number
    }
}
