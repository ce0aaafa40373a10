import Foundation
import TandemCore
import Vapor

/// Errors on pages: a friendly page in the person's language, without internals; a visitor
/// who is not signed in is sent to the sign-in page and brought back afterwards.
enum PageErrors {
    /// Everything that is not the API, the operations routes or a static file is a page.
    static func isPage(_ request: Request) -> Bool {
        let path = request.url.path
        return !(path.hasPrefix("/api/") || path.hasPrefix("/health") || path == "/metrics")
    }

    struct ErrorPageContext: Encodable {
        var layout: LayoutContext
        var heading: String
        var explanation: String
        var status: Int
    }

    static func respond(status: HTTPResponseStatus, detail: ErrorBody.Detail, _ request: Request) async -> Response {
        if status == .unauthorized {
            let back = request.method == .GET ? request.url.string : Site.home
            let query = back == Site.home ? "" : "?next=" + (back.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            return request.seeOther(Site.signIn + query)
        }
        let code = knownCodes.contains(detail.code) ? detail.code : "internal_error"
        let context = ErrorPageContext(
            layout: LayoutContext(request, title: request.t("error_code.\(code)")),
            heading: request.t("error_code.\(code)"), explanation: request.t("error_page.\(code)"), status: Int(status.code))
        do {
            return try await request.page("error", context, status: status)
        } catch {
            request.logger.error("the error page failed: \(String(reflecting: error))")
            return Response(status: status, body: .init(string: "\(status.code) \(request.t("error_code.\(code)"))"))
        }
    }

    static let knownCodes: Set<String> = Set(TranslatedEnumerations.families["error_code"] ?? [])
}
