import Foundation
import TandemCore
import TandemTestSupport
import Testing
import Vapor

@testable import TandemWeb

/// The security findings of the trust review, each reproduced over HTTP as it was found.
@Suite("Security")
struct SecurityTests {
    @Test("after sign-in, only a path of this site: tabs, line breaks and backslashes never make another site")
    func returnPaths() {
        for hostile in [
            "/\t/evil.example", "/\n/evil.example", "/\\evil.example", "//evil.example", "https://evil.example",
            "/\u{0}/evil", "/ /evil.example", "/\u{3000}/evil.example", "evil",
        ] {
            #expect(Site.safeReturnPath(hostile) == "/", "\(hostile.debugDescription)")
        }
        #expect(Site.safeReturnPath("/needs?status=new&q=%E6%8B%9B%E8%81%98") == "/needs?status=new&q=%E6%8B%9B%E8%81%98")
    }

    @Test("the sign-in form's next=/%09/evil.example redirects home", arguments: TestDatabase.all)
    func signInRedirect(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let browser = TestBrowser(app)
            _ = try await browser.get("/sign-in?next=/%09/evil.example")
            let answer = try await browser.post(
                "/sign-in",
                [
                    ("login", company.itAgent.login), ("password", TestCompany.password),
                    ("next", "/\t/evil.example"),
                ])
            #expect(answer.status == .seeOther)
            #expect(answer.headers.first(name: .location) == "/")
        }
    }

    @Test("a manager cannot rename, re-address or deactivate an administrator of their department", arguments: TestDatabase.all)
    func managersLeaveAdministratorsAlone(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let created = try await app.request(
                .POST, "/api/v1/people", token: company.token(company.admin),
                json: """
                    {"login":"it.admin","display_name":"IT 管理员","department_id":"\(company.it.id)","roles":["admin"],"password":"admin password 2026"}
                    """)
            #expect(created.status == .created)
            let id = try #require(created["id"])
            let manager = company.token(company.itManager)
            for change in [
                #"{"display_name":"冒名"}"#, #"{"email":"attacker@example.com"}"#, #"{"is_active":false}"#, #"{"login":"x.admin"}"#,
            ] {
                let answer = try await app.request(.PATCH, "/api/v1/people/\(id)", token: manager, json: change)
                #expect(answer.status == .forbidden, "\(change)")
            }
            let reset = try await app.request(
                .PUT, "/api/v1/people/\(id)/password", token: manager, json: #"{"new_password":"taken over 2026"}"#)
            #expect(reset.status == .forbidden)
            let after = try await app.request(.GET, "/api/v1/people/\(id)", token: company.token(company.admin))
            #expect(after["display_name"] == "IT 管理员" && after.object["is_active"] as? Bool == true && after["login"] == "it.admin")
            // the manager still manages their other people
            let agent = try await app.request(
                .PATCH, "/api/v1/people/\(company.itAgent.id)", token: manager, json: #"{"display_name":"李工"}"#)
            #expect(agent.status == .ok)
        }
    }

    @Test("API tokens end with an administrator's reset, and with one's own change when asked", arguments: TestDatabase.all)
    func tokensEndWithTheirPassword(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let agentToken = company.token(company.itAgent)
            #expect(try await app.request(.GET, "/api/v1/me", token: agentToken).status == .ok)
            // MUT: an administrator resets the agent's password
            let reset = try await app.request(
                .PUT, "/api/v1/people/\(company.itAgent.id)/password", token: company.token(company.admin),
                json: #"{"new_password":"a new password 2026"}"#)
            #expect(reset.status == .noContent)
            #expect(try await app.request(.GET, "/api/v1/me", token: agentToken).status == .unauthorized)

            // one's own change keeps tokens unless asked; asked, they end
            let own = company.token(company.itAgent2)
            let kept = try await app.request(
                .PUT, "/api/v1/me/password", token: own,
                json: #"{"current_password":"\#(TestCompany.password)","new_password":"second password 2026"}"#)
            #expect(kept.status == .noContent)
            #expect(try await app.request(.GET, "/api/v1/me", token: own).status == .ok)
            let revoked = try await app.request(
                .PUT, "/api/v1/me/password", token: own,
                json: #"{"current_password":"second password 2026","new_password":"third password 2026","revoke_tokens":true}"#)
            #expect(revoked.status == .noContent)
            #expect(try await app.request(.GET, "/api/v1/me", token: own).status == .unauthorized)
        }
    }

    @Test("a change signed in by cookie needs a JSON body or the CSRF header; a token needs neither", arguments: TestDatabase.all)
    func cookieWritesNeedProof(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let browser = TestBrowser(app)
            try await browser.signIn(company.admin.login)
            let session = try #require(browser.cookies["tandem_session"])
            let csrf = try #require(browser.csrf)
            let cookie = ("Cookie", "tandem_session=\(session); tandem_csrf=\(csrf)")
            let person =
                #"{"login":"forged","display_name":"x","department_id":"\#(company.it.id)","roles":["admin"],"password":"forged password 1"}"#
            // what a cross-site form can send: text/plain, or a form encoding
            for type in ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"] {
                let forged = try await app.request(
                    .POST, "/api/v1/people", body: Data(person.utf8), headers: [cookie, ("Content-Type", type)])
                #expect(forged.status == .forbidden, "\(type)")
            }
            let csv = "login,display_name,department_code,roles,password\nforged2,x,\(company.it.code),admin,forged password 2\n"
            let imported = try await app.request(
                .POST, "/api/v1/imports/people", body: Data(csv.utf8), headers: [cookie, ("Content-Type", "text/plain")])
            #expect(imported.status == .forbidden)
            let token = try await app.request(.POST, "/api/v1/me/tokens", json: #"{"name":"脚本"}"#, headers: [cookie])
            let tokenID = try #require(token.object["token"].flatMap { ($0 as? [String: Any])?["id"] as? String } ?? token["id"])
            let bodiless = try await app.request(.DELETE, "/api/v1/me/tokens/\(tokenID)", headers: [cookie])
            #expect(bodiless.status == .forbidden)
            let tokens = try await app.request(.GET, "/api/v1/me/tokens", headers: [cookie])
            let listed = try #require(tokens.items.first { $0["id"] as? String == tokenID })
            #expect(listed["revoked_at"] == nil || listed["revoked_at"] is NSNull, "the token is not revoked")
            #expect(
                try await app.request(.GET, "/api/v1/people", token: company.token(company.admin)).items.allSatisfy {
                    $0["login"] as? String != "forged"
                })
            // the page's own kinds of request pass
            let json = try await app.request(.POST, "/api/v1/people", json: person, headers: [cookie])
            #expect(json.status == .created)
            let withHeader = try await app.request(
                .POST, "/api/v1/imports/people", body: Data(csv.utf8),
                headers: [cookie, ("Content-Type", "text/csv"), ("X-CSRF-Token", csrf)])
            #expect(withHeader.status != .forbidden)
            let byToken = try await app.request(
                .POST, "/api/v1/imports/people?dry_run=true", token: company.token(company.admin), body: Data(csv.utf8),
                headers: [("Content-Type", "text/csv")])
            #expect(byToken.status != .forbidden)
        }
    }

    @Test("an upload page refuses before reading the body without a session or the form's token", arguments: TestDatabase.all)
    func uploadsCheckFirst(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let need = try await company.raise("附件", by: company.salesEmployee, in: app)
            let large = Data(repeating: 0x41, count: 2 * 1024 * 1024)
            let anonymous = try await app.request(
                .POST, "/needs/\(need.number)/attachments", body: large,
                headers: [("Content-Type", "multipart/form-data; boundary=x")])
            #expect(anonymous.status == .seeOther && anonymous.headers.first(name: .location)?.hasPrefix("/sign-in") == true)
            let browser = TestBrowser(app)
            try await browser.signIn(company.salesEmployee.login)
            let session = try #require(browser.cookies["tandem_session"])
            let noToken = try await app.request(
                .POST, "/needs/\(need.number)/attachments", body: large,
                headers: [("Cookie", "tandem_session=\(session)"), ("Content-Type", "multipart/form-data; boundary=x")])
            #expect(noToken.status == .forbidden)
            // the page's own form (token in its action) is taken
            let attached = try await browser.postMultipart(
                "/needs/\(need.number)/attachments", [],
                files: [("file", "说明.txt", "text/plain", Data("你好".utf8))])
            #expect(attached.status == .seeOther)
            #expect(try await app.services.needs.attachments(of: need.id, for: company.salesEmployee).count == 1)
        }
    }

    @Test(
        "a page upload goes to disk as it arrives and is stored byte for byte; fields past their limit are refused",
        arguments: TestDatabase.all)
    func uploadsAreSpooled(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let need = try await company.raise("附件", by: company.salesEmployee, in: app)
            let browser = TestBrowser(app)
            try await browser.signIn(company.salesEmployee.login)
            // setup: a 3 MB PDF whose bytes hold what a parser could take for a boundary or a line end
            var random = SeededGenerator(seed: 7)
            var pdf = Data("%PDF-1.7\r\n".utf8)
            while pdf.count < 3 * 1024 * 1024 {
                pdf.append(contentsOf: (0..<4096).map { _ in UInt8.random(in: 0...255, using: &random) })
                pdf.append(Data("\r\n--tandem\r\n\r\n".utf8))
            }
            // MUT
            let attached = try await browser.postMultipart(
                "/needs/\(need.number)/attachments", [],
                files: [("file", "合同.pdf", "application/pdf", pdf)])
            #expect(attached.status == .seeOther)
            let stored = try #require(try await app.services.needs.attachments(of: need.id, for: company.salesEmployee).first)
            #expect(stored.byteCount == pdf.count)
            let download = try await app.request(
                .GET, "/api/v1/needs/\(need.id)/attachments/\(stored.id)", token: company.token(company.salesEmployee))
            #expect(download.status == .ok && download.body == pdf, "the same bytes come back")
            // a form's fields are kept in memory, so they have a limit of their own
            let long = String(repeating: "长", count: PageForm.maxFieldBytes / 3 + 10)
            let refused = try await browser.postMultipart(
                "/needs/\(need.number)/attachments", [("note", long)],
                files: [("file", "说明.txt", "text/plain", Data("你好".utf8))])
            #expect(refused.status == .payloadTooLarge)
            #expect(try await app.services.needs.attachments(of: need.id, for: company.salesEmployee).count == 1, "nothing more was stored")
        }
    }

    @Test("a spreadsheet never runs a field: invisible characters before = do not hide it")
    func csvFormulaGuard() {
        for hostile in [
            "=1+1", "+cmd", "-2+3", "@SUM(A1)", "=\u{200D}HYPERLINK(\"http://x\")", "\u{200B}=1+1", "\u{FEFF}=1",
            "=\u{0301}1+1", " =1+1", "\t=1", "\r=1", "＝1+1", "\u{00A0}@x",
        ] {
            #expect(CSVText.field(hostile).hasPrefix("'") || CSVText.field(hostile).hasPrefix("\"'"), "\(hostile.debugDescription)")
        }
        for plain in ["-5", "3.14", "需求=资源", "a=b", "1e3", "王小明"] {
            #expect(!CSVText.field(plain).hasPrefix("'"), "\(plain)")
        }
    }

    @Test(
        "the session cookie is Secure when Tandem is reached over https, unless told otherwise",
        arguments: [
            (["TANDEM_PUBLIC_URL": "https://tandem.example.com"], true), (["TANDEM_PUBLIC_URL": "http://10.1.1.1:8080"], false),
            (["TANDEM_PUBLIC_URL": "https://tandem.example.com", "TANDEM_SECURE_COOKIES": "false"], false), ([:], false),
        ])
    func secureCookieFollowsThePublicAddress(environment: [String: String], secure: Bool) throws {
        let configuration = try TandemConfiguration.fromEnvironment(environment.merging(["TANDEM_DATA_DIR": NSTemporaryDirectory()]) { $1 })
        #expect(configuration.secureCookies == secure)
    }

    @Test("a channel to this server's network is refused unless an operator allowed it", arguments: TestDatabase.all)
    func channelsStayOutside(database: TestDatabase) async throws {
        try await withTestApp(database, environment: ["TANDEM_CHANNEL_ALLOWED_HOSTS": ""]) { app in
            let company = try await TestCompany.make(in: app)
            let path = "/api/v1/departments/\(company.it.id)/channels"
            for url in [
                "http://127.0.0.1:8080/api/v1/people", "http://localhost/x", "http://[::1]/x", "http://169.254.169.254/latest/meta-data",
                "http://2130706433/x", "http://192.168.0.1/x",
            ] {
                let answer = try await app.request(
                    .POST, path, token: company.token(company.itManager),
                    json: #"{"kind":"slack","name":"x","url":"\#(url)"}"#)
                #expect(answer.status == .unprocessableEntity && answer.errorField == "url", "\(url)")
            }
            let outside = try await app.request(
                .POST, path, token: company.token(company.itManager),
                json: #"{"kind":"slack","name":"x","url":"https://hooks.slack.com/services/T/B/x"}"#)
            #expect(outside.status == .created)
            let id = try #require(outside["id"])
            let moved = try await app.request(
                .PATCH, "/api/v1/channels/\(id)", token: company.token(company.itManager),
                json: #"{"url":"http://10.0.0.8/hook"}"#)
            #expect(moved.status == .unprocessableEntity)
        }
    }
}
