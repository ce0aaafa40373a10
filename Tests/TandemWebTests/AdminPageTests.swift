import Foundation
import TandemCore
import TandemTestSupport
import Testing
import Vapor

@Suite("Administration pages")
struct AdminPageTests {
    @Test(
        "departments: the tree in order; an administrator adds, moves and renames; bad values are named in Chinese; a cycle is refused",
        arguments: TestDatabase.all)
    func departments(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let browser = TestBrowser(app)
            try await browser.signIn(company.admin.login)
            let tree = try await browser.get("/admin/departments")
            #expect(tree.status == .ok)
            let order = tree.text.matches(of: /data-code="([A-Z_\-0-9]+)"/).map { String($0.1) }
            #expect(order == ["HQ", "HR", "IT", "SALES"], "the head office, then its departments by name (人力, 信息, 销售)")
            let headcounts = tree.text.matches(of: /<tr data-code="([A-Z]+)">(?s:.*?)<td>(\d+)<\/td>/).map { "\($0.1)=\($0.2)" }
            #expect(headcounts == ["HQ=1", "HR=1", "IT=4", "SALES=3"], "active people per department, counted by the database")
            #expect(tree.text.contains("class=\"depth-1\""))
            // MUT: a bad code and an empty name, both named at once, what was typed kept
            let bad = try await browser.post(
                "/admin/departments", [("name", ""), ("code", "网络 组"), ("parent_id", company.it.id.description)])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.element("department-name-error") == "此项必填")
            #expect(bad.element("department-code-error")?.hasPrefix("代码须为") == true)
            #expect(bad.text.contains("value=\"网络 组\""))
            // MUT: a code another department has: named at its field, what was typed kept
            let taken = try await browser.post("/admin/departments", [("name", "网络组"), ("code", "IT"), ("parent_id", "")])
            #expect(taken.element("department-code-error") == "已被使用，请换一个", "\(taken.status)")
            #expect(taken.text.contains("value=\"网络组\"") && !taken.text.contains("内容已被他人修改"))
            // MUT: a sub-department of IT
            let created = try await browser.post(
                "/admin/departments",
                [
                    ("name", "网络组"), ("code", "net"), ("parent_id", company.it.id.description), ("is_provider", "on"),
                ])
            #expect(created.status == .seeOther)
            let network = try #require(try await app.services.organisation.departments(for: company.admin).first { $0.code == "NET" })
            #expect(network.parentID == company.it.id && network.isProvider && network.name == "网络组")
            let after = try await browser.get("/admin/departments")
            let codes = after.text.matches(of: /data-code="([A-Z_\-0-9]+)"/).map { String($0.1) }
            #expect(codes.firstIndex(of: "NET") == codes.firstIndex(of: "IT").map { $0 + 1 }, "a child follows its parent")
            // MUT: IT under its own child is refused next to the parent field
            let cycle = try await browser.post(
                "/admin/departments/\(company.it.id)",
                [
                    ("name", "信息技术部"), ("code", "IT"), ("parent_id", network.id.description), ("is_provider", "on"),
                ])
            #expect(cycle.status == .unprocessableEntity)
            #expect(cycle.element("department-parent-error")?.isEmpty == false)
            #expect(try await app.services.organisation.department(company.it.id, for: company.admin).parentID == company.headOffice.id)
            // MUT: rename and move to the top
            let edit = try await browser.get("/admin/departments/\(network.id)")
            #expect(edit.text.contains("value=\"网络组\""))
            let moved = try await browser.post("/admin/departments/\(network.id)", [("name", "网络中心"), ("code", "NET"), ("parent_id", "")])
            #expect(moved.status == .seeOther)
            let saved = try await app.services.organisation.department(network.id, for: company.admin)
            #expect(saved.name == "网络中心" && saved.parentID == nil && !saved.isProvider)
        }
    }

    @Test(
        "who may open and change the administration pages: employees and agents may not; managers read the tree but change only their own department",
        arguments: TestDatabase.all)
    func access(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            for person in [company.salesEmployee, company.hrAgent] {
                let browser = TestBrowser(app)
                try await browser.signIn(person.login)
                for path in ["/admin/departments", "/admin/people", "/admin/catalog", "/admin/priority-matrix"] {
                    #expect(try await browser.get(path).status == .forbidden, "\(person.login) \(path)")
                }
                #expect(try await browser.get("/").text.contains("href=\"/admin/departments\"") == false)
            }
            let manager = TestBrowser(app)
            try await manager.signIn(company.itManager.login)
            let tree = try await manager.get("/admin/departments")
            #expect(tree.status == .ok)
            #expect(!tree.text.contains("id=\"department-form\""), "only administrators change the tree")
            #expect(!tree.text.contains("href=\"/admin/priority-matrix\""))
            #expect(try await manager.get("/admin/priority-matrix").status == .forbidden)
            let before = try await app.services.organisation.departments(for: company.admin).count
            let forged = try await manager.post("/admin/departments", [("name", "影子部门"), ("code", "SHADOW")])
            #expect(forged.status == .forbidden)
            #expect(try await app.services.organisation.departments(for: company.admin).count == before)
            #expect(try await manager.get("/admin/departments/\(company.sales.id)").status == .forbidden)
            // another department's person and catalog
            #expect(try await manager.get("/admin/people/\(company.salesEmployee.id)").status == .forbidden)
            #expect(try await manager.get("/admin/catalog/new?department=\(company.hr.id)").status == .forbidden)
            let other = try await manager.post(
                "/admin/people",
                [
                    ("login", "intruder"), ("display_name", "外人"), ("department_id", company.sales.id.description),
                ])
            #expect(other.status == .forbidden)
            #expect(
                try await app.services.organisation.people(in: company.sales.id, for: company.admin).contains { $0.login == "intruder" }
                    == false)
        }
    }

    @Test(
        "people: a manager lists and adds their department's people with roles; every bad field is named at once; a reset password signs in",
        arguments: TestDatabase.all)
    func people(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let manager = TestBrowser(app)
            try await manager.signIn(company.itManager.login)
            let list = try await manager.get("/admin/people")
            #expect(list.status == .ok)
            let logins = Set(list.text.matches(of: /data-login="([a-z0-9._\-]+)"/).map { String($0.1) })
            #expect(
                logins == Set([company.itAgent, company.itAgent2, company.itManager, company.itEmployee].map(\.login)),
                "a manager sees their own department by default")
            #expect(
                list.text.contains("id=\"role-admin\"") && list.text.contains("value=\"admin\" id=\"role-admin\"  disabled"),
                "the administrator role is shown locked to a manager")
            // MUT: three bad fields at once
            let bad = try await manager.post(
                "/admin/people",
                [
                    ("login", "X"), ("display_name", " "), ("email", "no-at-sign"), ("department_id", company.it.id.description),
                    ("password", "short"),
                ])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.element("person-login-error")?.hasPrefix("登录名须为") == true)
            #expect(bad.element("person-name-error") == "此项必填")
            #expect(bad.element("person-email-error") == "这不是有效的电子邮件地址")
            #expect(bad.element("person-password-error") == "长度须为 10–200 个字符")
            #expect(bad.text.contains("value=\"no-at-sign\""))
            // MUT: a good one, an agent
            let created = try await manager.post(
                "/admin/people",
                [
                    ("login", "it.new"), ("display_name", "孙工"), ("email", "sun@example.com"), ("department_id", company.it.id.description),
                    ("roles", "agent"), ("language", "en"), ("password", "a long first password"),
                ])
            #expect(created.status == .seeOther)
            let person = try #require(
                try await app.services.organisation.people(in: company.it.id, for: company.admin).first { $0.login == "it.new" })
            #expect(person.roles == [.employee, .agent] && person.language == .en && person.email == "sun@example.com")
            // MUT: promote to manager, deactivate; the administrator role cannot be smuggled in
            let updated = try await manager.post(
                "/admin/people/\(person.id)",
                [
                    ("login", "it.new"), ("display_name", "孙工"), ("email", ""), ("department_id", company.it.id.description),
                    ("roles", "agent"), ("roles", "manager"), ("roles", "admin"), ("language", "zh-CN"),
                ])
            #expect(updated.status == .seeOther)
            let changed = try await app.services.organisation.person(person.id, for: company.admin)
            #expect(changed.roles == [.employee, .agent, .manager] && !changed.isActive && changed.email == nil)
            // MUT: reset a password (reactivate first)
            _ = try await manager.post(
                "/admin/people/\(person.id)",
                [
                    ("login", "it.new"), ("display_name", "孙工"), ("department_id", company.it.id.description), ("roles", "agent"),
                    ("is_active", "on"),
                ])
            let short = try await manager.post("/admin/people/\(person.id)/password", [("new_password", "123")])
            #expect(short.status == .unprocessableEntity)
            #expect(short.element("person-new-password-error") == "长度须为 10–200 个字符")
            let reset = try await manager.post("/admin/people/\(person.id)/password", [("new_password", "a brand new password")])
            #expect(reset.status == .seeOther)
            let newcomer = TestBrowser(app)
            #expect(try await newcomer.signIn("it.new", password: "a brand new password").status == .seeOther)
            #expect(try await app.services.organisation.person(person.id, for: company.admin).roles == [.employee, .agent])
        }
    }

    @Test(
        "catalog: a manager adds an entry with a request form; a choice without options is named on its row; the entry is then requestable with its fields",
        arguments: TestDatabase.all)
    func catalog(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let manager = TestBrowser(app)
            try await manager.signIn(company.itManager.login)
            let list = try await manager.get("/admin/catalog")
            #expect(list.status == .ok)
            #expect(list.text.contains(company.accountOffering.name) && list.text.contains(company.confidentialOffering.name))
            let blank = try await manager.get("/admin/catalog/new?department=\(company.it.id)")
            #expect(blank.status == .ok)
            #expect(blank.text.contains("name=\"field_label_1\"") && !blank.text.contains("name=\"field_label_2\""))
            var fields: [(String, String)] = [
                ("provider_id", company.it.id.description), ("name", "笔记本电脑申领"), ("kind", "resource"), ("description", "新员工或更换"),
                ("audience", "departments"), ("audience_departments", company.sales.id.description),
                ("default_assignee_ids", company.itAgent2.id.description), ("field_count", "3"),
                ("field_label_0", "型号"), ("field_key_0", "model"), ("field_type_0", "single_choice"), ("field_required_0", "on"),
                ("field_options_0", ""),
                ("field_label_1", "使用人"), ("field_key_1", ""), ("field_type_1", "text"),
                ("field_label_2", ""), ("field_key_2", ""), ("field_type_2", "text"),
            ]
            // MUT: a choice field without options, and a missing name
            let bad = try await manager.post("/admin/catalog", fields.map { $0.0 == "name" ? ("name", "") : $0 })
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.element("offering-name-error") == "此项必填")
            #expect(bad.element("field_options_0-error") == "选择题需要至少一个选项，且选项不能重复或为空")
            #expect(bad.text.contains("value=\"使用人\""), "the rows typed are kept")
            #expect(try await app.services.catalog.offerings(provider: company.it.id, for: company.admin).count == 2)
            // MUT
            fields = fields.map { $0.0 == "field_options_0" ? ("field_options_0", "ThinkPad X1\r\nMacBook Air\r\n") : $0 }
            let created = try await manager.post("/admin/catalog", fields)
            #expect(created.status == .seeOther)
            let offering = try #require(
                try await app.services.catalog.offerings(provider: company.it.id, for: company.admin).first { $0.name == "笔记本电脑申领" })
            #expect(offering.kind == .resource && offering.audience == .departments([company.sales.id]))
            #expect(offering.defaultAssigneeIDs == [company.itAgent2.id])
            #expect(
                offering.formFields == [
                    FormField(key: "model", label: "型号", type: .singleChoice, isRequired: true, options: ["ThinkPad X1", "MacBook Air"]),
                    FormField(key: "field_1", label: "使用人", type: .text, isRequired: false),
                ])
            let requester = TestBrowser(app)
            try await requester.signIn(company.salesEmployee.login)
            let form = try await requester.get("/needs/new?offering=\(offering.id)")
            #expect(form.status == .ok && form.text.contains("MacBook Air") && form.text.contains("name=\"form.field_1\""))
            // MUT: the edit page shows the fields; removing one and closing the entry
            let edit = try await manager.get("/admin/catalog/\(offering.id)")
            #expect(edit.text.contains("value=\"model\"") && edit.text.contains("ThinkPad X1\nMacBook Air"))
            let closed = try await manager.post(
                "/admin/catalog/\(offering.id)",
                [
                    ("name", "笔记本电脑申领"), ("kind", "resource"), ("audience", "everyone"), ("field_count", "2"),
                    ("field_label_0", "型号"), ("field_key_0", "model"), ("field_type_0", "single_choice"),
                    ("field_options_0", "ThinkPad X1"), ("field_label_1", "使用人"), ("field_key_1", "field_1"), ("field_type_1", "text"),
                    ("field_remove_1", "on"),
                ])
            #expect(closed.status == .seeOther)
            let saved = try await app.services.catalog.offering(offering.id, for: company.admin)
            #expect(
                !saved.isActive && saved.audience == .everyone && saved.formFields.map(\.key) == ["model"] && saved.defaultAssigneeIDs == []
            )
            #expect(try await requester.get("/needs/new?offering=\(offering.id)").status == .notFound)
        }
    }

    @Test(
        "the priority matrix: an administrator changes a cell and new needs follow it; a bad value changes nothing",
        arguments: TestDatabase.all)
    func priorityMatrix(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let browser = TestBrowser(app)
            try await browser.signIn(company.admin.login)
            let page = try await browser.get("/admin/priority-matrix")
            #expect(page.status == .ok)
            var cells: [(String, String)] = []
            for urgency in Urgency.allCases {
                for importance in Importance.allCases {
                    cells.append(
                        (
                            "cell_\(urgency.rawValue)_\(importance.rawValue)",
                            PriorityMatrix.standard.priority(urgency: urgency, importance: importance).rawValue
                        ))
                }
            }
            let bad = try await browser.post("/admin/priority-matrix", cells.map { $0.0 == "cell_low_low" ? ($0.0, "p9") : $0 })
            #expect(bad.status == .unprocessableEntity)
            #expect(try await app.services.settings.priorityMatrix(for: company.admin) == .standard)
            // MUT
            let saved = try await browser.post("/admin/priority-matrix", cells.map { $0.0 == "cell_low_low" ? ($0.0, "p1") : $0 })
            #expect(saved.status == .seeOther)
            #expect(try await app.services.settings.priorityMatrix(for: company.admin).priority(urgency: .low, importance: .low) == .p1)
            let need = try await company.raise("低低", by: company.salesEmployee, in: app, urgency: .low, importance: .low)
            #expect(need.priority == .p1)
            #expect(try await browser.get("/admin/priority-matrix").text.contains("<option value=\"p1\" selected>"))
        }
    }

    @Test(
        "background jobs: administrators see the failed ones with their error and retry them; managers may not", arguments: TestDatabase.all
    )
    func jobs(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let now = Date()
            let dead = Job(
                id: .init(UUID()), kind: "deliver.webhook", payload: "{}", state: .dead, attempts: 8, runAt: now,
                lastError: "<b>connection refused</b>", createdAt: now, finishedAt: now)
            try await app.services.jobs.store.enqueue([dead])
            let manager = TestBrowser(app)
            try await manager.signIn(company.itManager.login)
            #expect(try await manager.get("/admin/jobs").status == .forbidden)
            #expect(try await manager.post("/admin/jobs/\(dead.id)/retry", []).status == .forbidden)
            let admin = TestBrowser(app)
            try await admin.signIn(company.admin.login)
            let page = try await admin.get("/admin/jobs")
            #expect(page.status == .ok)
            #expect(page.text.contains("失败（1）") && page.text.contains("&lt;b&gt;connection refused&lt;/b&gt;"))
            // MUT
            let retried = try await admin.post("/admin/jobs/\(dead.id)/retry", [])
            // validate
            #expect(retried.status == .seeOther)
            #expect(try await app.services.jobs.store.job(dead.id)?.state == .pending)
            #expect(try await admin.get("/admin/jobs?state=pending").text.contains("data-job=\"\(dead.id)\""))
        }
    }

    @Test("raising: every bad field of the form is named at once, in the page's language", arguments: TestDatabase.all)
    func everyBadFieldAtOnce(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            _ = try await app.services.organisation.updatePerson(company.salesColleague.id, PersonInput(language: .en), by: company.admin)
            for (person, required, number) in [
                (company.salesEmployee, "此项必填", "请填写数字"), (company.salesColleague, "This field is required", "Enter a number"),
            ] {
                let browser = TestBrowser(app)
                try await browser.signIn(person.login)
                let bad = try await browser.postMultipart(
                    "/needs/new",
                    [
                        ("offering_id", company.accountOffering.id.description), ("title", ""), ("urgency", "medium"),
                        ("importance", "medium"), ("form.seats", "很多"),
                    ], files: [])
                #expect(bad.status == .unprocessableEntity)
                #expect(bad.element("title-error") == required)
                #expect(bad.element("form-system-error") == required)
                #expect(bad.element("form-seats-error") == number)
            }
            #expect(try await app.services.needs.count(NeedQuery(), for: company.admin) == 0)
        }
    }

    @Test(
        "privacy: an administrator reads and changes the minimum group; below three is named and nothing changes",
        arguments: TestDatabase.all)
    func privacy(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let browser = TestBrowser(app)
            try await browser.signIn(company.admin.login)
            let page = try await browser.get("/admin/privacy")
            #expect(page.status == .ok && page.text.contains(#"name="minimum_group" min="3" max="1000" value="5""#))
            // MUT: two is refused with the field named; three is kept
            let low = try await browser.post("/admin/privacy", [("minimum_group", "2")])
            #expect(low.status == .unprocessableEntity && low.element("minimum_group-error")?.isEmpty == false)
            #expect(try await app.services.settings.minimumGroup(for: company.admin).size == 5)
            let saved = try await browser.post("/admin/privacy", [("minimum_group", "3")])
            #expect(saved.status == .seeOther && saved.headers.first(name: .location) == "/admin/privacy?done=saved")
            let privacy = try await app.request(.GET, "/api/v1/settings/privacy", token: company.token(company.salesEmployee))
            #expect(privacy.object["minimum_group"] as? Int == 3)
            // a manager may not
            let manager = TestBrowser(app)
            try await manager.signIn(company.itManager.login)
            #expect(try await manager.post("/admin/privacy", [("minimum_group", "10")]).status == .forbidden)
            #expect(try await app.services.settings.minimumGroup(for: company.admin).size == 3)
        }
    }
}
