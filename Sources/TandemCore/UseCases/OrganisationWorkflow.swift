import Foundation

/// What an administrator or manager submits to create or change a department.
public struct DepartmentInput: Sendable {
    public var name: String?
    public var code: String?
    /// `.some(nil)` moves the department to the top of the tree.
    public var parentID: Department.ID??
    public var isProvider: Bool?
    /// `false` deactivates the department (when nothing open depends on it), `true` brings it back.
    public var isActive: Bool?

    public init(
        name: String? = nil, code: String? = nil, parentID: Department.ID?? = nil, isProvider: Bool? = nil, isActive: Bool? = nil
    ) {
        self.name = name
        self.code = code
        self.parentID = parentID
        self.isProvider = isProvider
        self.isActive = isActive
    }
}

/// What an administrator or manager submits to create or change a person.
public struct PersonInput: Sendable {
    public var login: String?
    public var displayName: String?
    public var email: String??
    public var departmentID: Department.ID?
    public var roles: Set<Role>?
    public var language: Language?
    public var isActive: Bool?
    public var emailNotifications: Bool?
    /// Only on creation; absent means the person cannot sign in until a password is set.
    public var password: String?

    public init(
        login: String? = nil, displayName: String? = nil, email: String?? = nil, departmentID: Department.ID? = nil,
        roles: Set<Role>? = nil, language: Language? = nil, isActive: Bool? = nil, emailNotifications: Bool? = nil, password: String? = nil
    ) {
        self.login = login
        self.displayName = displayName
        self.email = email
        self.departmentID = departmentID
        self.roles = roles
        self.language = language
        self.isActive = isActive
        self.emailNotifications = emailNotifications
        self.password = password
    }
}

/// The use cases on the organisation: departments and people.
public struct OrganisationWorkflow: Sendable {
    public let store: any OrganisationStore
    public let hasher: any PasswordHasher
    public let clock: any Clock
    public let ids: any IDGenerator

    public init(store: any OrganisationStore, hasher: any PasswordHasher, clock: any Clock, ids: any IDGenerator) {
        self.store = store
        self.hasher = hasher
        self.clock = clock
        self.ids = ids
    }

    // MARK: departments

    /// Every signed-in person sees the organisation tree (transparency).
    public func departments(for actor: Person) async throws -> [Department] {
        try await store.departments()
    }

    /// The departments found by `text` as people type (`PersonSearch`: name, code, pinyin,
    /// initials; empty: all): the code that is the query first, then a code, name or reading that
    /// starts with it, then the rest, each by name; at most `limit`.
    public func findDepartments(
        _ text: String, providersOnly: Bool = false, activeOnly: Bool = true, limit: Int = 20, for actor: Person
    ) async throws -> [Department] {
        guard (1...PersonSearch.maxLimit).contains(limit) else {
            throw TandemError.invalid(
                "limit", "limit must be between 1 and \(PersonSearch.maxLimit)", .outOfRange, "1", String(PersonSearch.maxLimit))
        }
        let patterns = PersonSearch.patterns(text)
        let first = patterns.first ?? ""
        let found = try await store.departments().compactMap { department -> (rank: Int, department: Department)? in
            guard (!providersOnly || department.isProvider) && (!activeOnly || department.isActive) else { return nil }
            let key = PersonSearch.rememberedKey(handle: department.code, name: department.name)
            guard PersonSearch.matches(key, patterns) else { return nil }
            let rank =
                department.code.lowercased() == first ? 0 : key.split(separator: " ").contains { $0.hasPrefix(first) } ? 1 : 2
            return (rank, department)
        }
        return found.sorted { ($0.rank, $0.department.name, $0.department.code) < ($1.rank, $1.department.name, $1.department.code) }
            .prefix(limit).map(\.department)
    }

    public func department(_ id: Department.ID, for actor: Person) async throws -> Department {
        guard let department = try await store.department(id) else { throw TandemError.notFound("department") }
        return department
    }

    public func createDepartment(_ input: DepartmentInput, by actor: Person) async throws -> Department {
        guard AccessPolicy.canManageDepartments(actor) else { throw TandemError.forbidden("only administrators create departments") }
        var problems = InputProblems()
        let name = try problems.check { try Validate.requiredText(input.name ?? "", field: "name", max: 100) }
        let code = try problems.check { try Self.departmentCode(input.code ?? "") }
        try problems.throwIfAny()
        let parentID = input.parentID ?? nil
        if let parentID {
            guard try await store.department(parentID) != nil else {
                throw TandemError.invalid("parent_id", "no department has this id", .unknownRecord)
            }
        }
        let department = Department(
            id: ids.next(), name: name ?? "", code: code ?? "", parentID: parentID,
            isProvider: input.isProvider ?? false, createdAt: clock.now())
        try await store.insert(department)
        return department
    }

