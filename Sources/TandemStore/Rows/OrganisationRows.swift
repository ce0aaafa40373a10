import Foundation
import TandemCore

struct DepartmentRow: Codable, Sendable {
    var id: UUID
    var name: String
    var code: String
    var parent_id: UUID?
    var is_provider: Bool
    var is_active: Bool
    var created_at: Date

    init(_ department: Department) {
        id = department.id.rawValue
        name = department.name
        code = department.code
        parent_id = department.parentID?.rawValue
        is_provider = department.isProvider
        is_active = department.isActive
        created_at = department.createdAt
    }

    var department: Department {
        Department(
            id: .init(id), name: name, code: code, parentID: parent_id.map(Department.ID.init),
            isProvider: is_provider, isActive: is_active, createdAt: created_at)
    }
}

struct PersonRow: Codable, Sendable {
    var id: UUID
    var login: String
    var display_name: String
    var email: String?
    var department_id: UUID
    var roles: String
    var language: String
    var is_active: Bool
    var email_notifications: Bool
    var created_at: Date
    /// What the person is found by (`PersonSearch.key`); written, never read back.
    var search_key: String?

    init(_ person: Person) {
        id = person.id.rawValue
        search_key = PersonSearch.key(handle: person.login, name: person.displayName)
        login = person.login
        display_name = person.displayName
        email = person.email
        department_id = person.departmentID.rawValue
        roles = person.roles.sorted().map(\.rawValue).joined(separator: ",")
        language = person.language.rawValue
        is_active = person.isActive
        email_notifications = person.emailNotifications
        created_at = person.createdAt
    }

    var person: Person {
        Person(
            id: .init(id), login: login, displayName: display_name, email: email, departmentID: .init(department_id),
            roles: Set(roles.split(separator: ",").compactMap { Role(rawValue: String($0)) }),
            language: Language(rawValue: language) ?? .zhCN, isActive: is_active, emailNotifications: email_notifications,
            createdAt: created_at)
    }

    /// Every column but the password hash, which is read only to check a password.
    static let columns = [
        "id", "login", "display_name", "email", "department_id", "roles", "language", "is_active", "email_notifications",
        "created_at",
    ]
    /// `columns` as SQL, qualified by the table (for joins).
    static let columnList = columns.map { "people.\($0)" }.joined(separator: ", ")
}

struct OfferingRow: Codable, Sendable {
    var id: UUID
    var provider_id: UUID
    var name: String
    var kind: String
    var description: String
    var audience: String
    var default_assignee_ids: String
    var form_fields: String
    var confidential_by_default: Bool
    var is_active: Bool
    var created_at: Date

    init(_ offering: ServiceOffering) throws {
        id = offering.id.rawValue
        provider_id = offering.providerID.rawValue
        name = offering.name
        kind = offering.kind.rawValue
        description = offering.description
        switch offering.audience {
        case .everyone: audience = "*"
        case .departments(let ids): audience = try JSONText.encode(ids.map(\.description).sorted())
        }
        default_assignee_ids = try JSONText.encode(offering.defaultAssigneeIDs)
        form_fields = try JSONText.encode(offering.formFields)
        confidential_by_default = offering.confidentialByDefault
        is_active = offering.isActive
        created_at = offering.createdAt
    }

    func offering() throws -> ServiceOffering {
        let audienceValue: OfferingAudience =
            audience == "*"
            ? .everyone
            : .departments(Set(try JSONText.decode([String].self, from: audience).compactMap(Department.ID.init)))
        return ServiceOffering(
            id: .init(id), providerID: .init(provider_id), name: name, kind: NeedKind(rawValue: kind) ?? .service,
            description: description, audience: audienceValue,
            defaultAssigneeIDs: try JSONText.decode([Person.ID].self, from: default_assignee_ids),
            formFields: try JSONText.decode([FormField].self, from: form_fields),
            confidentialByDefault: confidential_by_default, isActive: is_active, createdAt: created_at)
    }
}
