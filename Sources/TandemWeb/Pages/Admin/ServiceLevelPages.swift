import Foundation
import TandemCore
import Vapor

/// Service levels: the business calendar (the company's, or a providing department's own) with
/// working hours, holidays and make-up workdays (调休), by hand or from an .ics file; and the
/// policies (the company's default, or an offering's own): targets per priority, pauses,
/// warnings, a priority raised on breach.
struct ServiceLevelPages: RouteCollection {
    struct PageContext: Encodable {
        var layout: LayoutContext
        var admin: AdminNavigation
        var scopes: [Choice]
        var scope: String
        var calendar: CalendarForm
        var offerings: [Choice]?
        var offering: String?
        var showsPolicy: Bool
        var policy: PolicyForm?
        var pausable: [Choice]
        /// The units a target is entered in, and what a day is.
        var units: [Choice]
        var dayExplained: String
        var imported: String?
        /// "No holidays for 2027 yet" in the last 60 days of 2026, with the import form below.
        var missingYear: String?
        var makeUpWeekdays: [Choice]
        var errors: [String: String]
        var general: String?
    }

    static let fields =
        ["name", "time_zone", "holidays", "make_up_workdays", "file", "make_up_weekday", "warning_percent", "pausing_statuses"]
        + Weekday.allCases.map { "hours_\($0.name)" }
        + Priority.allCases.flatMap { ["first_response_\($0.rawValue)", "resolution_\($0.rawValue)"] }

    let maxFormBytes: Int

    func boot(routes: any RoutesBuilder) throws {
        let levels = routes.grouped("admin", "service-levels")
        levels.get(use: show)
        levels.post("calendar", use: saveCalendar)
        levels.grouped(UploadGate()).on(.POST, "calendar", "import", body: .stream, use: importCalendar)
        levels.post("policy", use: savePolicy)
    }

    /// `company`, or a department's id.
    struct Scope {
        var department: Department.ID?
        var offering: ServiceOffering.ID?

        init(department text: String?, offering: String?, actor: Person) throws {
            if let text, text != "company" {
                guard let id = Department.ID(text) else {
                    throw TandemError.invalid("department", "department is not a valid id", .unknownRecord)
                }
                department = id
            } else if text == nil, !AccessPolicy.seesEveryDepartment(actor) {
                department = actor.departmentID
            }
            if let offering, !offering.isEmpty {
                guard let id = ServiceOffering.ID(offering) else {
                    throw TandemError.invalid("offering", "offering is not a valid id", .unknownRecord)
                }
                self.offering = id
            }
        }

        var query: String { "?department=\(department?.description ?? "company")" + (offering.map { "&offering=\($0)" } ?? "") }
    }

    func show(_ request: Request) async throws -> Response {
        let actor = try AdminNavigation.actor(request)
        let scope = try Scope(
            department: request.query[String.self, at: "department"], offering: request.query[String.self, at: "offering"], actor: actor)
        return try await request.page(
            "admin-service-levels", context(request, actor, scope, calendar: nil, policy: nil, errors: FieldErrors()))
    }

    func saveCalendar(_ request: Request) async throws -> Response {
        let actor = try AdminNavigation.actor(request)
        let form = try PageForm.read(request)
        let scope = try Scope(department: form.string("department"), offering: form.string("offering"), actor: actor)
        let submitted = CalendarForm(form, labels: { request.t("weekday.\($0.name)") })
        do {
            _ = try await request.tandem.serviceLevels.setCalendar(try submitted.calendar(), of: scope.department, by: actor)
            return request.seeOther(Site.adminServiceLevels + scope.query + "&done=saved")
        } catch let error as TandemError where error.isAboutInput {
            return try await request.page(
                "admin-service-levels",
                context(
                    request, actor, scope, calendar: submitted, policy: nil,
                    errors: FieldErrors(error, request)), status: .unprocessableEntity)
        }
    }

    func importCalendar(_ request: Request) async throws -> Response {
        let actor = try AdminNavigation.actor(request)
        let form = try await PageForm.receive(request, upTo: maxFormBytes)
        let scope = try Scope(department: form.string("department"), offering: form.string("offering"), actor: actor)
        do {
            guard let file = form.files.first else { throw TandemError.invalid("file", "choose an .ics file", .required) }
            let makeUpAs = try form.string("make_up_weekday").map { name in
                guard let weekday = Weekday(name: name) else {
                    throw TandemError.invalid("make_up_weekday", "choose a weekday", .notAnOption)
                }
                return weekday
            }
            let (_, days) = try await request.tandem.serviceLevels.importHolidays(
                String(buffer: try file.spool.contents()), into: scope.department,
                makeUpAs: makeUpAs, by: actor)
            var page = try await context(request, actor, scope, calendar: nil, policy: nil, errors: FieldErrors())
            page.imported = request.t("admin.sla_imported", String(days))
            return try await request.page("admin-service-levels", page)
        } catch let error as TandemError where error.isAboutInput {
            return try await request.page(
                "admin-service-levels",
                context(
                    request, actor, scope, calendar: nil, policy: nil,
                    errors: FieldErrors(error, request)), status: .unprocessableEntity)
        }
    }

