import Foundation
import TandemCore
import Vapor

/// The suggestion box in pages: the public board (to one department, or all), the form to write
/// one, and — for the department it is for — answering, turning into a need, closing.
struct SuggestionPages: RouteCollection {
    struct Row: Encodable {
        var id: String
        var department: String
        var body: String
        var from: String
        var submittedOn: String
        var status: String
        var statusLabel: String
        var answer: String?
        var needLink: String?
        var canDeal: Bool
        var isOpen: Bool
        /// For an anonymous suggestion: the departments a need made of it may come from.
        var originPicker: PickerContext?
    }

    struct BoardContext: Encodable {
        var layout: LayoutContext
        var departmentPicker: PickerContext
        var filter: PickerContext
        var rows: [Row]?
        var kinds: [Choice]
        var body: String
        var anonymous: Bool
        var errors: [String: String]
        var general: String?
    }

    static let fields = ["department_id", "body"]
    static let recipientField = DepartmentPicker("department_id")
    static let filterField = DepartmentPicker("department")

    func boot(routes: any RoutesBuilder) throws {
        let suggestions = routes.grouped("suggestions")
        suggestions.get(use: board)
        suggestions.post(use: submit)
        suggestions.post(":suggestionID", "answer", use: answer)
        suggestions.post(":suggestionID", "convert", use: convert)
        suggestions.post(":suggestionID", "close", use: close)
    }

    func board(_ request: Request) async throws -> Response {
        try await request.page("suggestions", boardContext(request, sent: nil, errors: FieldErrors()))
    }

    func submit(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let form = try PageForm.read(request)
        do {
            let suggestion = try await request.tandem.suggestions.submit(
                to: try await Self.recipientField.one(form, request), body: form.text("body"),
                anonymous: form.flag("anonymous"), by: actor)
            return request.seeOther(Site.done(Site.suggestions(to: suggestion.departmentID)))
        } catch let error as TandemError where error.isAboutInput {
            return try await request.page(
                "suggestions", boardContext(request, sent: form, errors: FieldErrors(error, request)), status: .unprocessableEntity)
        }
    }

    private func boardContext(_ request: Request, sent: PageForm?, errors: FieldErrors) async throws -> BoardContext {
        let actor = try request.actor()
        let query = try QueryParameters(request, allowed: ["department", Self.filterField.lookupField, "done"])
        let chosen = try await Self.filterField.filtered(
            typed: query.string(Self.filterField.lookupField), chosen: try query.id("department"), request)
        let departments = try await request.tandem.organisation.departments(for: actor)
        let names = Dictionary(uniqueKeysWithValues: departments.map { ($0.id, $0.name) })
        let suggestions = try await request.tandem.suggestions.board(to: chosen, for: actor)
        let authors = Dictionary(try await request.tandem.organisation.store.people(suggestions.compactMap(\.authorID)).map { ($0.id, $0) })
        { a, _ in a }
        let needs = request.tandem.needs
        var rows: [Row] = []
        for suggestion in suggestions {
            var needLink: String?
            if let needID = suggestion.needID, let need = try? await needs.need(needID, for: actor) { needLink = Site.need(need.number) }
            let from =
                suggestion.authorID.flatMap { authors[$0] }.map {
                    "\($0.displayName) · \(suggestion.authorDepartmentID.flatMap { names[$0] } ?? "")"
                } ?? request.t("survey.anonymous")
            rows.append(
                Row(
                    id: suggestion.id.description, department: names[suggestion.departmentID] ?? "—", body: suggestion.body, from: from,
                    submittedOn: PageFormat(request).date(suggestion.submittedOn), status: suggestion.status.rawValue,
                    statusLabel: request.t("suggestion_status.\(suggestion.status.rawValue)"), answer: suggestion.answer,
                    needLink: needLink,
                    canDeal: CollaborationAccess.dealsWith(suggestion, actor),
                    isOpen: suggestion.status == .open || suggestion.status == .answered,
                    originPicker: suggestion.authorID == nil
                        ? ConversionForm.origin(id: "suggestion-from-\(suggestion.id)", preselected: nil, request) : nil))
        }
        let target = sent.map { $0.values("department_id") } ?? [chosen?.description].compactMap { $0 }
        let messages = errors.messages(for: Self.fields)
        return BoardContext(
            layout: LayoutContext(request, title: request.t("suggestion.title"), section: "suggestions"),
            departmentPicker: .departments(
                id: "suggestion-department", Self.recipientField, multiple: false,
                chosen: DepartmentPicker.choices(target, in: departments), typed: sent?.text(Self.recipientField.lookupField) ?? "",
                error: messages["department_id"], request),
            filter: .departments(
                id: "suggestion-filter", Self.filterField, multiple: false,
                chosen: [Choice(value: "", label: request.t("scorecard.all_requesters"), selected: chosen == nil)]
                    + DepartmentPicker.choices([chosen].compactMap { $0?.description }, in: departments), request),
            rows: rows.nonEmpty, kinds: ConversionForm.kinds(request), body: sent?.text("body") ?? "",
            anonymous: sent?.flag("anonymous") ?? false,
            errors: messages, general: errors.general(besides: Self.fields))
    }

    func answer(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let form = try PageForm.read(request)
        let suggestion = try await request.tandem.suggestions.answer(
            request.id("suggestionID", "suggestion"), form.text("answer"), by: actor)
        return request.seeOther(Site.done(Site.suggestions(to: suggestion.departmentID)))
    }

    func convert(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let form = try PageForm.read(request)
        let need = try await request.tandem.suggestions.convert(
            request.id("suggestionID", "suggestion"), try await ConversionForm.conversion(form, request),
            by: actor)
        return request.seeOther(Site.need(need.number))
    }

    func close(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        _ = try PageForm.read(request)
        let suggestion = try await request.tandem.suggestions.close(request.id("suggestionID", "suggestion"), by: actor)
        return request.seeOther(Site.done(Site.suggestions(to: suggestion.departmentID)))
    }
}
