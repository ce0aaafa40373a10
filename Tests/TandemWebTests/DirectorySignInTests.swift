import Foundation
import TandemConnect
import TandemCore
import TandemStore
import TandemTestSupport
import Testing

@testable import TandemWeb

@Suite("Signing in with the company's LDAP directory (slapd)", .enabled(if: TestDirectory.isAvailable))
struct DirectorySignInTests {
    static func signIn(_ app: TestApp, _ login: String, _ password: String = TestDirectory.password) async throws -> TestResponse {
        try await app.request(.POST, "/api/v1/auth/sign-in", json: #"{"login":"\#(login)","password":"\#(password)"}"#)
    }

    @Test(
        "a directory account signs in with its directory password; created at its first sign-in, found again by its entryUUID",
        arguments: TestDatabase.all)
    func justInTime(database: TestDatabase) async throws {
        let environment = TestDirectory.tandemEnvironment(["TANDEM_LDAP_CREATE_PEOPLE": "true", "TANDEM_LDAP_DEFAULT_DEPARTMENT": "sales"])
        try await withTestApp(database, environment: environment) { app in
            let company = try await TestCompany.make(in: app)
            let first = try await Self.signIn(app, "lvbu")
            #expect(first.status == .ok, "\(first.text)")
            let person = try #require(try await app.services.organisation.store.person(login: "lvbu"))
            #expect(person.displayName == "吕布" && person.email == "lvbu@example.com" && person.departmentID == company.sales.id)
            #expect(person.roles == [.employee])
            #expect(try await app.services.organisation.store.passwordHash(of: person.id) == nil, "no password is kept")
            let again = try await Self.signIn(app, "LvBu")
            #expect(again.status == .ok)
            #expect(
                try await app.services.organisation.findPeople("lvbu", among: PeopleFilter(activeOnly: false), for: company.admin).count
                    == 1)
            // a browser signs in the same way
            let browser = TestBrowser(app)
            let page = try await browser.signIn("lvbu", password: TestDirectory.password)
            #expect(page.status == .seeOther && page.headers.first(name: .location) == "/")
        }
    }

    @Test("a wrong password, an unknown login, a locked account and a login with wildcards are refused", arguments: TestDatabase.all)
    func refused(database: TestDatabase) async throws {
        try await withTestApp(database, environment: TestDirectory.tandemEnvironment(["TANDEM_LDAP_CREATE_PEOPLE": "true"])) { app in
            let company = try await TestCompany.make(in: app)
            _ = try await app.services.organisation.createPerson(
                PersonInput(login: "zhouba", displayName: "周八", departmentID: company.sales.id), by: company.admin)
            for (login, password) in [
                ("zhaoliu", "wrong password"), ("nobody", TestDirectory.password), ("zhouba", TestDirectory.password),
                ("*", TestDirectory.password), ("zhao*", TestDirectory.password), ("zhaoliu)(uid=*", TestDirectory.password),
            ] {
                let refused = try await Self.signIn(app, login, password)
                #expect(refused.status == .unauthorized, "\(login): \(refused.status)")
            }
            #expect(try await app.services.organisation.store.person(login: "zhaoliu") == nil, "a failed sign-in creates no one")
        }
    }

    @Test(
        "without creating people: a person Tandem has with the login is linked at first sign-in; others wait for the sync",
        arguments: TestDatabase.all)
    func linking(database: TestDatabase) async throws {
        try await withTestApp(database, environment: TestDirectory.tandemEnvironment()) { app in
            let company = try await TestCompany.make(in: app)
            let zhaoliu = try await app.services.organisation.createPerson(
                PersonInput(login: "zhaoliu", displayName: "赵六", departmentID: company.sales.id, roles: [.manager]), by: company.admin)
            let linked = try await Self.signIn(app, "zhaoliu")
            #expect(linked.status == .ok, "\(linked.text)")
            #expect(try await SQLDirectoryLinkStore(app.services.database).isLinked(zhaoliu.id, provider: "ldap"))
            let waiting = try await Self.signIn(app, "sunqi")
            #expect(waiting.status == .forbidden && waiting.text.contains("directory sync"))
            let browser = TestBrowser(app)
            let page = try await browser.signIn("sunqi", password: TestDirectory.password)
            #expect(page.text.contains("此目录账号尚未加入 Tandem"))
        }
    }

    @Test("with local passwords for administrators only, an employee's Tandem password no longer opens a session")
    func localPasswords() async throws {
        try await withTestApp(.sqlite, environment: TestDirectory.tandemEnvironment(["TANDEM_LOCAL_PASSWORDS": "administrators"])) { app in
            let company = try await TestCompany.make(in: app)
            #expect(try await Self.signIn(app, company.salesEmployee.login, TestCompany.password).status == .unauthorized)
            #expect(try await Self.signIn(app, company.admin.login, TestCompany.password).status == .ok)
        }
    }

    @Test("the directory down: 503 with a message, and a local administrator still signs in")
    func directoryDown() async throws {
        let environment = TestDirectory.tandemEnvironment(["TANDEM_LDAP_URL": "ldap://127.0.0.1:9", "TANDEM_LDAP_STARTTLS": "false"])
        try await withTestApp(.sqlite, environment: environment) { app in
            let company = try await TestCompany.make(in: app)
            let down = try await Self.signIn(app, "zhaoliu")
            #expect(down.status == .serviceUnavailable && down.text.contains("directory did not answer"))
            #expect(try await Self.signIn(app, company.admin.login, TestCompany.password).status == .ok)
        }
    }

    @Test("bad LDAP settings stop the start with every problem named")
    func settings() throws {
        var problems: [String] = []
        _ = LDAPSettings.parse(
            ["TANDEM_LDAP_URL": "http://x", "TANDEM_LDAP_USER_FILTER": "(uid=x"], &problems)
        #expect(problems.contains { $0.hasPrefix("TANDEM_LDAP_URL") })
        #expect(problems.contains { $0.hasPrefix("TANDEM_LDAP_BIND_DN") })
        #expect(problems.contains { $0.hasPrefix("TANDEM_LDAP_BASE_DN") })
        #expect(problems.contains { $0 == "TANDEM_LDAP_USER_FILTER must contain {login}" })
        #expect(throws: TandemConfiguration.Problems.self) { try TandemConfiguration.fromEnvironment(["TANDEM_LOCAL_PASSWORDS": "some"]) }
    }
}
