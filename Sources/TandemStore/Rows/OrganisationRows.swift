import Foundation
import TandemCore

struct DepartmentRow: Codable, Sendable {
    var id: UUID
    var name: String
    var code: String
    var parentId: UUID?
    var isProvider: Bool
    var createdAt: Date

    init(_ department: Department) {
        id = department.id.rawValue
        name = department.name
        code = department.code
        parentId = department.parentID?.rawValue
        isProvider = department.isProvider
        createdAt = department.createdAt
    }

    var department: Department {
        Department(id: .init(id), name: name, code: code, parentID: parentId.map(Department.ID.init),
                   isProvider: isProvider, createdAt: createdAt)
    }
}

struct PersonRow: Codable, Sendable {
    var id: UUID
    var login: String
    var displayName: String
    var email: String?
    var departmentId: UUID
    var roles: String
    var language: String
    var isActive: Bool
    var createdAt: Date

    init(_ person: Person) {
        id = person.id.rawValue
        login = person.login
        displayName = person.displayName
        email = person.email
        departmentId = person.departmentID.rawValue
        roles = person.roles.sorted().map(\.rawValue).joined(separator: ",")
        language = person.language.rawValue
        isActive = person.isActive
        createdAt = person.createdAt
    }

    var person: Person {
        Person(id: .init(id), login: login, displayName: displayName, email: email, departmentID: .init(departmentId),
               roles: Set(roles.split(separator: ",").compactMap { Role(rawValue: String($0)) }),
               language: Language(rawValue: language) ?? .zhCN, isActive: isActive, createdAt: createdAt)
    }

    static let columns = ["id", "login", "display_name", "email", "department_id", "roles", "language", "is_active", "created_at"]
}

struct OfferingRow: Codable, Sendable {
    var id: UUID
    var providerId: UUID
    var name: String
    var kind: String
    var description: String
    var audience: String
    var defaultAssigneeIds: String
    var formFields: String
    var confidentialByDefault: Bool
    var isActive: Bool
    var createdAt: Date

    init(_ offering: ServiceOffering) throws {
        id = offering.id.rawValue
        providerId = offering.providerID.rawValue
        name = offering.name
        kind = offering.kind.rawValue
        description = offering.description
        switch offering.audience {
        case .everyone: audience = "*"
        case .departments(let ids): audience = try JSONText.encode(ids.map(\.description).sorted())
        }
        defaultAssigneeIds = try JSONText.encode(offering.defaultAssigneeIDs)
        formFields = try JSONText.encode(offering.formFields)
        confidentialByDefault = offering.confidentialByDefault
        isActive = offering.isActive
        createdAt = offering.createdAt
    }

    func offering() throws -> ServiceOffering {
        let audienceValue: OfferingAudience = audience == "*"
            ? .everyone
            : .departments(Set(try JSONText.decode([String].self, from: audience).compactMap(Department.ID.init)))
        return ServiceOffering(
            id: .init(id), providerID: .init(providerId), name: name, kind: NeedKind(rawValue: kind) ?? .service,
            description: description, audience: audienceValue,
            defaultAssigneeIDs: try JSONText.decode([Person.ID].self, from: defaultAssigneeIds),
            formFields: try JSONText.decode([FormField].self, from: formFields),
            confidentialByDefault: confidentialByDefault, isActive: isActive, createdAt: createdAt)
    }
}
