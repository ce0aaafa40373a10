import Foundation
import TandemCore
import TandemTestSupport
import Testing

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
}
