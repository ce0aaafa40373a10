import Foundation
import TandemCore
import Vapor

/// Administration of people and their roles: a department's managers add and change its people;
/// administrators everyone's, and only they grant the administrator role or move people.
struct PeoplePages: RouteCollection {
    struct Row: Encodable {
        var id: String
        var name: String
        var login: String
        var department: String
        var roles: String
        var isActive: Bool
        var canEdit: Bool
    }

    struct FormValues: Encodable {
        var login = ""
        var displayName = ""
        var email = ""
        var isActive = true
    }

    struct ListContext: Encodable {
        var layout: LayoutContext
        var admin: AdminNavigation
        var filter: PickerContext
        /// What the list was searched for (name, login, pinyin, initials), and its pages.
        var query: String
        var previousLink: String?
        var nextLink: String?
        var rows: [Row]?
        var canCreate: Bool
        var form: FormValues
        var departments: [Choice]
        /// For those who choose among every department: a picker instead of `departments`.
        var departmentPicker: PickerContext?
        var roles: [RoleChoice]
        var languages: [Choice]
        var errors: [String: String]
        var general: String?
    }

    /// People per page of the list.
    static let pageSize = 50

    struct EditContext: Encodable {
        var layout: LayoutContext
        var admin: AdminNavigation
        var id: String
        var isSelf: Bool
        /// An invitation by e-mail can be sent (the person has an address, Tandem sends mail).
        var canInvite: Bool
        var form: FormValues
        var departments: [Choice]
        var departmentPicker: PickerContext?
        var roles: [RoleChoice]
        var languages: [Choice]
        var errors: [String: String]
        var general: String?
    }

    struct RoleChoice: Encodable {
        var value: String
        var label: String
        var selected: Bool
        /// Shown but not changeable by this person (the administrator role, for managers).
        var locked: Bool
    }

    /// What the person form submitted, before the core checks it.
    struct Submitted {
        var values: FormValues
        var department: Department.ID?
        var roles: Set<Role>
        var language: Language?
    }

    static let fields = ["login", "display_name", "email", "department_id", "roles", "language", "is_active", "password", "new_password"]
    static let departmentField = DepartmentPicker("department_id")
    static let filterField = DepartmentPicker("department")

    func boot(routes: any RoutesBuilder) throws {
        let people = routes.grouped("admin", "people")
        people.get(use: list)
        people.post(use: create)
        people.get(":personID", use: edit)
        people.post(":personID", use: update)
        people.post(":personID", "password", use: resetPassword)
        people.post(":personID", "invite", use: invite)
    }

    func list(_ request: Request) async throws -> Response {
        let actor = try AdminNavigation.actor(request)
        let department = try await Self.filteredDepartment(request, actor)
        let submitted = Submitted(values: FormValues(), department: department ?? actor.departmentID, roles: [.employee], language: nil)
        return try await request.page("admin-people", listContext(request, department: department, submitted, errors: FieldErrors()))
    }

    func create(_ request: Request) async throws -> Response {
        let actor = try AdminNavigation.actor(request)
        let form = try PageForm.read(request)
        var submitted = Submitted(values: Self.values(form), department: nil, roles: [.employee], language: nil)
        do {
            submitted = try await Self.read(form, values: submitted.values, request)
            let input = PersonInput(
                login: submitted.values.login, displayName: submitted.values.displayName, email: .some(submitted.values.email),
                departmentID: submitted.department, roles: submitted.roles, language: submitted.language, isActive: true,
                password: form.string("password"))
            let person = try await request.tandem.organisation.createPerson(input, by: actor)
            return request.seeOther(Site.adminPeople(in: person.departmentID) + "&done=saved")
        } catch let error as TandemError where error.isAboutInput {
            let context = try await listContext(request, department: submitted.department, submitted, errors: FieldErrors(error, request))
            return try await request.page("admin-people", context, status: .unprocessableEntity)
        }
    }

    func edit(_ request: Request) async throws -> Response {
        let actor = try AdminNavigation.actor(request)
        let person = try await request.tandem.organisation.person(request.id("personID", "person"), for: actor)
        try Self.checkManages(person, actor)
        let submitted = Submitted(person)
        return try await request.page("admin-person", editContext(request, person, submitted, errors: FieldErrors()))
    }

