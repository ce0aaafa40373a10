import Foundation
import TandemCore
import Vapor

/// Cross-site request forgery protection for the pages: every form that changes something
/// carries the value of the `tandem_csrf` cookie in its `_csrf` field, and every page POST
/// must match it (double submit). The cookie is HttpOnly and SameSite=Strict, so another site
/// can neither read nor send it; it is renewed at sign-in and sign-out.
enum CSRF {
    static let cookie = "tandem_csrf"
    static let field = "_csrf"

    /// The token of this request: the cookie's, or a new one that `issue` will set.
    static func token(_ request: Request) -> String {
        if let existing = request.storage[TokenKey.self] { return existing }
        let existing = request.cookies[cookie]?.string
        let token = existing?.count == 43 ? existing! : newToken()
        request.storage[TokenKey.self] = token
        return token
    }

    /// Starts a new token (at sign-in and sign-out), so that one seen before does not carry over.
    static func renew(_ request: Request) {
        request.storage[TokenKey.self] = newToken()
    }

    /// Sets the cookie on a response when the token is new.
    static func issue(on response: Response, for request: Request, secure: Bool) {
        guard let token = request.storage[TokenKey.self], token != request.cookies[cookie]?.string else { return }
        response.cookies[cookie] = HTTPCookies.Value(
            string: token, maxAge: 60 * 60 * 24 * 30, path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .strict)
    }

    /// Refuses a form whose token is missing or does not match the cookie.
    static func verify(_ request: Request, submitted: String?) throws {
        guard let expected = request.cookies[cookie]?.string, let submitted,
            expected.count == 43, constantTimeEqual(Array(expected.utf8), Array(submitted.utf8))
        else { throw TandemError(.forbidden, "the form has expired; reload the page and try again", field: field) }
    }

    private static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }).base64URLEncoded
    }

    private static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private struct TokenKey: StorageKey { typealias Value = String }
}
