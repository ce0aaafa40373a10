import Foundation
import TandemCore
import Vapor

/// Departments and people.
struct OrganisationController: RouteCollection {
    struct DepartmentBody: StrictBody {
        var name: String?
        var code: String?
        var parentID: Department.ID??
        var isProvider: Bool?
        var isActive: Bool?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case name, code, parentID = "parent_id", isProvider = "is_provider", isActive = "is_active"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decodeIfPresent(String.self, forKey: .name)
            code = try container.decodeIfPresent(String.self, forKey: .code)
            parentID = try container.decodeNullable(Department.ID.self, forKey: .parentID)
            isProvider = try container.decodeIfPresent(Bool.self, forKey: .isProvider)
            isActive = try container.decodeIfPresent(Bool.self, forKey: .isActive)
        }

        var input: DepartmentInput {
            DepartmentInput(name: name, code: code, parentID: parentID, isProvider: isProvider, isActive: isActive)
        }
    }

    struct PersonBody: StrictBody {
        var login: String?
        var displayName: String?
        var email: String??
        var departmentID: Department.ID?
        var roles: Set<Role>?
        var language: Language?
        var isActive: Bool?
        var emailNotifications: Bool?
        var password: String?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case login, displayName = "display_name", email, departmentID = "department_id", roles, language
            case isActive = "is_active", emailNotifications = "email_notifications", password
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            login = try container.decodeIfPresent(String.self, forKey: .login)
            displayName = try container.decodeIfPresent(String.self, forKey: .displayName)
            email = try container.decodeNullable(String.self, forKey: .email)
            departmentID = try container.decodeIfPresent(Department.ID.self, forKey: .departmentID)
            roles = try container.decodeIfPresent(Set<Role>.self, forKey: .roles)
            language = try container.decodeIfPresent(Language.self, forKey: .language)
            isActive = try container.decodeIfPresent(Bool.self, forKey: .isActive)
            emailNotifications = try container.decodeIfPresent(Bool.self, forKey: .emailNotifications)
            password = try container.decodeIfPresent(String.self, forKey: .password)
        }

        var input: PersonInput {
            PersonInput(
                login: login, displayName: displayName, email: email, departmentID: departmentID, roles: roles,
                language: language, isActive: isActive, emailNotifications: emailNotifications, password: password)
        }
    }

    struct ResetPasswordBody: StrictBody {
        var newPassword: String
        enum CodingKeys: String, CodingKey, CaseIterable { case newPassword = "new_password" }
    }

    func boot(routes: any RoutesBuilder) throws {
        let departments = routes.grouped("departments")
        departments.get(use: listDepartments)
        departments.post(use: createDepartment)
        departments.get(":departmentID", use: department)
        departments.patch(":departmentID", use: updateDepartment)
        let people = routes.grouped("people")
        people.get(use: listPeople)
        people.post(use: createPerson)
        people.get(":personID", use: person)
        people.patch(":personID", use: updatePerson)
        people.put(":personID", "password", use: resetPassword)
    }

    func listDepartments(_ request: Request) async throws -> Response {
        _ = try QueryParameters(request, allowed: [])
        return try json(ItemList(items: try await request.tandem.organisation.departments(for: request.actor())))
    }

    func createDepartment(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let body = try request.decodeBody(DepartmentBody.self)
        return try json(try await request.tandem.organisation.createDepartment(body.input, by: actor), status: .created)
    }

    func department(_ request: Request) async throws -> Response {
        try json(try await request.tandem.organisation.department(request.id("departmentID", "department"), for: request.actor()))
    }

    func updateDepartment(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let id: Department.ID = try request.id("departmentID", "department")
        let body = try request.decodeBody(DepartmentBody.self)
        return try json(try await request.tandem.organisation.updateDepartment(id, body.input, by: actor))
    }

    /// Everyone (of a department); or, with `q`, `limit` or `offset`, a page of the people found as a
    /// person types (`PersonSearch`), the active ones unless `active=false`.
    func listPeople(_ request: Request) async throws -> Response {
        let query = try QueryParameters(request, allowed: ["department_id", "q", "active", "limit", "offset"])
        let department: Department.ID? = try query.id("department_id")
        let organisation = request.tandem.organisation
        guard query.string("q") != nil || query.string("limit") != nil || query.string("offset") != nil else {
            return try json(ItemList(items: try await organisation.people(in: department, for: request.actor())))
        }
        let found = try await organisation.findPeople(
            query.string("q") ?? "", among: PeopleFilter(department: department, activeOnly: query.string("active") != "false"),
            limit: try query.int("limit") ?? 20,
            offset: try query.int("offset") ?? 0, for: request.actor())
        return try json(ItemList(items: found))
    }

    func createPerson(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let body = try request.decodeBody(PersonBody.self)
        return try json(try await request.tandem.organisation.createPerson(body.input, by: actor), status: .created)
    }

    func person(_ request: Request) async throws -> Response {
        try json(try await request.tandem.organisation.person(request.id("personID", "person"), for: request.actor()))
    }

    func updatePerson(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let id: Person.ID = try request.id("personID", "person")
        let body = try request.decodeBody(PersonBody.self)
        return try json(try await request.tandem.organisation.updatePerson(id, body.input, by: actor))
    }

    func resetPassword(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let id: Person.ID = try request.id("personID", "person")
        let body = try request.decodeBody(ResetPasswordBody.self)
        try await request.tandem.organisation.setPassword(of: id, current: nil, new: body.newPassword, by: actor)
        return Response(status: .noContent)
    }
}

extension KeyedDecodingContainer {
    /// Tells an absent key (`nil`: leave as is) from an explicit `null` (`.some(nil)`: clear).
    func decodeNullable<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T?? {
        guard contains(key) else { return nil }
        if try decodeNil(forKey: key) { return .some(nil) }
        return .some(try decode(T.self, forKey: key))
    }
}
