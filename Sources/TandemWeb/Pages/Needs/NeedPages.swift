import Foundation
import TandemCore
import Vapor

/// A need's page and what can be done on it: status actions, assignment, replies and internal
/// notes, attachments. Each form goes through the same core use case as the API.
struct NeedPages: RouteCollection {
    let maxFormBytes: Int

    func boot(routes: any RoutesBuilder) throws {
        let need = routes.grouped("needs", ":number")
        need.get(use: show)
        need.post("transition", use: transition)
        need.post("comments", use: comment)
        need.post("assignees", use: assign)
        need.post("triage", use: triage)
        need.post("rating", use: rate)
        need.post("merge", use: merge)
        need.grouped(UploadGate()).on(.POST, "attachments", body: .stream, use: attach)
    }

    /// The need by its number; one the person may not read is "not found", like a missing one.
    static func need(_ request: Request) async throws -> Need {
        guard let text = request.parameters.get("number"), let number = NeedNumber(text) else { throw TandemError.notFound("need") }
        return try await request.tandem.needs.need(number: number, for: request.actor())
    }

    func show(_ request: Request) async throws -> Response {
        let need = try await Self.need(request)
        return try await request.page("need", NeedPageContext.load(need, request))
    }

    func transition(_ request: Request) async throws -> Response {
        let need = try await Self.need(request)
        let form = try PageForm.read(request)
        guard let action = try form.enumValue("action", NeedAction.self) else { throw TandemError.invalid("action", "choose an action") }
        return try await redisplayOnError(need, request, text: form.text("reply")) {
            _ = try await request.tandem.needs.transition(need.id, action, reply: form.string("reply"), by: request.actor())
        }
    }

    func comment(_ request: Request) async throws -> Response {
        let need = try await Self.need(request)
        let form = try PageForm.read(request)
        let visibility = try form.enumValue("visibility", NeedEvent.Visibility.self) ?? .public
        return try await redisplayOnError(need, request, text: form.text("body")) {
            _ = try await request.tandem.needs.comment(on: need.id, body: form.text("body"), visibility: visibility, by: request.actor())
        }
    }

    func assign(_ request: Request) async throws -> Response {
        let need = try await Self.need(request)
        let form = try PageForm.read(request)
        return try await redisplayOnError(need, request, text: "") {
            let ids = try await NeedPageContext.assigneePicker(need).chosen(form, request)
            _ = try await request.tandem.needs.assign(need.id, to: ids, by: request.actor())
        }
    }

    func triage(_ request: Request) async throws -> Response {
        let need = try await Self.need(request)
        let form = try await PageForm.receive(request, upTo: maxFormBytes)
        return try await redisplayOnError(need, request, text: "") {
            _ = try await request.tandem.needs.update(need.id, try TriageForm.patch(form), by: request.actor())
        }
    }

    func rate(_ request: Request) async throws -> Response {
        let need = try await Self.need(request)
        let form = try PageForm.read(request)
        let sent = (score: Int(form.text("score")), comment: form.text("comment"))
        return try await redisplayOnError(need, request, text: "", rated: sent) {
            _ = try await request.tandem.satisfaction.rate(
                need.id, score: try RatingForm.requiredScore(form), comment: form.string("comment"),
                by: request.actor())
        }
    }

    /// Merges this need into another (by number): the page of that one follows.
    func merge(_ request: Request) async throws -> Response {
        let need = try await Self.need(request)
        let form = try PageForm.read(request)
        var into: Need?
        let shown = try await redisplayOnError(need, request, text: "") {
            into = try await request.tandem.needs.merge(need.id, into: form.text("into"), by: request.actor()).into
        }
        guard let into else { return shown }
        return request.seeOther(Site.done(Site.need(into.number)))
    }

    func attach(_ request: Request) async throws -> Response {
        let need = try await Self.need(request)
        let form = try await PageForm.receive(request, upTo: maxFormBytes)
        return try await redisplayOnError(need, request, text: "") {
            guard !form.files.isEmpty else { throw TandemError.invalid("file", .init(translated: request.t("need.choose_file"))) }
            for file in form.files {
                _ = try await AttachmentIntake.receive(
                    try file.spool.chunks(), fileName: file.fileName, contentType: file.contentType, to: need.id, by: request.actor(),
                    request)
            }
        }
    }

    /// Runs a change and goes back to the page; on an input or lifecycle error, shows the page
    /// again with the message and what was typed.
    private func redisplayOnError(
        _ need: Need, _ request: Request, text: String, rated: (score: Int?, comment: String)? = nil,
        _ change: () async throws -> Void
    ) async throws -> Response {
        do {
            try await change()
            return request.seeOther(Site.need(need.number))
        } catch let error as TandemError where [.invalidInput, .invalidTransition, .conflict, .forbidden].contains(error.code) {
            let fresh = try await Self.need(request)
            let context = try await NeedPageContext.load(
                fresh, request, commentText: text, rated: rated, errors: FieldErrors(error, request))
            return try await request.page("need", context, status: error.code == .invalidInput ? .unprocessableEntity : .conflict)
        }
    }
}
