import Foundation
import TandemTestSupport
import Testing

@testable import TandemConnect

@Suite("The LDAP client against Debian's slapd", .enabled(if: TestDirectory.isAvailable))
struct LDAPClientTests {
    static func endpoint(_ security: LDAPEndpoint.Security = .startTLS, caFile: String? = TestDirectory.caFile) throws -> LDAPEndpoint {
        try LDAPEndpoint(
            url: security == .ldaps ? TestDirectory.ldapsURL : TestDirectory.url, startTLS: security == .startTLS, caFile: caFile)
    }

    /// The test company's people, not those the sync tests add and remove meanwhile (`tmp…`).
    static let people = LDAPSearch(
        base: TestDirectory.base, filter: try! LDAPFilter("(&(objectClass=inetOrgPerson)(!(uid=tmp*)))"),
        attributes: ["uid", "displayName", "manager"])

    @Test("StartTLS and LDAPS with the CA checked, and plain on loopback: the service account reads every person")
    func connect() async throws {
        for security in [LDAPEndpoint.Security.startTLS, .ldaps, .none] {
            let found = try await LDAPClient.withConnection(to: try Self.endpoint(security)) { connection in
                try await connection.bind(dn: TestDirectory.serviceDN, password: TestDirectory.servicePassword)
                return try await connection.search(Self.people)
            }
            #expect(
                Set(found.compactMap { $0.value("uid") }) == ["zhangsan", "lisi", "wangwu", "zhaoliu", "lvbu", "sunqi", "zhouba"],
                "\(security)")
            let lvbu = try #require(found.first { $0.value("uid") == "lvbu" })
            #expect(lvbu.value("displayName") == "吕布" && lvbu.dn == "uid=lvbu,ou=华东销售,ou=销售部,ou=departments,dc=example,dc=com")
            #expect(lvbu.value("manager") == "uid=zhaoliu,ou=销售部,ou=departments,dc=example,dc=com")
        }
    }

    @Test("a certificate from an unknown authority is refused")
    func unknownAuthority() async throws {
        await #expect(throws: LDAPError.self) {
            try await LDAPClient.withConnection(to: try Self.endpoint(.ldaps, caFile: nil)) { connection in
                try await connection.bind(dn: TestDirectory.serviceDN, password: TestDirectory.servicePassword)
            }
        }
    }

    @Test("a wrong password, a locked account and an empty password are invalid credentials")
    func credentials() async throws {
        let dn = "uid=zhaoliu,ou=销售部,ou=departments,dc=example,dc=com"
        try await LDAPClient.withConnection(to: try Self.endpoint()) { connection in
            try await connection.bind(dn: dn, password: TestDirectory.password)
            for (who, password) in [
                (dn, "wrong"), ("uid=zhouba,ou=销售部,ou=departments,dc=example,dc=com", TestDirectory.password), (dn, ""),
            ] {
                do {
                    try await connection.bind(dn: who, password: password)
                    Issue.record("\(who) bound with '\(password)'")
                } catch LDAPError.result(let code, _) {
                    #expect(code == LDAPError.invalidCredentials)
                }
            }
        }
    }

    @Test("paged results bring every entry, a page at a time")
    func paging() async throws {
        let found = try await LDAPClient.withConnection(to: try Self.endpoint()) { connection in
            try await connection.bind(dn: TestDirectory.serviceDN, password: TestDirectory.servicePassword)
            return try await connection.search(Self.people, pageSize: 2)
        }
        #expect(found.count == 7 && Set(found.map(\.dn)).count == 7)
    }

    @Test("nothing listens: unavailable, quickly")
    func nothingListens() async throws {
        let started = Date()
        await #expect(throws: LDAPError.self) {
            try await LDAPClient.withConnection(to: LDAPEndpoint(host: "127.0.0.1", port: 9, security: .none, timeout: .seconds(2))) { _ in
            }
        }
        #expect(Date().timeIntervalSince(started) < 5)
    }
}
