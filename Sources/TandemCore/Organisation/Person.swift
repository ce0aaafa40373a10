import Foundation

/// What a person may do, beyond raising needs. A person holds one or more roles.
public enum Role: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    /// Raises and follows needs (every person is at least this).
    case employee
    /// Works the needs addressed to their department (服务人员).
    case agent
    /// Manages their department: its catalog, people, capacity and evaluations (部门经理).
    case manager
    /// Manages everything (管理员).
    case admin

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The language a person reads Tandem in; Chinese first.
public enum Language: String, Hashable, Sendable, Codable, CaseIterable {
    case zhCN = "zh-CN"
    case en = "en"
}

/// A person (员工) of the company: a member of one department.
public struct Person: Hashable, Sendable, Codable, Identifiable {
    public typealias ID = Identifier<Person>

    public var id: ID
    public var login: String
    public var displayName: String
    public var email: String?
    public var departmentID: Department.ID
    public var roles: Set<Role>
    public var language: Language
    public var isActive: Bool
    /// Whether notifications also come by e-mail (the inbox always has them).
    public var emailNotifications: Bool
    public var createdAt: Date

    public init(
        id: ID, login: String, displayName: String, email: String?, departmentID: Department.ID,
        roles: Set<Role>, language: Language, isActive: Bool = true, emailNotifications: Bool = true, createdAt: Date
    ) {
        self.id = id
        self.login = login
        self.displayName = displayName
        self.email = email
        self.departmentID = departmentID
        self.roles = roles.union([.employee])
        self.language = language
        self.isActive = isActive
        self.emailNotifications = emailNotifications
        self.createdAt = createdAt
    }

    public func has(_ role: Role) -> Bool { roles.contains(role) }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try container.decode(ID.self, forKey: .id), login: try container.decode(String.self, forKey: .login),
            displayName: try container.decode(String.self, forKey: .displayName),
            email: try container.decodeIfPresent(String.self, forKey: .email),
            departmentID: try container.decode(Department.ID.self, forKey: .departmentID),
            roles: try container.decode(Set<Role>.self, forKey: .roles),
            language: try container.decode(Language.self, forKey: .language), isActive: try container.decode(Bool.self, forKey: .isActive),
            emailNotifications: try container.decodeIfPresent(Bool.self, forKey: .emailNotifications) ?? true,
            createdAt: try container.decode(Date.self, forKey: .createdAt))
    }

    /// Written out so that the roles come in a fixed order (a set has none).
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(login, forKey: .login)
        try container.encode(displayName, forKey: .displayName)
        try container.encodeIfPresent(email, forKey: .email)
        try container.encode(departmentID, forKey: .departmentID)
        try container.encode(roles.sorted(), forKey: .roles)
        try container.encode(language, forKey: .language)
        try container.encode(isActive, forKey: .isActive)
        try container.encode(emailNotifications, forKey: .emailNotifications)
        try container.encode(createdAt, forKey: .createdAt)
    }

    /// The JSON spelling (snake_case), written out so that no key conversion runs per value.
    enum CodingKeys: String, CodingKey {
        case id, login, displayName = "display_name", email, departmentID = "department_id", roles, language
        case isActive = "is_active", emailNotifications = "email_notifications", createdAt = "created_at"
    }
}
