import Foundation
import Leaf
import TandemCore
import Vapor

/// What every page shows around its content: language, title, navigation, the CSRF token.
struct LayoutContext: Encodable {
    struct SignedIn: Encodable {
        var name: String
        var login: String
        var worksQueue: Bool
        var administers: Bool
    }

    var lang: String
    var otherLanguage: String
    var title: String
    var csrf: String
    var path: String
    var section: String
    var person: SignedIn?
    var flash: String?
    /// The signed-in person's unread notifications (`99+` beyond 99), when there are any.
    var unread: String?
    /// The longest title a need takes (the forms' `maxlength`).
    let needTitleLimit = NeedRules.titleLimit

    init(_ request: Request, title: String, section: String = "") {
        let language = request.pageLanguage
        self.lang = language.rawValue
        self.otherLanguage = (language == .zhCN ? Language.en : .zhCN).rawValue
        self.title = title
        self.csrf = CSRF.token(request)
        self.path = request.url.string
        self.section = section
        self.unread = request.storage[InboxCountMiddleware.Key.self].flatMap { $0.value == 0 ? nil : PageFormat.count($0) }
        self.flash = request.query[String.self, at: "done"].map { request.t($0 == "saved" ? "flash.saved" : "flash.done") }
        self.person = request.signedInPerson.map { person in
            SignedIn(
                name: person.displayName, login: person.login,
                worksQueue: AccessPolicy.worksQueue(person), administers: AccessPolicy.canOpenAdministration(person))
        }
    }
}

extension Request {
    /// Renders a Leaf page with the headers every page carries.
    func page<Context: Encodable>(_ template: String, _ context: Context, status: HTTPResponseStatus = .ok) async throws -> Response {
        let view = try await self.view.render(template, context)
        let response = Response(status: status, body: .init(buffer: view.data))
        PageHeaders.apply(to: response, formOrigins: tandem.oidc.map { [$0.origin] } ?? [])
        CSRF.issue(on: response, for: self, secure: tandem.configuration.secureCookies)
        return response
    }

    /// A 303 redirect after a form, so that reloading does not send it again.
    func seeOther(_ path: String) -> Response {
        let response = Response(status: .seeOther)
        response.headers.replaceOrAdd(name: .location, value: path)
        PageHeaders.apply(to: response)
        CSRF.issue(on: response, for: self, secure: tandem.configuration.secureCookies)
        return response
    }
}

/// Headers that keep pages private and unframeable, and allow only our own scripts and styles.
enum PageHeaders {
    /// `formOrigins`: other origins a form may lead to (the OpenID provider, where signing out
    /// continues).
    static func apply(to response: Response, formOrigins: [String] = []) {
        let headers: [(HTTPHeaders.Name, String)] = [
            (.contentType, "text/html; charset=utf-8"),
            (.cacheControl, "no-store"),
            (.xContentTypeOptions, "nosniff"),
            (.init("X-Frame-Options"), "DENY"),
            (.init("Referrer-Policy"), "same-origin"),
            (
                .contentSecurityPolicy,
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action \((["'self'"] + formOrigins).joined(separator: " ")); frame-ancestors 'none'; base-uri 'none'"
            ),
        ]
        for (name, value) in headers where response.headers.first(name: name) == nil || name == .contentType {
            response.headers.replaceOrAdd(name: name, value: value)
        }
    }
}

extension Array {
    /// `nil` for an empty array: Leaf's `#if(list)` is true for an empty list.
    var nonEmpty: [Element]? { isEmpty ? nil : self }
}
