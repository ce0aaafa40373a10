import Foundation

/// People set their own passwords by e-mail: "forgot password" sends a reset link, an
/// administrator (or the person's manager) sends an invitation. The link is made when the e-mail
/// is sent (the job), so its secret is only ever in the e-mail.
public struct PasswordLinkWorkflow: Sendable {
    public let store: any PasswordLinkStore
    public let organisation: any OrganisationStore
    public let accounts: AccountWorkflow
    public let jobs: any JobStore
    public let hasher: any PasswordHasher
    public let digest: any SecretDigest
    public let clock: any Clock
    public let ids: any IDGenerator

    public init(
        store: any PasswordLinkStore, organisation: any OrganisationStore, accounts: AccountWorkflow, jobs: any JobStore,
        hasher: any PasswordHasher, digest: any SecretDigest, clock: any Clock, ids: any IDGenerator
    ) {
        self.store = store
        self.organisation = organisation
        self.accounts = accounts
        self.jobs = jobs
        self.hasher = hasher
        self.digest = digest
        self.clock = clock
        self.ids = ids
    }

    /// The job that e-mails a link.
    public static let emailKind = "account.password_link"

    public struct Email: Codable, Sendable {
        public var personID: Person.ID
        public var purpose: PasswordLink.Purpose

        public init(personID: Person.ID, purpose: PasswordLink.Purpose) {
            self.personID = personID
            self.purpose = purpose
        }
    }

    /// E-mails of one kind to one person, at most one per this many seconds.
    static let emailWindow: TimeInterval = 15 * 60

    /// "Forgot password": e-mails a reset link to the active person with this login or e-mail
    /// address who may use a Tandem password. Says nothing of whether there is one: the answer
    /// is the same either way.
    public func requestReset(_ loginOrEmail: String) async throws {
        let text = loginOrEmail.trimmingCharacters(in: .whitespaces).lowercased()
        guard !text.isEmpty, text.count <= 254 else { throw TandemError.invalid("login", "login is required", .required) }
        var people = try await organisation.person(login: text).map { [$0] } ?? []
        if people.isEmpty, text.contains("@") { people = try await organisation.people(email: text) }
        var jobs: [Job] = []
        for person in people where person.isActive && person.email != nil {
            if try await accounts.mayUseLocalPassword(person) { jobs.append(try job(for: person, .reset)) }
        }
        if !jobs.isEmpty { try await self.jobs.enqueue(jobs) }
    }

    /// Invites a person to set their password: whoever may manage them, when they have an
    /// e-mail address and may use a Tandem password.
    public func invite(_ id: Person.ID, by actor: Person) async throws {
        guard let person = try await organisation.person(id) else { throw TandemError.notFound("person") }
        guard AccessPolicy.canManage(person, actor) else { throw TandemError.forbidden("you may not invite this person") }
        guard person.isActive else { throw TandemError.invalid("is_active", "the person is deactivated") }
        guard person.email != nil else { throw TandemError.invalid("email", "the person has no e-mail address to invite", .required) }
        guard try await accounts.mayUseLocalPassword(person) else {
            throw TandemError.invalid("password", "this person signs in with the company directory, not a Tandem password")
        }
        try await jobs.enqueue([try job(for: person, .invitation)])
    }

    /// One e-mail job per person, purpose and window (a second request within it sends nothing).
    func job(for person: Person, _ purpose: PasswordLink.Purpose) throws -> Job {
        let now = clock.now()
        let window = Int(now.timeIntervalSince1970 / Self.emailWindow)
        return try Job.make(
            Self.emailKind, Email(personID: person.id, purpose: purpose), id: ids.next(), at: now,
            dedupKey: "password-link:\(person.id):\(purpose.rawValue):\(window)")
    }

    /// Makes the link an e-mail carries (the job): the token, the link and its person; nil when
    /// the person can no longer receive one.
    public func issue(_ email: Email) async throws -> (token: String, link: PasswordLink, person: Person)? {
        guard let person = try await organisation.person(email.personID), person.isActive, person.email != nil,
            try await accounts.mayUseLocalPassword(person)
        else { return nil }
        let now = clock.now()
        let link = PasswordLink(
            id: ids.next(), personID: person.id, purpose: email.purpose, createdAt: now,
            expiresAt: now.addingTimeInterval(email.purpose.lifetime))
        let secret = AccountWorkflow.randomSecret()
        try await store.insert(link, digest: digest.digest(secret))
        return (LinkToken.make(id: link.id, secret: secret), link, person)
    }

    /// The link and its person, when the token is genuine, unexpired and unused. An unknown
    /// token is "not found"; only its holder learns that it was used or has expired.
    public func holder(of token: String) async throws -> (link: PasswordLink, person: Person) {
        guard let (id, secret): (PasswordLink.ID, String) = LinkToken.parse(token), let (link, stored) = try await store.link(id),
            stored == digest.digest(secret), let person = try await organisation.person(link.personID), person.isActive
        else { throw TandemError.notFound("password link") }
        guard link.usedAt == nil else { throw TandemError(.conflict, "this link was used already") }
        guard clock.now() < link.expiresAt else { throw TandemError(.invalidTransition, "this link has expired") }
        return (link, person)
    }

    /// Sets the person's password through the link (once), ends their other sessions; then they
    /// sign in with it.
    public func setPassword(token: String, to password: String) async throws -> Person {
        let (link, person) = try await holder(of: token)
        let checked = try Validate.password(password, field: "new_password")
        try await store.use(link.id, at: clock.now(), personID: person.id, passwordHash: try hasher.hash(checked))
        return person
    }
}
