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
        var origins: [Choice]?
    }

    struct BoardContext: Encodable {
        var layout: LayoutContext
        var departments: [Choice]
        var filter: [Choice]
        var rows: [Row]?
        var kinds: [Choice]
        var body: String
        var anonymous: Bool
        var errors: [String: String]
        var general: String?
    }

    static let fields = ["department_id", "body"]

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
                to: try form.id("department_id"), body: form.text("body"),
                anonymous: form.flag("anonymous"), by: actor)
            return request.seeOther(Site.done(Site.suggestions(to: suggestion.departmentID)))
        } catch let error as TandemError where error.isAboutInput {
            return try await request.page(
                "suggestions", boardContext(request, sent: form, errors: FieldErrors(error, request)), status: .unprocessableEntity)
        }
    }

    private func boardContext(_ request: Request, sent: PageForm?, errors: FieldErrors) async throws -> BoardContext {
        let actor = try request.actor()
        let chosen: Department.ID? = try QueryParameters(request, allowed: ["department", "done"]).id("department")
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
                    origins: suggestion.authorID == nil ? ConversionForm.departments(departments, preselected: nil) : nil))
        }
        let target = sent?.string("department_id") ?? chosen?.description
        return BoardContext(
            layout: LayoutContext(request, title: request.t("suggestion.title"), section: "suggestions"),
            departments: Choice.departments(departments) { $0.description == target },
            filter: [Choice(value: "", label: request.t("scorecard.all_requesters"), selected: chosen == nil)]
                + Choice.departments(departments) { $0 == chosen },
            rows: rows.nonEmpty, kinds: ConversionForm.kinds(request), body: sent?.text("body") ?? "",
            anonymous: sent?.flag("anonymous") ?? false,
            errors: errors.messages(for: Self.fields), general: errors.general(besides: Self.fields))
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
            request.id("suggestionID", "suggestion"), try ConversionForm.conversion(form),
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
