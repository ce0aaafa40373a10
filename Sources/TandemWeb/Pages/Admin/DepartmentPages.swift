import Foundation
import TandemCore
import Vapor

/// Administration of the organisation tree (组织架构): every department with its people and
/// catalog; administrators create, rename, move, mark departments as providers, and deactivate
/// them (停用) when nothing open depends on them.
struct DepartmentPages: RouteCollection {
    struct Row: Encodable {
        var id: String
        var name: String
        var code: String
        var depth: Int
        var isProvider: Bool
        var isActive: Bool
        var people: Int
    }

    struct FormValues: Encodable {
        var name = ""
        var code = ""
        var isProvider = false
    }

    struct ListContext: Encodable {
        var layout: LayoutContext
        var admin: AdminNavigation
        var rows: [Row]?
        var canManage: Bool
        var form: FormValues
        var parentPicker: PickerContext
        var errors: [String: String]
        var general: String?
    }

    struct EditContext: Encodable {
        var layout: LayoutContext
        var admin: AdminNavigation
        var id: String
        /// Whether the department is active, and what keeps it from being deactivated.
        var isActive: Bool
        var form: FormValues
        var parentPicker: PickerContext
        var errors: [String: String]
        var general: String?
    }

    static let fields = ["name", "code", "parent_id", "is_provider"]
    static let parentField = DepartmentPicker("parent_id")

    func boot(routes: any RoutesBuilder) throws {
        let departments = routes.grouped("admin", "departments")
        departments.get(use: list)
        departments.post(use: create)
        departments.get(":departmentID", use: edit)
        departments.post(":departmentID", use: update)
        departments.post(":departmentID", "activity", use: setActivity)
    }

    func list(_ request: Request) async throws -> Response {
        try await request.page("admin-departments", listContext(request, form: FormValues(), parent: nil, errors: FieldErrors()))
    }

    func create(_ request: Request) async throws -> Response {
        let actor = try AdminNavigation.actor(request)
        let form = try PageForm.read(request)
        let values = FormValues(name: form.text("name"), code: form.text("code"), isProvider: form.flag("is_provider"))
        var parent: Department.ID?
        do {
            parent = try await Self.parentField.one(form, request)
            _ = try await request.tandem.organisation.createDepartment(Self.input(values, parent: parent), by: actor)
            return request.seeOther(Site.adminDepartments + "?done=saved")
        } catch let error as TandemError where error.isAboutInput {
            let context = try await listContext(request, form: values, parent: parent, errors: FieldErrors(error, request))
            return try await request.page("admin-departments", context, status: .unprocessableEntity)
        }
    }

    func edit(_ request: Request) async throws -> Response {
        let actor = try AdminNavigation.actor(request)
        let department = try await request.tandem.organisation.department(request.id("departmentID", "department"), for: actor)
        guard AccessPolicy.canManageDepartments(actor) else { throw TandemError.forbidden("only administrators change departments") }
        let values = FormValues(name: department.name, code: department.code, isProvider: department.isProvider)
        return try await request.page(
            "admin-department",
            editContext(request, department, values, parent: department.parentID, errors: FieldErrors()))
    }

    /// Deactivates the department (refused, with what still depends on it, while anything open
    /// does) or brings it back.
    func setActivity(_ request: Request) async throws -> Response {
        let actor = try AdminNavigation.actor(request)
        let id: Department.ID = try request.id("departmentID", "department")
        let form = try PageForm.read(request)
        let active = form.string("active") == "true"
        do {
            _ = try await request.tandem.organisation.updateDepartment(id, DepartmentInput(isActive: active), by: actor)
            return request.seeOther(Site.adminDepartments + "?done=saved")
        } catch let error as TandemError where error.reason == .stillInUse {
            let department = try await request.tandem.organisation.department(id, for: actor)
            let values = FormValues(name: department.name, code: department.code, isProvider: department.isProvider)
            let context = try await editContext(
                request, department, values, parent: department.parentID, errors: FieldErrors(error, request))
            return try await request.page("admin-department", context, status: .conflict)
        }
    }

    func update(_ request: Request) async throws -> Response {
        let actor = try AdminNavigation.actor(request)
        let id: Department.ID = try request.id("departmentID", "department")
        let form = try PageForm.read(request)
        let values = FormValues(name: form.text("name"), code: form.text("code"), isProvider: form.flag("is_provider"))
        var parent: Department.ID?
        do {
            parent = try await Self.parentField.one(form, request)
            _ = try await request.tandem.organisation.updateDepartment(id, Self.input(values, parent: parent), by: actor)
            return request.seeOther(Site.adminDepartments + "?done=saved")
        } catch let error as TandemError where error.isAboutInput {
            let department = try await request.tandem.organisation.department(id, for: actor)
            let context = try await editContext(request, department, values, parent: parent, errors: FieldErrors(error, request))
            return try await request.page("admin-department", context, status: .unprocessableEntity)
        }
    }

    private static func input(_ values: FormValues, parent: Department.ID?) -> DepartmentInput {
        DepartmentInput(name: values.name, code: values.code, parentID: .some(parent), isProvider: values.isProvider)
    }

    private func listContext(_ request: Request, form: FormValues, parent: Department.ID?, errors: FieldErrors) async throws -> ListContext
    {
        let actor = try AdminNavigation.actor(request)
        let departments = try await request.tandem.organisation.departments(for: actor)
        let headcount = try await request.tandem.organisation.store.activeHeadcounts()
        let rows = DepartmentTree.ordered(departments).map { entry in
            Row(
                id: entry.department.id.description, name: entry.department.name, code: entry.department.code,
                depth: min(entry.depth, 6), isProvider: entry.department.isProvider, isActive: entry.department.isActive,
                people: headcount[entry.department.id] ?? 0)
        }
        return ListContext(
            layout: LayoutContext(request, title: request.t("admin.departments"), section: "admin"),
            admin: AdminNavigation(request, actor, current: "departments"), rows: rows.nonEmpty,
            canManage: AccessPolicy.canManageDepartments(actor), form: form,
            parentPicker: Self.parentPicker(departments, selected: parent, errors: errors, request),
            errors: errors.messages(for: Self.fields), general: errors.general(besides: Self.fields))
    }

    private func editContext(
        _ request: Request, _ department: Department, _ form: FormValues, parent: Department.ID?,
        errors: FieldErrors
    ) async throws -> EditContext {
        let actor = try AdminNavigation.actor(request)
        let departments = try await request.tandem.organisation.departments(for: actor)
        return EditContext(
            layout: LayoutContext(request, title: request.t("admin.edit_department"), section: "admin"),
            admin: AdminNavigation(request, actor, current: "departments"), id: department.id.description,
            isActive: department.isActive, form: form,
            parentPicker: Self.parentPicker(departments, selected: parent, errors: errors, request),
            errors: errors.messages(for: Self.fields), general: errors.general(besides: Self.fields))
    }

    /// The parent: "(top of the tree)", the one chosen, and any other as people type (the core
    /// refuses the department itself and its descendants).
    private static func parentPicker(
        _ departments: [Department], selected: Department.ID?, errors: FieldErrors, _ request: Request
    ) -> PickerContext {
        .departments(
            id: "department-parent", parentField, multiple: false,
            chosen: [Choice(value: "", label: request.t("admin.top_level"), selected: selected == nil)]
                + DepartmentPicker.choices([selected].compactMap { $0?.description }, in: departments),
            error: errors.messages(for: ["parent_id"])["parent_id"], request)
    }
}
