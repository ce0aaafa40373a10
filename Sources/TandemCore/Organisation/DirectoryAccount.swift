/// A person's account in the company's directory (LDAP / Active Directory), as a sign-in found it.
public struct DirectoryAccount: Sendable, Equatable {
    /// What never changes while the account lives (`entryUUID`, `objectGUID`): accounts are
    /// matched by it, not by login or e-mail, which can be reused.
    public var subject: String
    public var login: String
    public var displayName: String
    public var email: String?
    /// The stable id of the unit (department) the account sits in, if the directory told it.
    public var departmentSubject: String?
    /// The code of the account's department, if the identity provider names it (a claim).
    public var departmentCode: String?

    public init(
        subject: String, login: String, displayName: String, email: String?, departmentSubject: String?, departmentCode: String? = nil
    ) {
        self.subject = subject
        self.login = login
        self.displayName = displayName
        self.email = email
        self.departmentSubject = departmentSubject
        self.departmentCode = departmentCode
    }
}

/// How people sign in when the company's directory is connected.
public struct DirectorySignInPolicy: Sendable, Equatable {
    /// Who may still sign in with a password kept by Tandem.
    public enum LocalPasswords: String, Sendable, CaseIterable {
        /// Everyone who has one (small companies, people outside the directory).
        case everyone
        /// Administrators only (the first administrator, a way in when the directory is down).
        case administrators
    }

    public var localPasswords: LocalPasswords
    /// Whether a person Tandem has is linked to an account by its login alone (a directory the
    /// company runs, the password proven by a bind), or only when the e-mail addresses agree too
    /// (an identity provider, whose login claim the person may be able to choose).
    public var linksByLoginAlone: Bool
    /// Whether a directory account Tandem does not know yet becomes a person at its first
    /// sign-in (just in time); otherwise it waits for the directory sync.
    public var createsPeople: Bool
    /// The code of the department a person created at sign-in goes to when the directory's
    /// unit is not linked to a department.
    public var defaultDepartmentCode: String?

    public init(
        localPasswords: LocalPasswords = .everyone, createsPeople: Bool = false, defaultDepartmentCode: String? = nil,
        linksByLoginAlone: Bool = true
    ) {
        self.localPasswords = localPasswords
        self.linksByLoginAlone = linksByLoginAlone
        self.createsPeople = createsPeople
        self.defaultDepartmentCode = defaultDepartmentCode
    }
}
