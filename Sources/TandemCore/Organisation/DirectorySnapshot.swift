/// The company's directory as a sync reads it: its units (departments) and its people, each with
/// the stable id that links it to Tandem's record.
public struct DirectorySnapshot: Sendable, Equatable {
    public var units: [DirectoryUnit]
    public var people: [DirectoryPerson]

    public init(units: [DirectoryUnit], people: [DirectoryPerson]) {
        self.units = units
        self.people = people
    }
}

/// A unit of the directory (an OU, a WeCom department): a department in Tandem.
public struct DirectoryUnit: Sendable, Equatable {
    public var subject: String
    public var name: String
    /// The department code the directory gives, if any (else Tandem makes one).
    public var code: String?
    /// The unit above, if it is in the snapshot.
    public var parentSubject: String?

    public init(subject: String, name: String, code: String?, parentSubject: String?) {
        self.subject = subject
        self.name = name
        self.code = code
        self.parentSubject = parentSubject
    }
}

/// A person of the directory.
public struct DirectoryPerson: Sendable, Equatable {
    public var subject: String
    public var login: String
    public var displayName: String
    public var email: String?
    /// The unit the person belongs to.
    public var unitSubject: String?
    /// The person's manager (`manager`), if in the snapshot: who manages someone of their own
    /// unit manages it in Tandem too.
    public var managerSubject: String?
    /// Disabled or locked upstream: deactivated in Tandem.
    public var isDisabled: Bool

    public init(
        subject: String, login: String, displayName: String, email: String?, unitSubject: String?, managerSubject: String?,
        isDisabled: Bool
    ) {
        self.subject = subject
        self.login = login
        self.displayName = displayName
        self.email = email
        self.unitSubject = unitSubject
        self.managerSubject = managerSubject
        self.isDisabled = isDisabled
    }
}
