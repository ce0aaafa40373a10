import Foundation
import Vapor

/// The session cookie: HttpOnly, SameSite=Lax, Secure when Tandem is served over TLS.
enum SessionCookie {
    static let name = "tandem_session"

    static func set(_ secret: String, on response: Response, _ request: Request) {
        response.cookies[name] = HTTPCookies.Value(
            string: secret, maxAge: Int(request.tandem.accounts.sessionLifetime), path: "/",
            isSecure: request.tandem.configuration.secureCookies, isHTTPOnly: true, sameSite: .lax)
    }

    static func clear(on response: Response, _ request: Request) {
        response.cookies[name] = HTTPCookies.Value(
            string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/",
            isSecure: request.tandem.configuration.secureCookies, isHTTPOnly: true, sameSite: .lax)
    }
}