    func update(_ request: Request) async throws -> Response {
        let actor = try AdminNavigation.actor(request)
        let person = try await request.tandem.organisation.person(request.id("personID", "person"), for: actor)
        let form = try PageForm.read(request)
        var submitted = Submitted(
            values: Self.values(form), department: person.departmentID, roles: person.roles, language: person.language)
        do {
            submitted = try await Self.read(form, values: submitted.values, request)
            // A role this person may not grant stays as it was (the box is shown locked).
            if !AccessPolicy.canGrantAdministrator(actor) {
                submitted.roles.remove(.admin)
                if person.has(.admin) { submitted.roles.insert(.admin) }
            }
            let input = PersonInput(
                login: submitted.values.login, displayName: submitted.values.displayName, email: .some(submitted.values.email),
                departmentID: submitted.department ?? person.departmentID, roles: submitted.roles, language: submitted.language,
                isActive: submitted.values.isActive)
            let saved = try await request.tandem.organisation.updatePerson(person.id, input, by: actor)
            return request.seeOther(Site.adminPeople(in: saved.departmentID) + "&done=saved")
        } catch let error as TandemError where error.isAboutInput {
            return try await request.page(
                "admin-person", editContext(request, person, submitted, errors: FieldErrors(error, request)),
                status: .unprocessableEntity)
        }
    }

    /// E-mails the person a link to set their own password.
    func invite(_ request: Request) async throws -> Response {
        let actor = try AdminNavigation.actor(request)
        let person = try await request.tandem.organisation.person(request.id("personID", "person"), for: actor)
        _ = try PageForm.read(request)
        do {
            try await request.tandem.passwordLinks.invite(person.id, by: actor)
            request.tandem.jobRunner.wake()
            return request.seeOther(Site.done(Site.adminPerson(person.id), .sent))
        } catch let error as TandemError where error.isAboutInput {
            return try await request.page(
                "admin-person", editContext(request, person, Submitted(person), errors: FieldErrors(error, request)),
                status: .unprocessableEntity)
        }
    }

    func resetPassword(_ request: Request) async throws -> Response {
        let actor = try AdminNavigation.actor(request)
        let person = try await request.tandem.organisation.person(request.id("personID", "person"), for: actor)
        let form = try PageForm.read(request)
        do {
            try await request.tandem.organisation.setPassword(of: person.id, current: nil, new: form.text("new_password"), by: actor)
            return request.seeOther(Site.adminPerson(person.id) + "?done=saved")
        } catch let error as TandemError where error.isAboutInput {
            let submitted = Submitted(person)
            return try await request.page(
                "admin-person", editContext(request, person, submitted, errors: FieldErrors(error, request)),
                status: .unprocessableEntity)
        }
    }

    // MARK: reading the form

    private static func values(_ form: PageForm) -> FormValues {
        FormValues(
            login: form.text("login"), displayName: form.text("display_name"), email: form.text("email"),
            isActive: form.flag("is_active"))
    }

    private static func read(_ form: PageForm, values: FormValues, _ request: Request) async throws -> Submitted {
        var roles: Set<Role> = [.employee]
        for raw in form.values("roles") {
            guard let role = Role(rawValue: raw) else { throw TandemError.invalid("roles", "roles has an unknown value", .notAnOption) }
            roles.insert(role)
        }
        return Submitted(
            values: values, department: try await departmentField.one(form, request), roles: roles,
            language: try form.enumValue("language", Language.self))
    }

    /// The department the list shows: the one asked for; by default one's own for managers and
    /// everyone for administrators.
    private static func filteredDepartment(_ request: Request, _ actor: Person) async throws -> Department.ID? {
        if let typed = request.query[String.self, at: filterField.lookupField], !typed.trimmingCharacters(in: .whitespaces).isEmpty {
            return try await filterField.filtered(typed: typed, chosen: nil, request)
        }
        if let text = request.query[String.self, at: "department"] {
            if text.isEmpty { return nil }
            guard let id = Department.ID(text) else {
                throw TandemError.invalid("department", "department is not a valid id", .unknownRecord)
            }
            return id
        }
        return AccessPolicy.seesEveryDepartment(actor) ? nil : actor.departmentID
    }

    private static func checkManages(_ person: Person, _ actor: Person) throws {
        guard AccessPolicy.canManagePeople(of: person.departmentID, actor) else {
            throw TandemError.forbidden("you may not change this person")
        }
    }

    // MARK: contexts

