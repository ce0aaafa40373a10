import Foundation
import JWTKit
import TandemCore
import Testing

@testable import TandemConnect

@Suite("OpenID Connect: ID tokens are believed only when every check holds")
struct OIDCTokenTests {
    struct Claims: JWTPayload {
        var iss: IssuerClaim
        var sub: SubjectClaim
        var aud: AudienceClaim
        var exp: ExpirationClaim
        var iat: IssuedAtClaim
        var nonce: String?
        var preferred_username: String?
        var name: String?
        var email: String?
        var department: String?

        func verify(using algorithm: some JWTAlgorithm) throws {}
    }

    static let settings = OIDCSettings(
        issuer: "https://sso.example.com", clientID: "tandem", clientSecret: "secret", scopes: "openid", loginClaim: "preferred_username",
        departmentClaim: "department", policy: DirectorySignInPolicy())
    static let now = Date(timeIntervalSince1970: 1_796_000_000)

    static func claims(
        iss: String = settings.issuer, aud: [String] = ["tandem"], exp: TimeInterval = 300, iat: TimeInterval = -10, nonce: String? = "n-1"
    ) -> Claims {
        Claims(
            iss: .init(value: iss), sub: .init(value: "subject-42"), aud: .init(value: aud), exp: .init(value: now.addingTimeInterval(exp)),
            iat: .init(value: now.addingTimeInterval(iat)), nonce: nonce, preferred_username: "sso.zhang", name: "张三丰",
            email: "zhangsf@example.com", department: "SALES")
    }

    @Test("a genuine token gives the account; a wrong issuer, audience, nonce, an expired one or another key's signature does not")
    func verification() async throws {
        let signing = ES256PrivateKey()
        let provider = JWTKeyCollection()
        await provider.add(ecdsa: signing, kid: "k1")
        // What Tandem knows: the provider's public key only.
        let known = JWTKeyCollection()
        await known.add(ecdsa: signing.publicKey, kid: "k1")
        func verify(_ claims: Claims, with keys: JWTKeyCollection = provider, nonce: String = "n-1") async throws -> DirectoryAccount {
            let token = try await keys.sign(claims, kid: "k1")
            return try await OIDCClient.verify(token, keys: known, settings: Self.settings, nonce: nonce, now: Self.now)
        }
        let account = try await verify(Self.claims())
        #expect(account.subject == "subject-42" && account.login == "sso.zhang" && account.displayName == "张三丰")
        #expect(account.email == "zhangsf@example.com" && account.departmentCode == "SALES")
        #expect(try await verify(Self.claims(exp: -100)).subject == "subject-42", "expired within the allowed clock skew")
        let other = JWTKeyCollection()
        await other.add(ecdsa: ES256PrivateKey(), kid: "k1")
        let refused: [(String, Claims, JWTKeyCollection, String)] = [
            ("another issuer", Self.claims(iss: "https://evil.example.com"), provider, "n-1"),
            ("another audience", Self.claims(aud: ["someone-else"]), provider, "n-1"),
            ("another nonce", Self.claims(), provider, "n-2"), ("no nonce", Self.claims(nonce: nil), provider, "n-1"),
            ("expired", Self.claims(exp: -600), provider, "n-1"), ("issued in the future", Self.claims(iat: 600), provider, "n-1"),
            ("another key", Self.claims(), other, "n-1"),
        ]
        for (why, claims, keys, nonce) in refused {
            await #expect(throws: (any Error).self, "\(why)") { try await verify(claims, with: keys, nonce: nonce) }
        }
        // A genuine token whose claims were changed afterwards (another subject) is refused.
        let genuine = try await provider.sign(Self.claims(), kid: "k1").split(separator: ".").map(String.init)
        var forged = Self.claims()
        forged.sub = .init(value: "administrator")
        let tampered = [genuine[0], Data(try JSONEncoder().encode(forged)).base64URLEncoded, genuine[2]].joined(separator: ".")
        await #expect(throws: (any Error).self, "tampered") {
            try await OIDCClient.verify(tampered, keys: known, settings: Self.settings, nonce: "n-1", now: Self.now)
        }
        // An unsigned token ("alg": "none") is never believed.
        let header = Data(#"{"alg":"none","typ":"JWT","kid":"k1"}"#.utf8).base64URLEncoded
        let body = Data(try JSONEncoder().encode(Self.claims())).base64URLEncoded
        await #expect(throws: (any Error).self) {
            try await OIDCClient.verify("\(header).\(body).", keys: known, settings: Self.settings, nonce: "n-1", now: Self.now)
        }
    }

    @Test("bad OpenID settings stop the start with the problem named")
    func settings() {
        var problems: [String] = []
        _ = OIDCSettings.parse(["TANDEM_OIDC_ISSUER": "http://sso.example.com"], &problems)
        #expect(problems.contains { $0.hasPrefix("TANDEM_OIDC_ISSUER must be an https://") })
        #expect(problems.contains { $0.hasPrefix("TANDEM_OIDC_CLIENT_ID") })
        problems = []
        let local = OIDCSettings.parse(
            ["TANDEM_OIDC_ISSUER": "http://127.0.0.1:9000/openid/", "TANDEM_OIDC_CLIENT_ID": "t", "TANDEM_OIDC_CLIENT_SECRET": "s"],
            &problems)
        #expect(problems.isEmpty && local?.issuer == "http://127.0.0.1:9000/openid")
    }
}
