import Foundation
import TandemCore
import TandemTestSupport
import Testing
import Vapor

@Suite("Accounts API")
struct AccountAPITests {
    @Test("sign in sets an HttpOnly session cookie that signs later requests in", arguments: TestDatabase.all)
    func signIn(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            // MUT
            let response = try await app.request(.POST, "/api/v1/auth/sign-in", json: #"{"login":"XiaoMing","password":"\#(TestCompany.password)"}"#)
            // validate
            #expect(response.status == .ok)
            let cookie = try #require(response.headers.first(name: .setCookie))
            #expect(cookie.contains("tandem_session="))
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.lowercased().contains("samesite=lax"))
            let secret = try #require(response.object["session_token"] as? String)
            let me = try await app.request(.GET, "/api/v1/me", headers: [("Cookie", "tandem_session=\(secret)")])
            #expect(me["login"] == "xiaoming")
            #expect(me["id"] == company.salesEmployee.id.description)
            // A cookie-signed write must say it sends JSON (another site's page cannot, unasked).
            let raise = #"{"title":"无类型","kind":"information","providing_department_id":"\#(company.it.id)"}"#
            let untyped = try await app.request(.POST, "/api/v1/needs", body: Data(raise.utf8), headers: [("Cookie", "tandem_session=\(secret)")])
            #expect(untyped.status == .unsupportedMediaType)
            #expect(try await app.services.needs.count(NeedQuery(), for: company.admin) == 0)
            let typed = try await app.request(.POST, "/api/v1/needs", json: raise, headers: [("Cookie", "tandem_session=\(secret)")])
            #expect(typed.status == .created)

            let out = try await app.request(.POST, "/api/v1/auth/sign-out", headers: [("Cookie", "tandem_session=\(secret)")])
            #expect(out.status == .noContent)
            let after = try await app.request(.GET, "/api/v1/me", headers: [("Cookie", "tandem_session=\(secret)")])
            #expect(after.status == .unauthorized)
        }
    }

    @Test("wrong passwords are refused, then throttled per account", arguments: TestDatabase.all)
    func throttling(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            _ = try await TestCompany.make(in: app)
            for _ in 0..<5 {
                let wrong = try await app.request(.POST, "/api/v1/auth/sign-in", json: #"{"login":"xiaoming","password":"wrong password"}"#)
                #expect(wrong.status == .unauthorized)
                #expect(wrong.errorCode == "unauthenticated")
            }
            // MUT: even the right password is refused now
            let throttled = try await app.request(.POST, "/api/v1/auth/sign-in", json: #"{"login":"xiaoming","password":"\#(TestCompany.password)"}"#)
            #expect(throttled.status == .tooManyRequests)
            #expect(throttled.headers.first(name: .retryAfter) != nil)
            // another account is not affected
            let other = try await app.request(.POST, "/api/v1/auth/sign-in", json: #"{"login":"lihua","password":"\#(TestCompany.password)"}"#)
            #expect(other.status == .ok)
        }
    }

    @Test("many failures from one address throttle every login from it", arguments: TestDatabase.all)
    func throttlingPerAddress(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            _ = try await TestCompany.make(in: app)
            // setup: 30 failures spread over logins, none reaching the per-account limit
            for index in 0..<30 {
                let wrong = try await app.request(.POST, "/api/v1/auth/sign-in", json: #"{"login":"guess\#(index % 10)","password":"wrong password"}"#)
                #expect(wrong.status == .unauthorized)
            }
            // MUT
            let throttled = try await app.request(.POST, "/api/v1/auth/sign-in", json: #"{"login":"lihua","password":"\#(TestCompany.password)"}"#)
            // validate
            #expect(throttled.status == .tooManyRequests)
            #expect(throttled.errorCode == "too_many_requests")
        }
    }

    @Test("an unknown login and a wrong password answer alike", arguments: TestDatabase.all)
    func noLoginProbing(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            _ = try await TestCompany.make(in: app)
            let unknown = try await app.request(.POST, "/api/v1/auth/sign-in", json: #"{"login":"nobody","password":"whatever123"}"#)
            let wrong = try await app.request(.POST, "/api/v1/auth/sign-in", json: #"{"login":"xiaoming","password":"whatever123"}"#)
            #expect(unknown.status == .unauthorized)
            #expect(unknown.text == wrong.text)
        }
    }

    @Test("API tokens are shown once, listed without the secret, and stop working when revoked", arguments: TestDatabase.all)
    func tokens(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let own = company.token(company.salesEmployee)
            let created = try await app.request(.POST, "/api/v1/me/tokens", token: own, json: #"{"name":"脚本","expires_in_days":30}"#)
            #expect(created.status == .created)
            let secret = try #require(created.object["secret"] as? String)
            #expect(secret.hasPrefix("tdm_"))
            let tokenID = try #require((created.object["token"] as? [String: Any])?["id"] as? String)

            let list = try await app.request(.GET, "/api/v1/me/tokens", token: secret)
            #expect(list.items.count == 2)
            #expect(!list.text.contains(secret))
            // the request that listed them used the new token: its use is noted
            #expect(list.items.first { $0["id"] as? String == tokenID }?["last_used_at"] is String)

            // someone else cannot revoke it
            let foreign = try await app.request(.DELETE, "/api/v1/me/tokens/\(tokenID)", token: company.token(company.admin))
            #expect(foreign.status == .notFound)

            let revoked = try await app.request(.DELETE, "/api/v1/me/tokens/\(tokenID)", token: own)
            #expect(revoked.status == .ok)
            #expect(revoked.object["revoked_at"] is String)
            let refused = try await app.request(.GET, "/api/v1/me", token: secret)
            #expect(refused.status == .unauthorized)
        }
    }

    @Test("changing one's password needs the current one and ends other sessions", arguments: TestDatabase.all)
    func passwordChange(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let token = company.token(company.salesEmployee)
            let wrong = try await app.request(.PUT, "/api/v1/me/password", token: token,
                                              json: #"{"current_password":"nope nope nope","new_password":"a new long password"}"#)
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.errorField == "current_password")
            let signIn = try await app.request(.POST, "/api/v1/auth/sign-in", json: #"{"login":"xiaoming","password":"\#(TestCompany.password)"}"#)
            let session = try #require(signIn.object["session_token"] as? String)
            let changed = try await app.request(.PUT, "/api/v1/me/password", token: token,
                                                json: #"{"current_password":"\#(TestCompany.password)","new_password":"a new long password"}"#)
            #expect(changed.status == .noContent)
            #expect(try await app.request(.GET, "/api/v1/me", headers: [("Cookie", "tandem_session=\(session)")]).status == .unauthorized)
            let again = try await app.request(.POST, "/api/v1/auth/sign-in", json: #"{"login":"xiaoming","password":"a new long password"}"#)
            #expect(again.status == .ok)
        }
    }
}
