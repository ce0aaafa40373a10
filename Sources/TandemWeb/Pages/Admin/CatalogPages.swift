import Foundation
import TandemCore
import Vapor

/// Administration of the service catalogs (服务目录): a providing department's offerings, each
/// with its audience, default assignees and request form. Its managers and administrators change it.
struct CatalogPages: RouteCollection {
    struct Row: Encodable {
        var id: String
        var name: String
        var kind: String
        var audience: String
        var fields: Int
        var isActive: Bool
    }

    struct ListContext: Encodable {
        var layout: LayoutContext
        var admin: AdminNavigation
        var providers: [Choice]?
        var department: String?
        var departmentName: String?
        var rows: [Row]?
        var canManage: Bool
        var satisfaction: SatisfactionPolicyForm?
    }

    struct EditContext: Encodable {
        var layout: LayoutContext
        var admin: AdminNavigation
        var action: String
        var isNew: Bool
        var department: String
        var departmentName: String
        var form: OfferingForm
        var rows: [OfferingForm.FieldRow]
        var kinds: [Choice]
        var audiencePicker: PickerContext
        var assigneePicker: PickerContext
        var errors: [String: String]
        var general: String?
    }

    static let fields = [
        "name", "kind", "description", "audience", "default_assignee_ids", "form_fields", "confidential_by_default", "is_active",
    ]

    func boot(routes: any RoutesBuilder) throws {
        let catalog = routes.grouped("admin", "catalog")
        catalog.get(use: list)
        catalog.get("new", use: new)
        catalog.post(use: create)
        catalog.get(":offeringID", use: edit)
        catalog.post(":offeringID", use: update)
        catalog.post("satisfaction", use: setSatisfactionPolicy)
    }

    func list(_ request: Request) async throws -> Response {
        try await listPage(request, department: request.query[String.self, at: "department"])
    }

    /// How the department handles ratings (a form below its catalog).
    func setSatisfactionPolicy(_ request: Request) async throws -> Response {
        let actor = try AdminNavigation.actor(request)
        let form = try PageForm.read(request)
        let provider = try await providerToChange(form.string("department"), request, actor)
        do {
            _ = try await request.tandem.satisfaction.setPolicy(try SatisfactionPolicyForm.policy(form), of: provider.id, by: actor)
            return request.seeOther(Site.adminCatalog(of: provider.id) + "&done=saved")
        } catch let error as TandemError where error.isAboutInput {
            return try await listPage(
                request, department: provider.id.description, sent: form, errors: FieldErrors(error, request),
                status: .unprocessableEntity)
        }
    }

    private func listPage(
        _ request: Request, department chosenText: String?, sent: PageForm? = nil, errors: FieldErrors = FieldErrors(),
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let actor = try AdminNavigation.actor(request)
        let providers = try await request.tandem.organisation.departments(for: actor).filter(\.isProvider)
        let chosen =
            try chosenText.map { try Self.departmentID($0) }
            ?? providers.first { $0.id == actor.departmentID }?.id ?? DepartmentTree.ordered(providers).first?.department.id
        let department = providers.first { $0.id == chosen }
        var rows: [Row] = []
        var satisfaction: SatisfactionPolicyForm?
        if let department {
            satisfaction = SatisfactionPolicyForm(
                try await request.tandem.satisfaction.policy(of: department.id),
                canManage: AccessPolicy.canManageCatalog(of: department.id, actor),
                sent: sent, errors: errors, request)
            let names = try await departmentNames(request, actor)
            rows = try await request.tandem.catalog.offerings(provider: department.id, for: actor).map { offering in
                Row(
                    id: offering.id.description, name: offering.name, kind: request.t("kind.\(offering.kind.rawValue)"),
                    audience: Self.audienceText(offering.audience, names, request), fields: offering.formFields.count,
                    isActive: offering.isActive)
            }
        }
        let context = ListContext(
            layout: LayoutContext(request, title: request.t("admin.catalog"), section: "admin"),
            admin: AdminNavigation(request, actor, current: "catalog"),
            providers: DepartmentTree.ordered(providers).map {
                Choice(value: $0.department.id.description, label: $0.department.name, selected: $0.department.id == chosen)
            }.nonEmpty,
            department: department?.id.description, departmentName: department?.name, rows: rows.nonEmpty,
            canManage: department.map { AccessPolicy.canManageCatalog(of: $0.id, actor) } ?? false, satisfaction: satisfaction)
        return try await request.page("admin-catalog", context, status: status)
    }

    func new(_ request: Request) async throws -> Response {
        let actor = try AdminNavigation.actor(request)
        let provider = try await providerToChange(request.query[String.self, at: "department"], request, actor)
        return try await request.page(
            "admin-offering", editContext(request, provider: provider, offering: nil, OfferingForm(), errors: FieldErrors()))
    }

