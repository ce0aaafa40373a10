import Foundation
import TandemCore
import TandemTestSupport
import Testing
import Vapor

@testable import TandemWeb

@Suite("Outside accounts never take over a Tandem account by its login alone")
struct ExternalSignInTests {
    static func account(_ subject: String, login: String, email: String?) -> DirectoryAccount {
        DirectoryAccount(subject: subject, login: login, displayName: "外来", email: email, departmentSubject: nil, departmentCode: "SALES")
    }

    @Test(
        "an identity provider's login links a person only with the same e-mail address, never an administrator", arguments: TestDatabase.all
    )
    func linking(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let accounts = app.services.accounts
            let oidc = DirectorySignInPolicy(createsPeople: true, linksByLoginAlone: false)
            var person = company.salesEmployee
            person.email = "xiaoming@example.com"
            try await app.services.organisation.store.update(person)

            await #expect(throws: TandemError.self, "same login, another address") {
                try await accounts.signIn(
                    external: Self.account("s-1", login: "xiaoming", email: "someone@evil.example"), provider: "oidc", policy: oidc)
            }
            await #expect(throws: TandemError.self, "same login, no address") {
                try await accounts.signIn(external: Self.account("s-1", login: "xiaoming", email: nil), provider: "oidc", policy: oidc)
            }
            let (linked, _) = try await accounts.signIn(
                external: Self.account("s-1", login: "xiaoming", email: "XiaoMing@example.com"), provider: "oidc", policy: oidc)
            #expect(linked.id == person.id)
            let (again, _) = try await accounts.signIn(
                external: Self.account("s-1", login: "renamed", email: "new@example.com"), provider: "oidc", policy: oidc)
            #expect(again.id == person.id, "found again by the subject, whatever the login and address become")

            for policy in [oidc, DirectorySignInPolicy(createsPeople: true, linksByLoginAlone: true)] {
                await #expect(throws: TandemError.self, "an administrator's login") {
                    try await accounts.signIn(
                        external: Self.account("s-admin", login: company.admin.login, email: company.admin.email), provider: "oidc",
                        policy: policy)
                }
            }
            let (created, _) = try await accounts.signIn(
                external: Self.account("s-2", login: "newcomer", email: "newcomer@example.com"), provider: "oidc", policy: oidc)
            #expect(created.login == "newcomer" && created.departmentID == company.sales.id && created.roles == [.employee])
        }
    }

    @Test("with single sign-on, an administrator limits Tandem passwords to administrators on the directory page, and lifts it")
    func localPasswords() async throws {
        let environment = [
            "TANDEM_OIDC_ISSUER": "http://127.0.0.1:9/openid", "TANDEM_OIDC_CLIENT_ID": "tandem", "TANDEM_OIDC_CLIENT_SECRET": "secret",
        ]
        try await withTestApp(.sqlite, environment: environment) { app in
            let company = try await TestCompany.make(in: app)
            func signIn(_ person: Person) async throws -> HTTPResponseStatus {
                try await app.request(
                    .POST, "/api/v1/auth/sign-in", json: #"{"login":"\#(person.login)","password":"\#(TestCompany.password)"}"#
                ).status
            }
            let admin = TestBrowser(app)
            try await admin.signIn(company.admin.login)
            let page = try await admin.get("/admin/directory")
            #expect(page.text.contains(#"id="local-passwords-everyone" checked"#))
            #expect(try await admin.post("/admin/directory/local-passwords", [("local_passwords", "administrators")]).status == .seeOther)
            #expect(try await signIn(company.salesEmployee) == .unauthorized, "an employee's Tandem password no longer opens a session")
            #expect(try await signIn(company.admin) == .ok)
            let manager = TestBrowser(app)
            #expect(try await manager.signIn(company.itManager.login).status == .unauthorized, "managers are not administrators")
            #expect(try await admin.post("/admin/directory/local-passwords", [("local_passwords", "everyone")]).status == .seeOther)
            #expect(try await signIn(company.salesEmployee) == .ok)
            _ = try await manager.signIn(company.itManager.login)
            #expect(
                try await manager.post("/admin/directory/local-passwords", [("local_passwords", "administrators")]).status == .forbidden)
            let bad = try await admin.post("/admin/directory/local-passwords", [("local_passwords", "nobody")])
            #expect(bad.status == .unprocessableEntity || bad.status == .badRequest)
        }
        try await withTestApp(.sqlite) { app in
            let company = try await TestCompany.make(in: app)
            let admin = TestBrowser(app)
            try await admin.signIn(company.admin.login)
            #expect(
                !(try await admin.get("/admin/directory")).text.contains("local-passwords-form"),
                "nothing to limit without the company's identity")
            await #expect(throws: TandemError.self) {
                try await app.services.accounts.setLocalPasswords(.administrators, by: company.admin)
            }
        }
    }
}
