import Foundation

/// A personal API token (个人令牌). Only its digest is stored; the secret is shown once.
public struct APIToken: Hashable, Sendable, Codable, Identifiable {
    public typealias ID = Identifier<APIToken>

    public var id: ID
    public var personID: Person.ID
    public var name: String
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var expiresAt: Date?
    public var revokedAt: Date?

    public init(id: ID, personID: Person.ID, name: String, createdAt: Date, lastUsedAt: Date?, expiresAt: Date?, revokedAt: Date?) {
        self.id = id
        self.personID = personID
        self.name = name
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }

    public func isUsable(at now: Date) -> Bool {
        revokedAt == nil && (expiresAt.map { now < $0 } ?? true)
    }

    /// The JSON spelling (snake_case), written out so that no key conversion runs per value.
    enum CodingKeys: String, CodingKey {
        case id, personID = "person_id", name, createdAt = "created_at", lastUsedAt = "last_used_at"
        case expiresAt = "expires_at", revokedAt = "revoked_at"
    }
}

/// How many sign-ins failed, and the last one.
public struct FailedSignIns: Sendable, Hashable {
    public var count: Int
    public var last: Date?
    public init(count: Int, last: Date?) {
        self.count = count
        self.last = last
    }
}

/// How sign-in attempts are slowed down. Failures are counted per login *and* address, so a
/// stranger guessing someone's password slows down only themselves, never the owner signing in
/// from elsewhere; and per address over every login (password spraying), at a higher threshold.
/// Past its free failures, each further attempt waits twice as long as the one before (1 s, 2 s,
/// 4 s … at most `longestWait`): slowed, never locked out.
public struct SignInThrottle: Sendable {
    public var window: TimeInterval
    public var freeFailuresPerLogin: Int
    public var freeFailuresPerAddress: Int
    public var longestWait: TimeInterval

    public init(
        window: TimeInterval = 15 * 60, freeFailuresPerLogin: Int = 5, freeFailuresPerAddress: Int = 30,
        longestWait: TimeInterval = 15 * 60
    ) {
        self.window = window
        self.freeFailuresPerLogin = freeFailuresPerLogin
        self.freeFailuresPerAddress = freeFailuresPerAddress
        self.longestWait = longestWait
    }

    /// How long, from `now`, the next attempt must wait after `failures` of which `free` cost nothing.
    public func wait(after failures: FailedSignIns, free: Int, now: Date) -> TimeInterval {
        guard failures.count >= free, let last = failures.last else { return 0 }
        let delay = min(longestWait, pow(2, Double(min(failures.count - free, 20))))
        return max(0, last.addingTimeInterval(delay).timeIntervalSince(now))
    }
}

/// Signing in and out, sessions and personal API tokens.
public struct AccountWorkflow: Sendable {
    public let credentials: any CredentialStore
    public let organisation: any OrganisationStore
    public let hasher: any PasswordHasher
    public let digest: any SecretDigest
    public let clock: any Clock
    public let ids: any IDGenerator
    public let throttle: SignInThrottle
    public let sessionLifetime: TimeInterval
    /// Verified against when the login is unknown, so both failures take the same time.
    public let decoyHash: String?
    /// The company's directory, when people sign in with their directory account (LDAP).
    public let directory: (any DirectoryAuthenticator)?
    public let links: (any DirectoryLinkStore)?
    public let directoryPolicy: DirectorySignInPolicy
    /// Whether people can sign in with the company's identity (a directory or single sign-on):
    /// only then may Tandem's own passwords be limited to administrators.
    public let hasCompanyIdentity: Bool
    /// Where an administrator's choice of who keeps Tandem passwords is kept.
    public let settings: (any SettingsStore)?

    public init(
        credentials: any CredentialStore, organisation: any OrganisationStore, hasher: any PasswordHasher,
        digest: any SecretDigest, clock: any Clock, ids: any IDGenerator, throttle: SignInThrottle = SignInThrottle(),
        sessionLifetime: TimeInterval = 14 * 24 * 3600, decoyHash: String? = nil, directory: (any DirectoryAuthenticator)? = nil,
        links: (any DirectoryLinkStore)? = nil, directoryPolicy: DirectorySignInPolicy = DirectorySignInPolicy(),
        hasCompanyIdentity: Bool? = nil, settings: (any SettingsStore)? = nil
    ) {
        self.hasCompanyIdentity = hasCompanyIdentity ?? (directory != nil)
        self.settings = settings
        self.credentials = credentials
        self.organisation = organisation
        self.hasher = hasher
        self.digest = digest
        self.clock = clock
        self.ids = ids
        self.throttle = throttle
        self.sessionLifetime = sessionLifetime
        self.decoyHash = decoyHash
        self.directory = directory
        self.links = links
        self.directoryPolicy = directoryPolicy
    }

