import Foundation
import TandemCore
import TandemTestSupport
import Testing

@testable import TandemWeb

@Suite("Setting one's own password by e-mail: forgot password and invitations")
struct PasswordLinkTests {
    static func pendingLinks(_ app: TestApp) async throws -> [PasswordLinkWorkflow.Email] {
        try await app.services.jobs.store.jobs(state: .pending, limit: 100).filter { $0.kind == PasswordLinkWorkflow.emailKind }
            .map { try $0.input(PasswordLinkWorkflow.Email.self) }
    }

    @Test("forgot password: a link for a known login or address, nothing for others, one per quarter hour", arguments: TestDatabase.all)
    func requests(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            var person = company.salesEmployee
            person.email = "Xiaoming@Example.com"
            try await app.services.organisation.store.update(person)
            var colleague = company.salesColleague
            colleague.email = nil
            try await app.services.organisation.store.update(colleague)
            let links = app.services.passwordLinks
            try await links.requestReset("xiaoming")
            try await links.requestReset("  xiaoming@example.COM ")
            try await links.requestReset("nobody")
            try await links.requestReset("nobody@example.com")
            try await links.requestReset(company.salesColleague.login)  // no e-mail address: nothing to send to
            let pending = try await Self.pendingLinks(app)
            #expect(pending.map(\.personID) == [person.id], "the second request within the window sends nothing: \(pending)")
            #expect(pending.map(\.purpose) == [.reset])
            await #expect(throws: TandemError.self) { try await links.requestReset("   ") }
        }
    }

    @Test(
        "a link sets the password once, signs in, ends other sessions; a wrong, used or expired one does nothing",
        arguments: TestDatabase.all)
    func setting(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let clock = ManualClock(Date())
            try app.use(clock: clock)
            let company = try await TestCompany.make(in: app)
            var person = company.salesEmployee
            person.email = "xiaoming@example.com"
            try await app.services.organisation.store.update(person)
            let old = TestBrowser(app)
            try await old.signIn(person.login)
            let links = app.services.passwordLinks
            let (token, link, _) = try #require(try await links.issue(.init(personID: person.id, purpose: .reset)))
            #expect(link.expiresAt.timeIntervalSince(link.createdAt) == 3600)

            let browser = TestBrowser(app)
            let page = try await browser.get(Site.setPassword(token: token))
            #expect(page.status == .ok && page.text.contains("为账号 xiaoming 设置新密码"))
            let mismatch = try await browser.post(
                "/password/set", [("token", token), ("new_password", "new horse battery 1"), ("repeat_password", "other")])
            #expect(mismatch.status == .unprocessableEntity && mismatch.element("repeat-password-error") == "两次输入的密码不一致")
            let short = try await browser.post(
                "/password/set", [("token", token), ("new_password", "short"), ("repeat_password", "short")])
            #expect(short.status == .unprocessableEntity && short.element("new-password-error")?.isEmpty == false)
            let set = try await browser.post(
                "/password/set", [("token", token), ("new_password", "new horse battery 1"), ("repeat_password", "new horse battery 1")])
            #expect(set.status == .seeOther && set.headers.first(name: .location) == "/")
            #expect(try await browser.get("/").status == .ok, "signed in with the new password")
            #expect(try await old.get("/").status == .seeOther, "the session from before the change has ended")
            let again = try await browser.post(
                "/password/set", [("token", token), ("new_password", "third horse battery"), ("repeat_password", "third horse battery")])
            #expect(again.status == .conflict, "a link works once")
            let signIn = try await app.request(
                .POST, "/api/v1/auth/sign-in", json: #"{"login":"xiaoming","password":"new horse battery 1"}"#)
            #expect(signIn.status == .ok)

            #expect(try await browser.get(Site.setPassword(token: String(token.dropLast()) + "x")).status == .notFound)
            #expect(try await browser.get("/password/set?token=nonsense").status == .notFound)
            let (late, _, _) = try #require(try await links.issue(.init(personID: person.id, purpose: .reset)))
            clock.advance(by: 3601)
            #expect(try await browser.get(Site.setPassword(token: late)).status == .conflict, "expired")
            await #expect(throws: TandemError.self) { try await links.setPassword(token: late, to: "late horse battery") }
        }
    }

    @Test("invitations: by whoever manages the person, to an address, for a week; the page greets the new person")
    func invitations() async throws {
        try await withTestApp(.sqlite) { app in
            let company = try await TestCompany.make(in: app)
            let admin = company.admin
            let newcomer = try await app.services.organisation.createPerson(
                PersonInput(login: "xinren", displayName: "新人", email: .some("xinren@example.com"), departmentID: company.sales.id),
                by: admin)
            let noAddress = try await app.services.organisation.createPerson(
                PersonInput(login: "wuyouxiang", displayName: "无邮箱", departmentID: company.sales.id), by: admin)
            let links = app.services.passwordLinks
            try await links.invite(newcomer.id, by: company.salesManager)
            await #expect(throws: TandemError.self) { try await links.invite(newcomer.id, by: company.itManager) }
            await #expect(throws: TandemError.self) { try await links.invite(noAddress.id, by: admin) }
            #expect(try await Self.pendingLinks(app).map(\.purpose) == [.invitation])
            let (token, link, _) = try #require(try await links.issue(.init(personID: newcomer.id, purpose: .invitation)))
            #expect(link.expiresAt.timeIntervalSince(link.createdAt) == 7 * 86_400)
            let browser = TestBrowser(app)
            #expect(try await browser.get(Site.setPassword(token: token)).text.contains("欢迎使用 Tandem！为您的账号 xinren 设置密码"))
        }
    }

    @Test("with directory sign-in for everyone but administrators, an employee gets no reset link", .enabled(if: TestDirectory.isAvailable))
    func directoryAccounts() async throws {
        try await withTestApp(.sqlite, environment: TestDirectory.tandemEnvironment(["TANDEM_LOCAL_PASSWORDS": "administrators"])) { app in
            let company = try await TestCompany.make(in: app)
            var person = company.salesEmployee
            person.email = "xiaoming@example.com"
            try await app.services.organisation.store.update(person)
            try await app.services.passwordLinks.requestReset("xiaoming")
            #expect(try await Self.pendingLinks(app).isEmpty)
            await #expect(throws: TandemError.self) { try await app.services.passwordLinks.invite(person.id, by: company.admin) }
        }
    }
}
