import Foundation
import TandemCore
import Vapor
import VaporTesting

/// A browser stand-in for page tests: keeps the cookies it is given and sends forms the way a
/// browser does (`application/x-www-form-urlencoded`, with the CSRF token of its cookie).
public final class TestBrowser: @unchecked Sendable {
    public let app: TestApp
    public private(set) var cookies: [String: String] = [:]
    public var acceptLanguage: String?

    public init(_ app: TestApp, acceptLanguage: String? = nil) {
        self.app = app
        self.acceptLanguage = acceptLanguage
    }

    /// The CSRF token a page form would carry.
    public var csrf: String? { cookies["tandem_csrf"] }

    public func get(_ path: String) async throws -> TestResponse {
        try await send(.GET, path, body: nil, contentType: nil)
    }

    /// Posts a form; `csrf: false` leaves the token out, as a forged request would. The token goes
    /// in the body and, as the upload forms write it, in the action's query (other pages ignore it).
    public func post(_ path: String, _ fields: [(String, String)], csrf: Bool = true) async throws -> TestResponse {
        if csrf && self.csrf == nil { _ = try await get("/sign-in") }
        var all = fields
        if csrf, let token = self.csrf { all.append(("_csrf", token)) }
        let body = all.map { Self.encode($0.0) + "=" + Self.encode($0.1) }.joined(separator: "&")
        return try await send(.POST, csrf ? action(path) : path, body: Data(body.utf8), contentType: "application/x-www-form-urlencoded")
    }

    /// The path with the CSRF token in its query, as an upload form's action has it.
    private func action(_ path: String) -> String {
        csrf.map { path + (path.contains("?") ? "&" : "?") + "_csrf=" + $0 } ?? path
    }

    /// Posts a multipart form with files: `(field, file name, content type, bytes)`. Like the
    /// pages' upload forms, the CSRF token goes in the action's query too (checked before the body).
    public func postMultipart(_ path: String, _ fields: [(String, String)], files: [(String, String, String, Data)]) async throws
        -> TestResponse
    {
        let boundary = "tandem-test-\(UUID().uuidString)"
        var body = Data()
        var all = fields
        if let token = csrf { all.append(("_csrf", token)) }
        for (name, value) in all {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        for (name, fileName, type, data) in files {
            body.append(
                Data(
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(fileName)\"\r\nContent-Type: \(type)\r\n\r\n"
                        .utf8))
            body.append(data)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return try await send(.POST, action(path), body: body, contentType: "multipart/form-data; boundary=\(boundary)")
    }

    /// Signs in through the sign-in form and returns the answer (a 303 when it worked).
    @discardableResult
    public func signIn(_ login: String, password: String = TestCompany.password) async throws -> TestResponse {
        _ = try await get("/sign-in")
        return try await post("/sign-in", [("login", login), ("password", password), ("next", "/")])
    }

    private func send(_ method: HTTPMethod, _ path: String, body: Data?, contentType: String?) async throws -> TestResponse {
        var headers: [(String, String)] = []
        if !cookies.isEmpty {
            headers.append(("Cookie", cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")))
        }
        if let contentType { headers.append(("Content-Type", contentType)) }
        if let acceptLanguage { headers.append(("Accept-Language", acceptLanguage)) }
        let response = try await app.request(method, path, body: body, headers: headers)
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";", maxSplits: 1)[0].split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let name = String(pair[0]).trimmingCharacters(in: .whitespaces)
            let value = String(pair[1])
            if value.isEmpty || header.lowercased().contains("max-age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        return response
    }

    private static func encode(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