    /// Checks the password — Tandem's own, where the person may use one, else the directory's —
    /// and opens a session; returns the person and the session secret.
    public func signIn(login: String, password: String, address: String) async throws -> (Person, String) {
        let login = login.trimmingCharacters(in: .whitespaces).lowercased()
        guard !login.isEmpty, login.count <= 64 else { throw TandemError.invalid("login", "login is required", .required) }
        guard !password.isEmpty, password.count <= 200 else { throw TandemError.invalid("password", "password is required", .required) }
        let now = clock.now()
        let since = now.addingTimeInterval(-throttle.window)
        let pair = try await credentials.failedSignIns(login: login, address: address, since: since)
        let fromAddress = try await credentials.failedSignIns(login: nil, address: address, since: since)
        let wait = max(
            throttle.wait(after: pair, free: throttle.freeFailuresPerLogin, now: now),
            throttle.wait(after: fromAddress, free: throttle.freeFailuresPerAddress, now: now))
        if wait > 0 {
            let seconds = String(Int(wait.rounded(.up)))
            throw TandemError(.tooManyRequests, "too many failed sign-ins; try again in \(seconds) seconds", reasonArguments: [seconds])
        }
        let local = try await organisation.person(login: login)
        let hash = try await local.asyncMap { try await organisation.passwordHash(of: $0.id) } ?? nil
        var person: Person?
        if let hash, let local, try await mayUseLocalPassword(local) {
            if try hasher.verify(password, hash: hash) { person = local }
        } else if directory == nil, let decoyHash {
            _ = try hasher.verify(password, hash: decoyHash)
        }
        if person == nil, let directory, let account = try await directory.authenticate(login: login, password: password) {
            person = try await self.person(for: account, provider: directory.provider, policy: directoryPolicy)
        }
        guard let person, person.isActive else {
            try await credentials.recordFailedSignIn(login: login, address: address, at: now)
            throw TandemError(.unauthenticated, "the login or the password is wrong")
        }
        try await credentials.clearFailedSignIns(login: login, address: address)
        return (person, try await openSession(for: person))
    }

    /// Signs in the person an identity provider vouched for (OpenID Connect, its ID token
    /// verified): found, linked or created as `person(for:provider:policy:)` says.
    public func signIn(external account: DirectoryAccount, provider: String, policy: DirectorySignInPolicy) async throws -> (Person, String)
    {
        let person = try await person(for: account, provider: provider, policy: policy)
        guard person.isActive else { throw TandemError.forbidden("this account is deactivated in Tandem") }
        return (person, try await openSession(for: person))
    }

    /// A new session for the person; returns its secret.
    func openSession(for person: Person) async throws -> String {
        let now = clock.now()
        let secret = Self.randomSecret()
        try await credentials.insertSession(
            digest: digest.digest(secret), person: person.id, createdAt: now, expiresAt: now.addingTimeInterval(sessionLifetime))
        return secret
    }

    /// With the company's identity connected, Tandem's own passwords may be kept for
    /// administrators only: as an administrator chose, else as the configuration says.
    func mayUseLocalPassword(_ person: Person) async throws -> Bool {
        guard hasCompanyIdentity, !person.has(.admin) else { return true }
        return try await localPasswords() == .everyone
    }

    /// Who may use a password kept by Tandem now.
    public func localPasswords() async throws -> DirectorySignInPolicy.LocalPasswords {
        try await settings?.localPasswords() ?? directoryPolicy.localPasswords
    }

    /// An administrator's choice of who keeps Tandem passwords (when the company's identity is connected).
    public func setLocalPasswords(_ choice: DirectorySignInPolicy.LocalPasswords, by actor: Person) async throws {
        guard AccessPolicy.canManageSettings(actor) else { throw TandemError.forbidden("only administrators change how people sign in") }
        guard hasCompanyIdentity else { throw TandemError(.conflict, "no company directory or single sign-on is configured") }
        guard let settings else { throw TandemError(.unavailable, "settings are not configured") }
        try await settings.setLocalPasswords(choice)
    }

