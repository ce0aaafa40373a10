import AsyncHTTPClient
import Crypto
import Foundation
import JWTKit
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import TandemCore

/// The OpenID Connect relying party: discovery, the authorization request (code flow with PKCE),
/// the code exchanged at the token endpoint, and the ID token verified against the provider's
/// keys (JWKS, with JWTKit) — issuer, audience, expiry (with some clock skew) and nonce.
public final class OIDCClient: Sendable {
    struct Discovery: Decodable, Sendable {
        var issuer: String
        var authorization_endpoint: String
        var token_endpoint: String
        var jwks_uri: String
        var end_session_endpoint: String?
    }

    /// What a sign-in attempt keeps in the browser until the provider sends the person back.
    public struct Attempt: Codable, Sendable {
        public var state: String
        public var nonce: String
        public var verifier: String
        public var next: String
    }

    /// The ID token's claims Tandem reads.
    struct IDToken: JWTPayload {
        var iss: IssuerClaim
        var sub: SubjectClaim
        var aud: AudienceClaim
        var exp: ExpirationClaim
        var iat: IssuedAtClaim
        var nonce: String?

        // NB: JWTKit checks the signature; the claims are checked by `OIDCClient.verify`, which
        // knows the issuer, the audience, the nonce and the clock skew allowed.
        func verify(using algorithm: some JWTAlgorithm) throws {}
    }

    public let settings: OIDCSettings
    let logger: Logger
    private let cached = NIOLockedValueBox<(discovery: Discovery, keys: JWTKeyCollection, at: Date)?>(nil)
    /// Discovery and keys are read again after this long (and at once when a token names an
    /// unknown key: the provider rotated its keys).
    static let keep: TimeInterval = 3600

    /// The provider's origin (`https://host:port`): pages let their forms lead there (signing out).
    public var origin: String {
        guard let url = URLComponents(string: settings.issuer), let scheme = url.scheme, let host = url.host else { return "" }
        return "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "")
    }

    public init(settings: OIDCSettings, logger: Logger) {
        self.settings = settings
        self.logger = logger
    }

    // MARK: the flow

    /// A new attempt and the provider's authorization URL for it.
    public func begin(redirectURI: String, next: String) async throws -> (attempt: Attempt, url: String) {
        let discovery = try await provider().discovery
        let attempt = Attempt(state: Self.random(), nonce: Self.random(), verifier: Self.random() + Self.random(), next: next)
        var url = URLComponents(string: discovery.authorization_endpoint)
        let existing = url?.queryItems ?? []
        url?.queryItems =
            existing + [
                URLQueryItem(name: "response_type", value: "code"), URLQueryItem(name: "client_id", value: settings.clientID),
                URLQueryItem(name: "redirect_uri", value: redirectURI), URLQueryItem(name: "scope", value: settings.scopes),
                URLQueryItem(name: "state", value: attempt.state), URLQueryItem(name: "nonce", value: attempt.nonce),
                URLQueryItem(name: "code_challenge", value: Self.challenge(attempt.verifier)),
                URLQueryItem(name: "code_challenge_method", value: "S256"),
            ]
        guard let text = url?.url?.absoluteString else {
            throw TandemError(.unavailable, "the identity provider's authorization endpoint is not a URL")
        }
        return (attempt, text)
    }

