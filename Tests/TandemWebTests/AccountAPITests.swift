import Foundation
import TandemCore
import TandemTestSupport
import Testing
import Vapor

@testable import TandemWeb

@Suite("Accounts API")
struct AccountAPITests {
    @Test("sign in sets an HttpOnly session cookie that signs later requests in", arguments: TestDatabase.all)
    func signIn(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            // MUT
            let response = try await app.request(
                .POST, "/api/v1/auth/sign-in", json: #"{"login":"XiaoMing","password":"\#(TestCompany.password)"}"#)
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
            // A cookie-signed write must say it sends JSON (another site's page cannot, unasked) or carry the CSRF header.
            let raise = #"{"title":"无类型","kind":"information","providing_department_id":"\#(company.it.id)"}"#
            let untyped = try await app.request(
                .POST, "/api/v1/needs", body: Data(raise.utf8), headers: [("Cookie", "tandem_session=\(secret)")])
            #expect(untyped.status == .forbidden)
            #expect(try await app.services.needs.count(NeedQuery(), for: company.admin) == 0)
            let typed = try await app.request(.POST, "/api/v1/needs", json: raise, headers: [("Cookie", "tandem_session=\(secret)")])
            #expect(typed.status == .created)

            let forcedOut = try await app.request(.POST, "/api/v1/auth/sign-out", headers: [("Cookie", "tandem_session=\(secret)")])
            #expect(forcedOut.status == .forbidden, "another site cannot sign a person out either")
            let out = try await app.request(
                .POST, "/api/v1/auth/sign-out",
                headers: [
                    ("Cookie", "tandem_session=\(secret)"),
                    ("Content-Type", "application/json"),
                ])
            #expect(out.status == .noContent)
            let after = try await app.request(.GET, "/api/v1/me", headers: [("Cookie", "tandem_session=\(secret)")])
            #expect(after.status == .unauthorized)
        }
    }

    @Test("wrong passwords slow down the one guessing, from where they guess; never the owner elsewhere", arguments: TestDatabase.all)
    func throttling(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            // NB: a clock that stands still: the waits are seconds, and five bcrypt checks on a busy machine take about as long
            let clock = ManualClock(ScorecardAPITests.at("2026-10-06 09:00"))
            try app.use(clock: clock)
            _ = try await TestCompany.make(in: app)
            for _ in 0..<5 {
                let wrong = try await app.request(.POST, "/api/v1/auth/sign-in", json: #"{"login":"xiaoming","password":"wrong password"}"#)
                #expect(wrong.status == .unauthorized)
                #expect(wrong.errorCode == "unauthenticated")
            }
            // MUT: from the same address even the right password waits now, a second
            let throttled = try await app.request(
                .POST, "/api/v1/auth/sign-in", json: #"{"login":"xiaoming","password":"\#(TestCompany.password)"}"#)
            #expect(throttled.status == .tooManyRequests)
            #expect(throttled.headers.first(name: .retryAfter) == "1")
            // the owner signing in from another address is not held up
            let owner = try await app.services.accounts.signIn(login: "xiaoming", password: TestCompany.password, address: "203.0.113.7")
            #expect(owner.0.login == "xiaoming")
            // another account is not affected
            let other = try await app.request(
                .POST, "/api/v1/auth/sign-in", json: #"{"login":"lihua","password":"\#(TestCompany.password)"}"#)
            #expect(other.status == .ok)
            // slowed, not locked: once the wait is over, the right password works from there too
            clock.advance(by: 1.1)
            let later = try await app.request(
                .POST, "/api/v1/auth/sign-in", json: #"{"login":"xiaoming","password":"\#(TestCompany.password)"}"#)
            #expect(later.status == .ok)
        }
    }

    @Test("each further failure doubles the wait, up to the longest")
    func throttleGrowth() {
        let throttle = SignInThrottle()
        let now = Date(timeIntervalSince1970: 1_000_000)
        #expect(throttle.wait(after: FailedSignIns(count: 4, last: now), free: 5, now: now) == 0)
        #expect(throttle.wait(after: FailedSignIns(count: 5, last: now), free: 5, now: now) == 1)
        #expect(throttle.wait(after: FailedSignIns(count: 8, last: now), free: 5, now: now) == 8)
        #expect(throttle.wait(after: FailedSignIns(count: 8, last: now), free: 5, now: now.addingTimeInterval(3)) == 5)
        #expect(throttle.wait(after: FailedSignIns(count: 500, last: now), free: 5, now: now) == 15 * 60)
    }

    @Test("many failures from one address slow every login from it", arguments: TestDatabase.all)
    func throttlingPerAddress(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            _ = try await TestCompany.make(in: app)
            // setup: 30 failures spread over logins, none reaching the per-account limit
            for index in 0..<30 {
                let wrong = try await app.request(
                    .POST, "/api/v1/auth/sign-in", json: #"{"login":"guess\#(index % 10)","password":"wrong password"}"#)
                #expect(wrong.status == .unauthorized)
            }
            // MUT
            let throttled = try await app.request(
                .POST, "/api/v1/auth/sign-in", json: #"{"login":"lihua","password":"\#(TestCompany.password)"}"#)
            // validate
            #expect(throttled.status == .tooManyRequests)
            #expect(throttled.errorCode == "too_many_requests")
            let elsewhere = try await app.services.accounts.signIn(login: "lihua", password: TestCompany.password, address: "198.51.100.2")
            #expect(elsewhere.0.login == "lihua")
        }
    }

    @Test("the client address behind a trusted proxy is the one the proxy saw")
    func clientAddressBehindProxies() {
        let proxies = [AddressRange("10.0.0.0/8")!, AddressRange("127.0.0.1")!]
        // not behind a trusted proxy: the peer, whatever the header says
        #expect(Request.clientAddress(peer: "203.0.113.9", forwardedFor: ["1.2.3.4"], trusted: proxies) == "203.0.113.9")
        // behind two trusted proxies: the last untrusted entry; a forged first entry is ignored
        #expect(
            Request.clientAddress(peer: "10.0.0.2", forwardedFor: ["6.6.6.6, 198.51.100.4", "10.0.0.9"], trusted: proxies) == "198.51.100.4"
        )
        #expect(Request.clientAddress(peer: "127.0.0.1", forwardedFor: [], trusted: proxies) == "127.0.0.1")
        #expect(Request.clientAddress(peer: nil, forwardedFor: ["1.2.3.4"], trusted: proxies) == "unknown")
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
            let wrong = try await app.request(
                .PUT, "/api/v1/me/password", token: token,
                json: #"{"current_password":"nope nope nope","new_password":"a new long password"}"#)
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.errorField == "current_password")
            let signIn = try await app.request(
                .POST, "/api/v1/auth/sign-in", json: #"{"login":"xiaoming","password":"\#(TestCompany.password)"}"#)
            let session = try #require(signIn.object["session_token"] as? String)
            let changed = try await app.request(
                .PUT, "/api/v1/me/password", token: token,
                json: #"{"current_password":"\#(TestCompany.password)","new_password":"a new long password"}"#)
            #expect(changed.status == .noContent)
            #expect(try await app.request(.GET, "/api/v1/me", headers: [("Cookie", "tandem_session=\(session)")]).status == .unauthorized)
            let again = try await app.request(
                .POST, "/api/v1/auth/sign-in", json: #"{"login":"xiaoming","password":"a new long password"}"#)
            #expect(again.status == .ok)
        }
    }
}