    func create(_ request: Request) async throws -> Response {
        let actor = try AdminNavigation.actor(request)
        let form = try PageForm.read(request)
        let provider = try await providerToChange(form.string("provider_id"), request, actor)
        var submitted = OfferingForm(form)
        do {
            try await submitted.resolveTyped(provider: provider.id, request)
            _ = try await request.tandem.catalog.create(submitted.input(provider: provider.id, creating: true), by: actor)
            return request.seeOther(Site.adminCatalog(of: provider.id) + "&done=saved")
        } catch let error as TandemError where error.isAboutInput {
            let context = try await editContext(request, provider: provider, offering: nil, submitted, errors: FieldErrors(error, request))
            return try await request.page("admin-offering", context, status: .unprocessableEntity)
        }
    }

    func edit(_ request: Request) async throws -> Response {
        let actor = try AdminNavigation.actor(request)
        let offering = try await request.tandem.catalog.offering(request.id("offeringID", "offering"), for: actor)
        let provider = try await providerToChange(offering.providerID.description, request, actor)
        return try await request.page(
            "admin-offering",
            editContext(
                request, provider: provider, offering: offering.id, OfferingForm(offering),
                errors: FieldErrors()))
    }

    func update(_ request: Request) async throws -> Response {
        let actor = try AdminNavigation.actor(request)
        let offering = try await request.tandem.catalog.offering(request.id("offeringID", "offering"), for: actor)
        let form = try PageForm.read(request)
        let provider = try await providerToChange(offering.providerID.description, request, actor)
        var submitted = OfferingForm(form)
        do {
            try await submitted.resolveTyped(provider: provider.id, request)
            _ = try await request.tandem.catalog.update(offering.id, submitted.input(provider: nil, creating: false), by: actor)
            return request.seeOther(Site.adminCatalog(of: provider.id) + "&done=saved")
        } catch let error as TandemError where error.isAboutInput {
            let context = try await editContext(
                request, provider: provider, offering: offering.id, submitted, errors: FieldErrors(error, request))
            return try await request.page("admin-offering", context, status: .unprocessableEntity)
        }
    }

    // MARK: helpers

    /// The providing department whose catalog the person is about to change (the core checks again on saving).
    private func providerToChange(_ text: String?, _ request: Request, _ actor: Person) async throws -> Department {
        guard let text else { throw TandemError.invalid("department", "department is required", .required) }
        let department = try await request.tandem.organisation.department(Self.departmentID(text), for: actor)
        guard department.isProvider else { throw TandemError.notFound("department") }
        guard AccessPolicy.canManageCatalog(of: department.id, actor) else {
            throw TandemError.forbidden("only the department's managers change its catalog")
        }
        return department
    }

    private static func departmentID(_ text: String) throws -> Department.ID {
        guard let id = Department.ID(text) else { throw TandemError.invalid("department", "department is not a valid id", .unknownRecord) }
        return id
    }

    private func departmentNames(_ request: Request, _ actor: Person) async throws -> [Department.ID: String] {
        Dictionary(uniqueKeysWithValues: try await request.tandem.organisation.departments(for: actor).map { ($0.id, $0.name) })
    }

    private static func audienceText(_ audience: OfferingAudience, _ names: [Department.ID: String], _ request: Request) -> String {
        switch audience {
        case .everyone: return request.t("audience.everyone")
        case .departments(let listed):
            return request.listed(listed.compactMap { names[$0] }.sorted())
        }
    }

    private func editContext(
        _ request: Request, provider: Department, offering: ServiceOffering.ID?, _ form: OfferingForm,
        errors: FieldErrors
    ) async throws -> EditContext {
        let actor = try AdminNavigation.actor(request)
        let departments = try await request.tandem.organisation.departments(for: actor)
        let messages = errors.messages(for: Self.fields)
        return EditContext(
            layout: LayoutContext(
                request, title: request.t(offering == nil ? "admin.new_offering" : "admin.edit_offering"), section: "admin"),
            admin: AdminNavigation(request, actor, current: "catalog"),
            action: offering.map { "\(Site.adminCatalog)/\($0)" } ?? Site.adminCatalog, isNew: offering == nil,
            department: provider.id.description, departmentName: provider.name, form: form, rows: form.shownRows(errors, request),
            kinds: NeedKind.allCases.map {
                Choice(value: $0.rawValue, label: request.t("kind.\($0.rawValue)"), selected: $0.rawValue == form.kind)
            },
            audiencePicker: .departments(
                id: "offering-audience", OfferingForm.audiencePicker, multiple: true,
                chosen: DepartmentPicker.choices(form.audience.sorted(), in: departments), typed: form.audienceTyped,
                error: messages["audience"], request),
            assigneePicker: .people(
                id: "offering-assignees", OfferingForm.assigneePicker(of: provider.id), multiple: true,
                chosen: try await PeoplePicker.choices(form.assignees.sorted(), request), typed: form.assigneeTyped,
                error: messages[OfferingForm.assigneeField], request),
            errors: messages, general: errors.general(besides: Self.fields, prefixes: ["form_fields["]))
    }
}