    func savePolicy(_ request: Request) async throws -> Response {
        let actor = try AdminNavigation.actor(request)
        let form = try PageForm.read(request)
        let scope = try Scope(department: form.string("department"), offering: form.string("offering"), actor: actor)
        let submitted = PolicyForm(form, labels: { request.t("priority.\($0.rawValue)") })
        do {
            let calendar = try await request.tandem.serviceLevels.calendar(of: scope.department, for: actor)
            _ = try await request.tandem.serviceLevels.setPolicy(
                try submitted.policy(workingDay: calendar.workingDayMinutes), of: scope.offering, by: actor)
            return request.seeOther(Site.adminServiceLevels + scope.query + "&done=saved")
        } catch let error as TandemError where error.isAboutInput {
            return try await request.page(
                "admin-service-levels",
                context(
                    request, actor, scope, calendar: nil, policy: submitted,
                    errors: FieldErrors(error, request)), status: .unprocessableEntity)
        }
    }

    private func context(
        _ request: Request, _ actor: Person, _ scope: Scope, calendar: CalendarForm?, policy: PolicyForm?,
        errors: FieldErrors
    ) async throws -> PageContext {
        let services = request.tandem
        let providers = try await services.organisation.departments(for: actor)
            .filter { $0.isProvider && AccessPolicy.canManageCatalog(of: $0.id, actor) }
        var scopes = DepartmentTree.ordered(providers).map {
            Choice(value: $0.department.id.description, label: $0.department.name, selected: $0.department.id == scope.department)
        }
        if AccessPolicy.canManageSettings(actor) {
            scopes.insert(Choice(value: "company", label: request.t("admin.sla_company"), selected: scope.department == nil), at: 0)
        }
        if let department = scope.department, !providers.contains(where: { $0.id == department }) {
            throw TandemError.forbidden("only the department's managers change its service levels")
        }
        if scope.department == nil && !AccessPolicy.canManageSettings(actor) {
            throw TandemError.forbidden("only administrators change the company's service levels")
        }
        let stored = try await services.serviceLevels.calendar(of: scope.department, for: actor)
        let shownCalendar = calendar ?? CalendarForm(stored, labels: { request.t("weekday.\($0.name)") })
        let missingYear = services.serviceLevels.missingYear(in: stored)
        var offerings: [ServiceOffering] = []
        if let department = scope.department { offerings = try await services.catalog.offerings(provider: department, for: actor) }
        let offering = scope.offering ?? offerings.first?.id
        if let offering, scope.department != nil, !offerings.contains(where: { $0.id == offering }) {
            throw TandemError.notFound("offering")
        }
        let showsPolicy = scope.department == nil || offering != nil
        var shownPolicy = policy
        if shownPolicy == nil, showsPolicy {
            shownPolicy = PolicyForm(
                try await services.serviceLevels.policy(of: scope.department == nil ? nil : offering, for: actor),
                workingDay: stored.workingDayMinutes, labels: { request.t("priority.\($0.rawValue)") })
        }
        return PageContext(
            layout: LayoutContext(request, title: request.t("admin.service_levels"), section: "admin"),
            admin: AdminNavigation(request, actor, current: "service_levels"), scopes: scopes,
            scope: scope.department?.description ?? "company", calendar: shownCalendar,
            offerings: offerings.map { Choice(value: $0.id.description, label: $0.name, selected: $0.id == offering) }.nonEmpty,
            offering: scope.department == nil ? nil : offering?.description, showsPolicy: showsPolicy, policy: shownPolicy,
            pausable: PolicyForm.pausable.map {
                Choice(
                    value: $0.rawValue, label: request.t("status.\($0.rawValue)"),
                    selected: shownPolicy?.pausing.contains($0.rawValue) ?? false)
            },
            units: [
                Choice(value: PolicyForm.Unit.minutes.rawValue, label: request.t("admin.sla_unit_minutes"), selected: false),
                Choice(value: PolicyForm.Unit.hours.rawValue, label: request.t("admin.sla_unit_hours"), selected: false),
                Choice(value: PolicyForm.Unit.days.rawValue, label: request.t("admin.sla_unit_days"), selected: false),
            ],
            dayExplained: request.t("admin.sla_day_explained", PageFormat(request).duration(minutes: stored.workingDayMinutes)),
            imported: nil, missingYear: missingYear.map { request.t("admin.sla_missing_year", String($0)) },
            makeUpWeekdays: Weekday.allCases.filter { !(stored.weeklyHours[$0] ?? []).isEmpty }.map {
                Choice(value: $0.name, label: request.t("weekday.\($0.name)"), selected: $0 == stored.firstWorkingWeekday)
            },
            errors: errors.messages(for: Self.fields), general: errors.general(besides: Self.fields))
    }
}