    /// The person a directory account is: the one linked to it; else the unlinked person with its
    /// login (and, unless the policy links by login alone, its e-mail address), linked now —
    /// never an administrator, whose account an outside login must not take over; else, if the
    /// policy says so, a new person in the department linked to the account's unit, or with the
    /// code the account names, or the default one.
    func person(for account: DirectoryAccount, provider: String, policy: DirectorySignInPolicy) async throws -> Person {
        guard let links else { throw TandemError(.unavailable, "directory links are not configured") }
        if let id = try await links.person(provider: provider, subject: account.subject), let linked = try await organisation.person(id) {
            return linked
        }
        let login = account.login.lowercased()
        if let same = try await organisation.person(login: login) {
            let sameAddress = same.email.map { $0.lowercased() } == account.email?.lowercased() && same.email != nil
            guard !same.has(.admin), policy.linksByLoginAlone || sameAddress, !(try await links.isLinked(same.id, provider: provider))
            else {
                throw TandemError.forbidden("a Tandem account with this login exists already: an administrator links it")
            }
            try await links.link(same.id, provider: provider, subject: account.subject)
            return same
        }
        guard policy.createsPeople else {
            throw TandemError.forbidden("this directory account is not in Tandem yet: an administrator adds it with the directory sync")
        }
        var linkedDepartment: Department.ID?
        if let unit = account.departmentSubject { linkedDepartment = try await links.department(provider: provider, subject: unit) }
        for code in [account.departmentCode, policy.defaultDepartmentCode].compactMap({ $0?.uppercased() }) where linkedDepartment == nil {
            linkedDepartment = try await organisation.departments().first { $0.code.uppercased() == code && $0.isActive }?.id
        }
        guard let department = linkedDepartment else {
            throw TandemError.forbidden("this directory account's department is not in Tandem yet: an administrator syncs the directory")
        }
        let person = Person(
            id: ids.next(), login: login, displayName: account.displayName, email: account.email, departmentID: department,
            roles: [.employee], language: .zhCN, createdAt: clock.now())
        try await organisation.insert(person, passwordHash: nil)
        try await links.link(person.id, provider: provider, subject: account.subject)
        return person
    }

    public func signOut(sessionSecret: String) async throws {
        try await credentials.deleteSession(digest: digest.digest(sessionSecret))
    }

    /// The active person behind a session secret, or `nil`.
    public func person(sessionSecret: String) async throws -> Person? {
        guard let person = try await credentials.sessionPerson(digest: digest.digest(sessionSecret), at: clock.now()),
            person.isActive
        else { return nil }
        return person
    }

    /// The active person behind an API token, or `nil`; notes the token's last use (to the minute).
    public func person(tokenSecret: String) async throws -> Person? {
        let now = clock.now()
        guard let (found, person) = try await credentials.token(digest: digest.digest(tokenSecret)), found.isUsable(at: now),
            person.isActive
        else { return nil }
        if found.lastUsedAt.map({ now.timeIntervalSince($0) >= 60 }) ?? true {
            var token = found
            token.lastUsedAt = now
            try await credentials.noteUse(of: token, digest: digest.digest(tokenSecret))
        }
        return person
    }

    /// Creates a token for the actor; the secret is returned once and never stored.
    public func createToken(name: String, expiresInDays: Int?, by actor: Person) async throws -> (APIToken, String) {
        let name = try Validate.requiredText(name, field: "name", max: 100)
        if let days = expiresInDays, !(1...3650).contains(days) {
            throw TandemError.invalid("expires_in_days", "expires_in_days must be between 1 and 3650")
        }
        let now = clock.now()
        let token = APIToken(
            id: ids.next(), personID: actor.id, name: name, createdAt: now, lastUsedAt: nil,
            expiresAt: expiresInDays.map { now.addingTimeInterval(Double($0) * 86_400) }, revokedAt: nil)
        let secret = "tdm_" + Self.randomSecret()
        try await credentials.insert(token, digest: digest.digest(secret))
        return (token, secret)
    }

    public func tokens(for actor: Person) async throws -> [APIToken] {
        try await credentials.tokens(of: actor.id)
    }

    /// Revokes one of the actor's own tokens.
    public func revokeToken(_ id: APIToken.ID, by actor: Person) async throws -> APIToken {
        guard var token = try await credentials.tokens(of: actor.id).first(where: { $0.id == id }) else {
            throw TandemError.notFound("token")
        }
        if token.revokedAt == nil {
            token.revokedAt = clock.now()
            try await credentials.update(token)
        }
        return token
    }

    /// 32 random bytes, base64url without padding.
    static func randomSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64URLEncoded
    }
}
