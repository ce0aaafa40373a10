import Foundation
import TandemCore
import Vapor

/// Raising a need in the browser: pick the provider, then an offering of its catalog (grouped
/// by kind), then fill the offering's form. The form goes through the same `raise` use case
/// as the API.
struct RaisePages: RouteCollection {
    let maxFormBytes: Int

    func boot(routes: any RoutesBuilder) throws {
        routes.get("needs", "new", use: show)
        routes.grouped(UploadGate()).on(.POST, "needs", "new", body: .stream, use: raise)
    }

    func show(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let services = request.tandem
        if let offeringID: ServiceOffering.ID = try request.queryID("offering") {
            let offering = try await services.catalog.requestableOffering(offeringID, for: actor)
            let provider = try await services.organisation.department(offering.providerID, for: actor)
            return try await request.page(
                "raise-form",
                RaiseFormContext(
                    request, providerName: provider.name, providerID: provider.id, offering: offering,
                    matrix: try await services.settings.priorityMatrix(for: actor), typed: .init(), errors: FieldErrors()))
        }
        if let providerID: Department.ID = try request.queryID("provider") {
            let provider = try await services.organisation.department(providerID, for: actor)
            guard provider.takesNeeds else { throw TandemError.notFound("department") }
            if request.query[String.self, at: "general"] != nil {
                return try await request.page(
                    "raise-form",
                    RaiseFormContext(
                        request, providerName: provider.name, providerID: provider.id, offering: nil,
                        matrix: try await services.settings.priorityMatrix(for: actor), typed: .init(), errors: FieldErrors()))
            }
            let offerings = try await services.catalog.requestable(provider: providerID, for: actor)
            let groups = NeedKind.allCases.compactMap { kind -> RaiseCatalogContext.Group? in
                let ofKind = offerings.filter { $0.kind == kind }.sorted { $0.name < $1.name }
                guard !ofKind.isEmpty else { return nil }
                return .init(
                    kind: kind.rawValue, label: request.t("kind.\(kind.rawValue)"),
                    offerings: ofKind.map {
                        .init(name: $0.name, description: $0.description, link: Site.raise(offering: $0.id))
                    })
            }
            return try await request.page(
                "raise-catalog",
                RaiseCatalogContext(
                    layout: LayoutContext(request, title: request.t("raise.title"), section: "raise"), provider: provider.name,
                    groups: groups, generalLink: Site.raise(provider: providerID) + "&general=1"))
        }
        let departments = try await services.organisation.departments(for: actor).filter(\.takesNeeds)
        var providers: [RaiseProvidersContext.Provider] = []
        for department in departments.sorted(by: { $0.name < $1.name }) {
            let count = try await services.catalog.requestable(provider: department.id, for: actor).count
            providers.append(.init(name: department.name, link: Site.raise(provider: department.id), offerings: count))
        }
        return try await request.page(
            "raise-providers",
            RaiseProvidersContext(
                layout: LayoutContext(request, title: request.t("raise.title"), section: "raise"), providers: providers))
    }

    func raise(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let services = request.tandem
        let form = try await PageForm.receive(request, upTo: maxFormBytes)
        var offering: ServiceOffering?
        if let id: ServiceOffering.ID = try form.id("offering_id") {
            offering = try await services.catalog.requestableOffering(id, for: actor)
        }
        let providerID: Department.ID =
            try offering?.providerID ?? form.id("providing_department_id")
            ?? { throw TandemError.invalid("providing_department_id", "choose a providing department") }()
        var typed = RaiseFormContext.Typed()
        typed.title = form.text("title")
        typed.description = form.text("description")
        typed.desiredDate = form.text("desired_date")
        typed.confidential = form.fields["confidential_shown"] != nil ? form.flag("is_confidential") : nil
        for field in offering?.formFields ?? [] { typed.answers[field.key] = form.values("form.\(field.key)") }
        do {
            typed.kind = try form.enumValue("kind", NeedKind.self)
            typed.urgency = try form.enumValue("urgency", Urgency.self) ?? .medium
            typed.importance = try form.enumValue("importance", Importance.self) ?? .medium
            // NB: files are checked before the need is raised, so that a refused file leaves no need behind.
            for file in form.files {
                _ = try AttachmentPolicy.cleanFileName(file.fileName)
                try services.needs.attachmentPolicy.check(
                    contentType: file.contentType, byteCount: file.byteCount, head: file.head, field: "attachments")
            }
            let desired = try form.string("desired_date").map { text -> CalendarDate in
                guard let date = CalendarDate(text) else {
                    throw TandemError.invalid("desired_date", .init(translated: request.t("raise.date_format")))
                }
                return date
            }
            var answers: [String: FormAnswer] = [:]
            for field in offering?.formFields ?? [] {
                let values = typed.answers[field.key] ?? []
                if field.type == .multipleChoice {
                    if !values.isEmpty { answers[field.key] = .choices(values) }
                } else if let value = values.first?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty {
                    answers[field.key] = .text(value)
                }
            }
            let input = RaiseNeedInput(
                title: typed.title, description: typed.description, kind: offering == nil ? typed.kind : nil,
                providingDepartmentID: providerID, offeringID: offering?.id, urgency: typed.urgency, importance: typed.importance,
                effortHours: nil, desiredDate: desired, strategicGoalID: nil, isConfidential: typed.confidential, formAnswers: answers)
            let need = try await services.needs.raise(input, by: actor)
            for file in form.files {
                _ = try await AttachmentIntake.receive(
                    try file.spool.chunks(), fileName: file.fileName, contentType: file.contentType, to: need.id, by: actor, request)
            }
            return request.seeOther(Site.need(need.number))
        } catch let error as TandemError where error.isAboutInput {
            let provider = try await services.organisation.department(providerID, for: actor)
            var context = RaiseFormContext(
                request, providerName: provider.name, providerID: providerID, offering: offering,
                matrix: try await services.settings.priorityMatrix(for: actor), typed: typed, errors: FieldErrors(error, request))
            context.similar = try await services.search.similarOpenNeeds(
                title: String(typed.title.prefix(200)), provider: providerID, for: actor
            ).map {
                RaiseFormContext.SimilarNeed(link: Site.need($0.need.number), number: $0.need.number.description, title: $0.need.title)
            }.nonEmpty
            return try await request.page("raise-form", context, status: .unprocessableEntity)
        }
    }
}

extension Request {
    /// A typed id from the query string; a malformed one is a 404, like a missing record.
    func queryID<Subject>(_ name: String) throws -> Identifier<Subject>? {
        guard let text = query[String.self, at: name], !text.isEmpty else { return nil }
        guard let id = Identifier<Subject>(text) else { throw TandemError.notFound(name) }
        return id
    }
}