    public func updateDepartment(_ id: Department.ID, _ input: DepartmentInput, by actor: Person) async throws -> Department {
        guard AccessPolicy.canManageDepartments(actor) else { throw TandemError.forbidden("only administrators change departments") }
        var department = try await department(id, for: actor)
        var problems = InputProblems()
        if let name = input.name { department.name = try problems.check { try Validate.requiredText(name, field: "name", max: 100) } ?? "" }
        if let code = input.code { department.code = try problems.check { try Self.departmentCode(code) } ?? "" }
        try problems.throwIfAny()
        if let isProvider = input.isProvider { department.isProvider = isProvider }
        if let isActive = input.isActive, isActive != department.isActive {
            if !isActive {
                let dependents = try await store.dependents(of: id)
                guard dependents.isEmpty else {
                    throw TandemError(
                        .conflict,
                        "the department still has \(dependents.openNeeds) open needs, \(dependents.activePeople) active people and \(dependents.activeDepartments) active departments under it",
                        field: "is_active", reason: .stillInUse,
                        reasonArguments: [dependents.openNeeds, dependents.activePeople, dependents.activeDepartments].map(String.init))
                }
            }
            department.isActive = isActive
        }
        if let parentID = input.parentID {
            let all = try await store.departments()
            if let parentID, !all.contains(where: { $0.id == parentID }) {
                throw TandemError.invalid("parent_id", "no department has this id", .unknownRecord)
            }
            try DepartmentTree.checkNoCycle(
                department: id, newParent: parentID,
                parents: Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0.parentID) }))
            department.parentID = parentID
        }
        try await store.update(department)
        return department
    }

    /// Refuses a department that does not exist or is deactivated as a person's department.
    private func checkTakesPeople(_ id: Department.ID) async throws {
        guard let department = try await store.department(id) else {
            throw TandemError.invalid("department_id", "no department has this id", .unknownRecord)
        }
        guard department.isActive else {
            throw TandemError.invalid("department_id", "the department is deactivated", .inactiveDepartment)
        }
    }

    static func departmentCode(_ raw: String) throws -> String {
        let code = raw.trimmingCharacters(in: .whitespaces).uppercased()
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
        guard (1...20).contains(code.count), code.allSatisfy(allowed.contains) else {
            throw TandemError.invalid("code", "code must be 1–20 letters, digits, '_' or '-'", .codeFormat)
        }
        return code
    }

    // MARK: people

    public func people(in department: Department.ID?, for actor: Person) async throws -> [Person] {
        try await store.people(in: department)
    }

    /// The people found by `text` (`PersonSearch`: name, login, pinyin, initials; empty: everyone),
    /// a page of them: what pickers and the people list ask as a person types.
    public func findPeople(
        _ text: String, among filter: PeopleFilter = PeopleFilter(), limit: Int = 20, offset: Int = 0, for actor: Person
    ) async throws -> [Person] {
        guard (1...PersonSearch.maxLimit).contains(limit) else {
            throw TandemError.invalid(
                "limit", "limit must be between 1 and \(PersonSearch.maxLimit)", .outOfRange, "1", String(PersonSearch.maxLimit))
        }
        guard offset >= 0 else { throw TandemError.invalid("offset", "offset must not be negative", .outOfRange, "0", "∞") }
        return try await store.findPeople(PersonSearch.patterns(text), among: filter, limit: limit, offset: offset)
    }

    /// The people with these ids (unknown ids are skipped), to show their names.
    public func people(_ ids: [Person.ID], for actor: Person) async throws -> [Person] {
        ids.isEmpty ? [] : try await store.people(Array(Set(ids)))
    }

    public func person(_ id: Person.ID, for actor: Person) async throws -> Person {
        guard let person = try await store.person(id) else { throw TandemError.notFound("person") }
        return person
    }

    public func createPerson(_ input: PersonInput, by actor: Person) async throws -> Person {
        guard let departmentID = input.departmentID else {
            throw TandemError.invalid("department_id", "department_id is required", .required)
        }
        guard AccessPolicy.canManagePeople(of: departmentID, actor) else {
            throw TandemError.forbidden("you may not add people to this department")
        }
        try await checkTakesPeople(departmentID)
        let roles = input.roles ?? [.employee]
        try Self.checkRoleGrant(roles, old: [], by: actor)
        var problems = InputProblems()
        let login = try problems.check { try Validate.login(input.login ?? "") }
        let displayName = try problems.check { try Validate.requiredText(input.displayName ?? "", field: "display_name", max: 100) }
        let email = try problems.check { try Validate.email(input.email ?? nil) }
        let password = try input.password.flatMap { password in try problems.check { try Validate.password(password) } }
        try problems.throwIfAny()
        let person = Person(
            id: ids.next(), login: login ?? "", displayName: displayName ?? "", email: email ?? nil, departmentID: departmentID,
            roles: roles, language: input.language ?? .zhCN, isActive: input.isActive ?? true,
            emailNotifications: input.emailNotifications ?? true, createdAt: clock.now())
        let hash = try password.map { try hasher.hash($0) }
        try await store.insert(person, passwordHash: hash)
        return person
    }

    public func updatePerson(_ id: Person.ID, _ input: PersonInput, by actor: Person) async throws -> Person {
        let original = try await person(id, for: actor)
        var person = original
        let isSelf = person.id == actor.id
        let onlyOwnProfile = input.login == nil && input.departmentID == nil && input.roles == nil && input.isActive == nil
        guard (isSelf && onlyOwnProfile) || AccessPolicy.canManage(person, actor) else {
            throw TandemError.forbidden(
                person.has(.admin) ? "only administrators change an administrator" : "you may not change this person")
        }
        if input.password != nil { throw TandemError.invalid("password", "set passwords through the password endpoint") }
        var problems = InputProblems()
        if let login = input.login { person.login = try problems.check { try Validate.login(login) } ?? person.login }
        if let name = input.displayName {
            person.displayName =
                try problems.check { try Validate.requiredText(name, field: "display_name", max: 100) } ?? person.displayName
        }
        if let email = input.email { person.email = try problems.check { try Validate.email(email) } ?? person.email }
        try problems.throwIfAny()
        if let language = input.language { person.language = language }
        if let emailNotifications = input.emailNotifications { person.emailNotifications = emailNotifications }
        if let departmentID = input.departmentID, departmentID != person.departmentID {
            guard AccessPolicy.canMovePeople(actor) else {
                throw TandemError.forbidden("only administrators move people between departments")
            }
            try await checkTakesPeople(departmentID)
            person.departmentID = departmentID
        }
        if let roles = input.roles {
            try Self.checkRoleGrant(roles, old: person.roles, by: actor)
            person.roles = roles.union([.employee])
        }
        if let active = input.isActive {
            if isSelf && !active { throw TandemError.invalid("is_active", "you cannot deactivate yourself") }
            person.isActive = active
        }
        let wasActiveAdmin = original.has(.admin) && original.isActive
        let staysActiveAdmin = person.has(.admin) && person.isActive
        if wasActiveAdmin && !staysActiveAdmin, try await store.countAdministrators() <= 1 {
            throw TandemError.invalid("roles", "the last active administrator must stay an active administrator")
        }
        try await store.update(person)
        return person
    }

    /// Sets a password: one's own (with the current one) or, for people one manages, without it.
    /// Every session of the person ends. A reset by someone else also revokes the person's API
    /// tokens (whoever knew the old password may have made one); one's own change revokes them
    /// when `revokeTokens` says so.
    public func setPassword(of id: Person.ID, current: String?, new: String, revokeTokens: Bool = false, by actor: Person) async throws {
        let person = try await person(id, for: actor)
        // NB: who may is decided before the new password is judged: a refusal says nothing about it.
        if person.id != actor.id {
            guard AccessPolicy.canManage(person, actor) else {
                throw TandemError.forbidden(
                    person.has(.admin)
                        ? "only administrators reset an administrator's password"
                        : "you may not change this person's password")
            }
        }
        let newPassword = try Validate.password(new, field: "new_password")
        if person.id == actor.id {
            guard let current, let hash = try await store.passwordHash(of: id), try hasher.verify(current, hash: hash) else {
                throw TandemError.invalid("current_password", "the current password is wrong")
            }
        }
        let revoking = person.id != actor.id || revokeTokens
        try await store.setPasswordHash(hasher.hash(newPassword), of: id, revokingTokensAt: revoking ? clock.now() : nil)
    }

    /// Throws unless the actor may change the roles so (`AccessPolicy.canChangeRoles`).
    static func checkRoleGrant(_ roles: Set<Role>, old: Set<Role>, by actor: Person) throws {
        guard AccessPolicy.canChangeRoles(from: old, to: roles, actor) else {
            throw TandemError.forbidden("only administrators grant or remove the administrator role")
        }
    }
}