    private func listContext(
        _ request: Request, department: Department.ID?, _ submitted: Submitted,
        errors: FieldErrors
    ) async throws -> ListContext {
        let actor = try AdminNavigation.actor(request)
        let departments = try await request.tandem.organisation.departments(for: actor)
        let names = Dictionary(uniqueKeysWithValues: departments.map { ($0.id, $0.name) })
        let query = request.query[String.self, at: "q"] ?? ""
        let page = max(0, request.query[Int.self, at: "page"] ?? 0)
        let found = try await request.tandem.organisation.findPeople(
            query, among: PeopleFilter(department: department, activeOnly: false), limit: Self.pageSize + 1, offset: page * Self.pageSize,
            for: actor)
        let people = found.prefix(Self.pageSize)
        let rows = people.map { person in
            Row(
                id: person.id.description, name: person.displayName, login: person.login, department: names[person.departmentID] ?? "",
                roles: Self.roleNames(person.roles, request), isActive: person.isActive,
                canEdit: AccessPolicy.canManagePeople(of: person.departmentID, actor))
        }
        let filter = PickerContext.departments(
            id: "people-filter", Self.filterField, multiple: false,
            chosen: [Choice(value: "", label: request.t("admin.all_departments"), selected: department == nil)]
                + DepartmentPicker.choices([department].compactMap { $0?.description }, in: departments), request)
        let messages = errors.messages(for: Self.fields)
        let creatable = departments.filter { $0.isActive && AccessPolicy.canManagePeople(of: $0.id, actor) }
        return ListContext(
            layout: LayoutContext(request, title: request.t("admin.people"), section: "admin"),
            admin: AdminNavigation(request, actor, current: "people"), filter: filter, query: query,
            previousLink: page > 0 ? Site.adminPeople(in: department, query: query, page: page - 1) : nil,
            nextLink: found.count > Self.pageSize ? Site.adminPeople(in: department, query: query, page: page + 1) : nil,
            rows: rows.nonEmpty,
            canCreate: !creatable.isEmpty, form: submitted.values,
            departments: Choice.departments(creatable) { $0 == submitted.department },
            departmentPicker: AccessPolicy.canMovePeople(actor)
                ? Self.departmentChoice(submitted.department, departments, error: messages["department_id"], request) : nil,
            roles: Self.roleChoices(submitted.roles, actor, request), languages: Self.languageChoices(submitted.language, request),
            errors: messages, general: errors.general(besides: Self.fields))
    }

    private func editContext(_ request: Request, _ person: Person, _ submitted: Submitted, errors: FieldErrors) async throws -> EditContext
    {
        let actor = try AdminNavigation.actor(request)
        let departments = try await request.tandem.organisation.departments(for: actor)
        // Only administrators move people: others see the person's own department alone.
        let movable = departments.filter { $0.id == person.departmentID }
        let messages = errors.messages(for: Self.fields)
        return EditContext(
            layout: LayoutContext(request, title: request.t("admin.edit_person"), section: "admin"),
            admin: AdminNavigation(request, actor, current: "people"), id: person.id.description, isSelf: person.id == actor.id,
            canInvite: person.id != actor.id && person.email != nil && request.tandem.configuration.smtp != nil,
            form: submitted.values, departments: Choice.departments(movable) { $0 == submitted.department },
            departmentPicker: AccessPolicy.canMovePeople(actor)
                ? Self.departmentChoice(submitted.department, departments, error: messages["department_id"], request) : nil,
            roles: Self.roleChoices(submitted.roles, actor, request), languages: Self.languageChoices(submitted.language, request),
            errors: messages, general: errors.general(besides: Self.fields))
    }

    /// The department picker of those who may put a person in any department.
    private static func departmentChoice(
        _ chosen: Department.ID?, _ departments: [Department], error: String?, _ request: Request
    ) -> PickerContext {
        .departments(
            id: "person-department", departmentField, multiple: false,
            chosen: DepartmentPicker.choices([chosen].compactMap { $0?.description }, in: departments), error: error, request)
    }

    private static func roleChoices(_ roles: Set<Role>, _ actor: Person, _ request: Request) -> [RoleChoice] {
        Role.allCases.filter { $0 != .employee }.map { role in
            RoleChoice(
                value: role.rawValue, label: request.t("role.\(role.rawValue)"), selected: roles.contains(role),
                locked: role == .admin && !AccessPolicy.canGrantAdministrator(actor))
        }
    }

    private static func languageChoices(_ selected: Language?, _ request: Request) -> [Choice] {
        Language.allCases.map {
            Choice(value: $0.rawValue, label: request.t("language.\($0.rawValue)"), selected: $0 == (selected ?? .zhCN))
        }
    }

    static func roleNames(_ roles: Set<Role>, _ request: Request) -> String {
        request.listed(roles.sorted().map { request.t("role.\($0.rawValue)") })
    }
}

extension PeoplePages.Submitted {
    /// The form as a stored person fills it.
    init(_ person: Person) {
        self.init(
            values: PeoplePages.FormValues(
                login: person.login, displayName: person.displayName, email: person.email ?? "",
                isActive: person.isActive),
            department: person.departmentID, roles: person.roles, language: person.language)
    }
}
