import Foundation
import TandemCore
import TandemTestSupport
import Testing

@testable import TandemWeb

/// NB: serialized, since one test changes the shared directory (its entries are named `tmp…`).
@Suite("Syncing the organisation from the company's LDAP directory (slapd)", .enabled(if: TestDirectory.isAvailable), .serialized)
struct DirectorySyncTests {
    static func environment(_ extra: [String: String] = [:]) -> [String: String] { TestDirectory.tandemEnvironment(extra) }

    @Test("a dry run shows and writes nothing; the run creates and links; the second run changes nothing", arguments: TestDatabase.all)
    func firstSync(database: TestDatabase) async throws {
        try await withTestApp(database, environment: Self.environment()) { app in
            let company = try await TestCompany.make(in: app)
            let sync = app.services.directorySync
            let organisation = app.services.organisation.store
            let departmentsBefore = try await organisation.departments().count
            let dry = try await sync.sync(dryRun: true, by: company.admin)
            #expect(dry.outcome == .dryRun)
            #expect(dry.departmentCounts == ["link": 3, "create": 2], "IT, SALES and HR by their codes; 网络组 and 华东销售 new")
            #expect(dry.personCounts == ["create": 6], "周八 is locked: not created")
            #expect(try await organisation.departments().count == departmentsBefore)
            #expect(try await organisation.person(login: "lvbu") == nil)

            let run = try await sync.sync(dryRun: false, by: company.admin)
            #expect(run.outcome == .applied && run.personCounts == ["create": 6])
            let departments = try await organisation.departments()
            let east = try #require(departments.first { $0.name == "华东销售" })
            #expect(east.code == "SALES-E" && east.parentID == company.sales.id && !east.isProvider)
            #expect(departments.first { $0.code == "IT" }?.parentID == company.headOffice.id, "a top unit stays where Tandem put it")
            let lvbu = try #require(try await organisation.person(login: "lvbu"))
            #expect(lvbu.displayName == "吕布" && lvbu.departmentID == east.id && lvbu.email == "lvbu@example.com")
            #expect(try await organisation.person(login: "zhangsan")?.roles == [.employee, .manager], "张三 manages 李四")
            #expect(try await organisation.person(login: "zhouba") == nil)

            let again = try await sync.sync(dryRun: false, by: company.admin)
            #expect(again.departmentCounts.isEmpty && again.personCounts.isEmpty && again.flags.isEmpty)
            #expect(try await sync.runs(for: company.admin).map(\.outcome) == [.applied, .applied, .dryRun])
            await #expect(throws: TandemError.self) { try await sync.sync(dryRun: true, by: company.salesManager) }
            // synced people sign in with their directory password, found by their entryUUID
            let signedIn = try await app.request(
                .POST, "/api/v1/auth/sign-in", json: #"{"login":"lvbu","password":"\#(TestDirectory.password)"}"#)
            #expect(signedIn.status == .ok)
        }
    }

    @Test("a move, a lock, a removal and a removed unit follow the directory; nothing is deleted")
    func changes() async throws {
        let tag = "tmp" + UUID().uuidString.prefix(6).lowercased()
        let network = "ou=网络组,ou=信息技术部,\(TestDirectory.unitsDN)"
        let unit = "ou=临时组\(tag),\(TestDirectory.unitsDN)"
        let moved = "uid=\(tag),\(network)"
        let inUnit = "uid=\(tag)b,\(unit)"
        try TestDirectory.modify([
            [("dn", unit), ("changetype", "add"), ("objectClass", "organizationalUnit"), ("ou", "临时组\(tag)")],
            [
                ("dn", moved), ("changetype", "add"), ("objectClass", "inetOrgPerson"), ("uid", tag), ("cn", "临时甲"), ("sn", "临"),
                ("displayName", "临时甲"),
            ],
            [
                ("dn", inUnit), ("changetype", "add"), ("objectClass", "inetOrgPerson"), ("uid", "\(tag)b"), ("cn", "临时乙"),
                ("sn", "临"), ("displayName", "临时乙"),
            ],
        ])
        var cleanUp = [inUnit, unit, moved, "uid=\(tag),ou=销售部,\(TestDirectory.unitsDN)"]
        defer {
            for dn in cleanUp { try? TestDirectory.modify([[("dn", dn), ("changetype", "delete")]]) }
        }
        try await withTestApp(.sqlite, environment: Self.environment()) { app in
            let company = try await TestCompany.make(in: app)
            let sync = app.services.directorySync
            let organisation = app.services.organisation.store
            _ = try await sync.sync(dryRun: false, by: company.admin)
            let first = try #require(try await organisation.person(login: tag))
            let temporary = try #require(try await organisation.departments().first { $0.name == "临时组\(tag)" })
            #expect(first.departmentID == (try await organisation.departments().first { $0.code == "NET" })?.id)

            try TestDirectory.modify([
                [
                    ("dn", moved), ("changetype", "modrdn"), ("newrdn", "uid=\(tag)"), ("deleteoldrdn", "1"),
                    ("newsuperior", "ou=销售部,\(TestDirectory.unitsDN)"),
                ]
            ])
            let move = try await sync.sync(dryRun: false, by: company.admin)
            #expect(move.personCounts == ["move": 1])
            #expect(try await organisation.person(login: tag)?.departmentID == company.sales.id, "the same person, moved")

            let salesDN = "uid=\(tag),ou=销售部,\(TestDirectory.unitsDN)"
            try TestDirectory.modify([
                [("dn", salesDN), ("changetype", "modify"), ("add", "pwdAccountLockedTime"), ("pwdAccountLockedTime", "000001010000Z")]
            ])
            #expect(try await sync.sync(dryRun: false, by: company.admin).personCounts == ["deactivate": 1])
            #expect(try await organisation.person(login: tag)?.isActive == false)

            try TestDirectory.modify([[("dn", inUnit), ("changetype", "delete")], [("dn", unit), ("changetype", "delete")]])
            cleanUp = [salesDN]
            let removal = try await sync.sync(dryRun: false, by: company.admin)
            #expect(removal.personCounts == ["deactivate": 1] && removal.departmentCounts == ["deactivate": 1])
            #expect(try await organisation.department(temporary.id)?.isActive == false, "emptied upstream: deactivated, kept")
            #expect(try await organisation.person(login: "\(tag)b")?.isActive == false)
            #expect(try await sync.sync(dryRun: false, by: company.admin).personCounts.isEmpty)
        }
    }

    @Test("the directory down: the run fails, is recorded with its error, and changes nothing")
    func directoryDown() async throws {
        let environment = Self.environment(["TANDEM_LDAP_URL": "ldap://127.0.0.1:9", "TANDEM_LDAP_STARTTLS": "false"])
        try await withTestApp(.sqlite, environment: environment) { app in
            let company = try await TestCompany.make(in: app)
            let before = try await app.services.organisation.store.departments()
            await #expect(throws: TandemError.self) { try await app.services.directorySync.sync(dryRun: false, by: company.admin) }
            let runs = try await app.services.directorySync.runs(for: company.admin)
            #expect(runs.map(\.outcome) == [.failed] && runs.first?.error?.contains("did not answer") == true)
            #expect(try await app.services.organisation.store.departments() == before)
            let browser = TestBrowser(app)
            try await browser.signIn(company.admin.login)
            let page = try await browser.post("/admin/directory/sync", [("dry_run", "on")])
            #expect(page.status == .serviceUnavailable && page.element("directory-error")?.contains("公司目录服务没有应答") == true)
        }
    }

    @Test("the administration page: preview, then run, with what changed in Chinese")
    func page() async throws {
        try await withTestApp(.sqlite, environment: Self.environment()) { app in
            let company = try await TestCompany.make(in: app)
            let browser = TestBrowser(app)
            try await browser.signIn(company.admin.login)
            let empty = try await browser.get("/admin/directory")
            #expect(empty.status == .ok && empty.text.contains(#"id="directory-preview""#))
            #expect(try await browser.post("/admin/directory/sync", [("dry_run", "on")]).status == .seeOther)
            let preview = try await browser.get("/admin/directory")
            #expect(preview.text.contains(#"data-outcome="dry_run""#))
            #expect(preview.element("directory-summary")?.contains("新建人员 6 人") == true)
            #expect(preview.text.contains("吕布 (lvbu)"))
            #expect(try await browser.post("/admin/directory/sync", []).status == .seeOther)
            let applied = try await browser.get("/admin/directory")
            #expect(applied.text.contains(#"id="directory-latest" data-outcome="applied""#))
            let manager = TestBrowser(app)
            try await manager.signIn(company.itManager.login)
            #expect(try await manager.post("/admin/directory/sync", [("dry_run", "on")]).status == .forbidden)
        }
    }

    @Test("the API: a dry run, the runs, refusals")
    func api() async throws {
        try await withTestApp(.sqlite, environment: Self.environment()) { app in
            let company = try await TestCompany.make(in: app)
            let admin = company.token(company.admin)
            let dry = try await app.request(.POST, "/api/v1/directory/sync", token: admin, json: #"{"dry_run":true}"#)
            #expect(dry.status == .ok && dry["outcome"] == "dry_run", "\(dry.text)")
            #expect((dry.object["person_counts"] as? [String: Int]) == ["create": 6])
            let runs = try await app.request(.GET, "/api/v1/directory/runs?limit=5", token: admin)
            #expect(runs.items.count == 1 && runs.items.first?["outcome"] as? String == "dry_run")
            #expect(
                try await app.request(.POST, "/api/v1/directory/sync", token: company.token(company.itManager), json: "{}").status
                    == .forbidden)
            let bad = try await app.request(.POST, "/api/v1/directory/sync", token: admin, json: #"{"dry_run":"yes"}"#)
            #expect(bad.status == .badRequest && bad.errorField == "dry_run", "\(bad.text)")
            #expect(try await app.request(.GET, "/api/v1/directory/runs?limit=0", token: admin).errorField == "limit")
        }
        try await withTestApp(.sqlite) { app in
            let company = try await TestCompany.make(in: app)
            let none = try await app.request(.POST, "/api/v1/directory/sync", token: company.token(company.admin), json: "{}")
            #expect(none.status == .conflict, "no directory configured: a 4xx, never a 5xx")
        }
    }

    @Test("mappings an administrator edits: a unit linked to a department Tandem has instead of a new one, and unlinked again")
    func mappings() async throws {
        try await withTestApp(.sqlite, environment: Self.environment()) { app in
            let company = try await TestCompany.make(in: app)
            let east = try await app.services.organisation.createDepartment(
                DepartmentInput(name: "华东区销售", code: "EAST", parentID: .some(company.sales.id), isProvider: false), by: company.admin)
            let browser = TestBrowser(app)
            try await browser.signIn(company.admin.login)
            #expect(try await browser.post("/admin/directory/sync", [("dry_run", "on")]).status == .seeOther)
            let preview = try await browser.get("/admin/directory")
            let run = try #require(try await app.services.directorySync.runs(for: company.admin).first)
            let unit = try #require(run.lines.first { $0.name == "华东销售" && $0.actions == ["create"] }?.subject)
            #expect(preview.text.contains(#"name="subject" value="\#(unit)""#), "the department to create offers a link instead")
            let linked = try await browser.post("/admin/directory/links", [("subject", unit), ("department_id_lookup", "EAST")])
            #expect(linked.status == .seeOther, "\(linked.text.prefix(200))")
            let again = try await browser.post("/admin/directory/links", [("subject", unit), ("department_id", company.hr.id.description)])
            #expect(again.status == .unprocessableEntity, "a unit is linked once")
            let applied = try await app.services.directorySync.sync(dryRun: false, by: company.admin)
            #expect(applied.departmentCounts["create"] == 1, "only 网络组 is new: 华东销售 went to 华东区销售")
            let renamed = try await app.services.organisation.store.department(east.id)
            #expect(renamed?.name == "华东销售" && renamed?.code == "EAST", "renamed as upstream, its code kept")
            let page = try await browser.get("/admin/directory")
            #expect(page.text.contains("华东销售 (EAST)"))
            #expect(try await browser.post("/admin/directory/links/remove", [("subject", unit)]).status == .seeOther)
            let afterUnlink = try await app.services.directorySync.sync(dryRun: true, by: company.admin)
            #expect(afterUnlink.lines.contains { $0.subject == unit && $0.actions == ["create"] }, "unlinked: the unit is new again")
        }
    }
}