    /// Exchanges the code the provider sent back and verifies the ID token; returns the account
    /// and the raw ID token (kept for the sign-out at the provider).
    public func finish(code: String, attempt: Attempt, redirectURI: String) async throws -> (account: DirectoryAccount, idToken: String) {
        let discovery = try await provider().discovery
        var request = HTTPClientRequest(url: discovery.token_endpoint)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        let credentials = Data("\(Self.formEncoded(settings.clientID)):\(Self.formEncoded(settings.clientSecret))".utf8)
            .base64EncodedString()
        request.headers.add(name: "Authorization", value: "Basic \(credentials)")
        let form = [
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI), ("code_verifier", attempt.verifier),
            ("client_id", settings.clientID),
        ]
        request.body = .bytes(ByteBuffer(string: form.map { "\($0)=\(Self.formEncoded($1))" }.joined(separator: "&")))
        struct TokenAnswer: Decodable { var id_token: String? }
        let (status, body) = try await Self.fetch(request)
        guard status == 200, let idToken = try? JSONDecoder().decode(TokenAnswer.self, from: body).id_token else {
            logger.warning(
                "the OpenID provider refused the code",
                metadata: ["status": "\(status)", "body": "\(String(decoding: body.prefix(300), as: UTF8.self))"])
            throw TandemError(.unavailable, "the identity provider refused the sign-in")
        }
        return (try await verify(idToken, nonce: attempt.nonce), idToken)
    }

    /// The account an ID token stands for, once its signature, issuer, audience, times and nonce
    /// hold; the provider's keys are read again once when the token names a key not known yet.
    func verify(_ token: String, nonce: String, now: Date = Date()) async throws -> DirectoryAccount {
        do {
            return try await Self.verify(token, keys: try await provider().keys, settings: settings, nonce: nonce, now: now)
        } catch let error as JWTError where error.errorType == .unknownKID {
            return try await Self.verify(token, keys: try await provider(refresh: true).keys, settings: settings, nonce: nonce, now: now)
        } catch let error as JWTError {
            logger.warning("an ID token failed verification", metadata: ["error": "\(error)"])
            throw TandemError(.unavailable, "the identity provider's answer could not be verified")
        }
    }

    /// Verifies an ID token with these keys: the signature (JWTKit), then the issuer, the
    /// audience, the expiry and issue times (with `settings.clockSkew`) and the nonce.
    static func verify(_ token: String, keys: JWTKeyCollection, settings: OIDCSettings, nonce: String, now: Date) async throws
        -> DirectoryAccount
    {
        let payload = try await keys.verify(token, as: IDToken.self)
        guard payload.iss.value == settings.issuer, payload.aud.value.contains(settings.clientID), payload.nonce == nonce,
            payload.exp.value.addingTimeInterval(settings.clockSkew) > now, payload.iat.value.addingTimeInterval(-settings.clockSkew) < now
        else { throw TandemError(.unavailable, "the identity provider's answer could not be verified") }
        let claims = try Self.claims(of: token)
        let login = (claims[settings.loginClaim] as? String) ?? payload.sub.value
        return DirectoryAccount(
            subject: payload.sub.value, login: login, displayName: (claims["name"] as? String) ?? login, email: claims["email"] as? String,
            departmentSubject: nil, departmentCode: settings.departmentClaim.flatMap { claims[$0] as? String })
    }

    /// Where the browser goes to sign out at the provider too (RP-initiated logout), if it offers it.
    public func signOutURL(idToken: String?, returnTo: String) async -> String? {
        guard let endpoint = try? await provider().discovery.end_session_endpoint, var url = URLComponents(string: endpoint) else {
            return nil
        }
        let existing = url.queryItems ?? []
        url.queryItems =
            existing + [
                URLQueryItem(name: "client_id", value: settings.clientID), URLQueryItem(name: "post_logout_redirect_uri", value: returnTo),
            ] + (idToken.map { [URLQueryItem(name: "id_token_hint", value: $0)] } ?? [])
        return url.url?.absoluteString
    }

    // MARK: discovery and keys

    private func provider(refresh: Bool = false) async throws -> (discovery: Discovery, keys: JWTKeyCollection) {
        if !refresh, let cached = cached.withLockedValue({ $0 }), Date().timeIntervalSince(cached.at) < Self.keep {
            return (cached.discovery, cached.keys)
        }
        let (status, body) = try await Self.fetch(HTTPClientRequest(url: settings.issuer + "/.well-known/openid-configuration"))
        guard status == 200, let discovery = try? JSONDecoder().decode(Discovery.self, from: body) else {
            throw TandemError(.unavailable, "the identity provider's configuration could not be read")
        }
        guard discovery.issuer == settings.issuer else { throw TandemError(.unavailable, "the identity provider names another issuer") }
        let (keysStatus, keysBody) = try await Self.fetch(HTTPClientRequest(url: discovery.jwks_uri))
        let keys = JWTKeyCollection()
        guard keysStatus == 200, (try? await keys.add(jwksJSON: String(decoding: keysBody, as: UTF8.self))) != nil else {
            throw TandemError(.unavailable, "the identity provider's keys could not be read")
        }
        cached.withLockedValue { $0 = (discovery, keys, Date()) }
        return (discovery, keys)
    }

    private static func fetch(_ request: HTTPClientRequest) async throws -> (status: Int, body: Data) {
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            let body = try await response.body.collect(upTo: 1024 * 1024)
            return (Int(response.status.code), Data(body.readableBytesView))
        } catch {
            throw TandemError(.unavailable, "the identity provider did not answer")
        }
    }

    // MARK: helpers

    /// 32 random bytes, base64url.
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }).base64URLEncoded
    }

    /// PKCE's S256 challenge of a verifier.
    static func challenge(_ verifier: String) -> String { Data(SHA256.hash(data: Data(verifier.utf8))).base64URLEncoded }

    static func formEncoded(_ value: String) -> String {
        value.addingPercentEncoding(
            withAllowedCharacters: CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"))
            ?? value
    }

    /// The token's claims as JSON (read after its signature was verified).
    static func claims(of token: String) throws -> [String: Any] {
        let parts = token.split(separator: ".")
        guard parts.count == 3, let data = Data(base64URLEncoded: String(parts[1])),
            let claims = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { throw TandemError(.unavailable, "the identity provider's answer could not be verified") }
        return claims
    }
}
