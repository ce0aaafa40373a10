import Foundation
import TandemCore
import Vapor

/// The page a rating link in a resolution e-mail opens: no sign-in, the link stands for the
/// requester. The score clicked in the e-mail is preselected and one button records it (a GET
/// never records: mail scanners open every link of a message).
struct RatePages: RouteCollection {
    struct RatePageContext: Encodable {
        var layout: LayoutContext
        var needNumber: String?
        var needTitle: String?
        var ratingAs: String?
        var rating: RatingForm?
        /// Why the link cannot be used, or the thanks after rating.
        var message: String?
        var done: Bool
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("rate", ":token", use: show)
        routes.post("rate", ":token", use: rate)
    }

    func show(_ request: Request) async throws -> Response {
        let token = request.parameters.get("token") ?? ""
        let chosen = request.query[Int.self, at: "score"].flatMap { SatisfactionRating.scores.contains($0) ? $0 : nil }
        return try await page(request, token: token, chosen: chosen, typed: nil, errors: FieldErrors())
    }

    func rate(_ request: Request) async throws -> Response {
        let token = request.parameters.get("token") ?? ""
        let form = try PageForm.read(request)
        do {
            let target = try await request.tandem.satisfaction.linkTarget(token)
            speakRequesterLanguage(request, target.person)
            try await request.tandem.satisfaction.rate(
                token: token, score: try RatingForm.requiredScore(form), comment: form.string("comment"))
        } catch let error as TandemError where [.invalidInput, .invalidTransition].contains(error.code) && error.field != nil {
            return try await page(
                request, token: token, chosen: Int(form.text("score")), typed: form.text("comment"),
                errors: FieldErrors(error, request), status: .unprocessableEntity)
        } catch let error as TandemError where [.notFound, .conflict, .invalidTransition].contains(error.code) {
            return try await request.page(
                "rate", try await unusable(error, token: token, request), status: error.code == .notFound ? .notFound : .conflict)
        }
        let context = RatePageContext(
            layout: LayoutContext(request, title: request.t("rate_page.title")),
            message: request.t("rate_page.thanks"), done: true)
        return try await request.page("rate", context)
    }

    /// A visitor who chose no language reads the page in the requester's.
    private func speakRequesterLanguage(_ request: Request, _ person: Person) {
        if request.signedInPerson == nil && request.cookies[PageLanguage.cookie] == nil { request.setPageLanguage(person.language) }
    }

    private func page(
        _ request: Request, token: String, chosen: Int?, typed: String?, errors: FieldErrors,
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let target: (need: Need, person: Person, rating: SatisfactionRating?)
        do {
            target = try await request.tandem.satisfaction.linkTarget(token)
        } catch let error as TandemError where [.notFound, .conflict, .invalidTransition].contains(error.code) {
            return try await request.page(
                "rate", try await unusable(error, token: token, request), status: error.code == .notFound ? .notFound : .conflict)
        }
        speakRequesterLanguage(request, target.person)
        let state = try await request.tandem.satisfaction.state(of: target.need, for: target.person)
        let context = RatePageContext(
            layout: LayoutContext(request, title: request.t("rate_page.title")), needNumber: target.need.number.description,
            needTitle: target.need.title, ratingAs: request.t("rate_page.as", target.person.displayName),
            rating: RatingForm(state, action: Site.rate(token), chosen: chosen, typed: typed, errors: errors, request), done: false)
        return try await request.page("rate", context, status: status)
    }

    private func unusable(_ error: TandemError, token: String, _ request: Request) async throws -> RatePageContext {
        if let holder = try await request.tandem.satisfaction.linkHolder(token) { speakRequesterLanguage(request, holder) }
        let reason =
            switch error.code {
            case .conflict: "rate_page.used"
            case .invalidTransition: "rate_page.expired"
            default: "rate_page.invalid"
            }
        return RatePageContext(layout: LayoutContext(request, title: request.t("rate_page.title")), message: request.t(reason), done: false)
    }
}
