import Foundation
import TandemCore
import TandemTestSupport
import Testing

@Suite("Deactivating departments")
struct DepartmentActivityTests {
    static func reason(_ response: TestResponse) -> String? { (response.object["error"] as? [String: Any])?["reason"] as? String }

    @Test(
        "a department is deactivated only when nothing open depends on it; deactivated, it takes no needs and no people; it comes back",
        arguments: TestDatabase.all)
    func deactivate(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let admin = company.token(company.admin)
            _ = try await company.raise("打印机卡纸", by: company.salesEmployee, in: app)

            // IT serves an open need and has people: refused, with the counts, nothing changed
            let busy = try await app.request(.PATCH, "/api/v1/departments/\(company.it.id)", token: admin, json: #"{"is_active":false}"#)
            #expect(busy.status == .conflict && busy.errorField == "is_active" && Self.reason(busy) == "still_in_use")
            let it = try #require(try await app.services.organisation.store.department(company.it.id))
            #expect(it.isActive)
            let dependents = try await app.services.organisation.store.dependents(of: company.it.id)
            #expect(dependents.openNeeds == 1 && dependents.activePeople == 4 && dependents.activeDepartments == 0, "\(dependents)")
            #expect(
                try await app.services.organisation.store.dependents(of: company.sales.id).openNeeds == 1, "the raising side counts too")

            // a provider nobody works in yet: deactivated
            let created = try await app.request(
                .POST, "/api/v1/departments", token: admin, json: #"{"name":"法务部","code":"LEGAL","is_provider":true}"#)
            let legal = try #require(created.object["id"] as? String)
            #expect(created.object["is_active"] as? Bool == true)
            let managerTries = try await app.request(
                .PATCH, "/api/v1/departments/\(legal)", token: company.token(company.itManager), json: #"{"is_active":false}"#)
            #expect(managerTries.status == .forbidden)
            let off = try await app.request(.PATCH, "/api/v1/departments/\(legal)", token: admin, json: #"{"is_active":false}"#)
            #expect(off.status == .ok && off.object["is_active"] as? Bool == false)

            // it takes no needs and no people
            let raise = try await app.request(
                .POST, "/api/v1/needs", token: company.token(company.salesEmployee),
                json: #"{"title":"合同审核","kind":"service","providing_department_id":"\#(legal)"}"#)
            #expect(raise.status == .unprocessableEntity && raise.errorField == "providing_department_id")
            #expect(Self.reason(raise) == "inactive_department")
            let person = try await app.request(
                .POST, "/api/v1/people", token: admin,
                json: #"{"login":"zhou.fawu","display_name":"周法务","department_id":"\#(legal)","password":"a good password 1"}"#)
            #expect(
                person.status == .unprocessableEntity && person.errorField == "department_id"
                    && Self.reason(person) == "inactive_department")
            let moved = try await app.request(
                .PATCH, "/api/v1/people/\(company.itEmployee.id)", token: admin, json: #"{"department_id":"\#(legal)"}"#)
            #expect(moved.status == .unprocessableEntity && Self.reason(moved) == "inactive_department")

            // back again, it takes needs
            let on = try await app.request(.PATCH, "/api/v1/departments/\(legal)", token: admin, json: #"{"is_active":true}"#)
            #expect(on.status == .ok && on.object["is_active"] as? Bool == true)
            let again = try await app.request(
                .POST, "/api/v1/needs", token: company.token(company.salesEmployee),
                json: #"{"title":"合同审核","kind":"service","providing_department_id":"\#(legal)"}"#)
            #expect(again.status == .created)
        }
    }

    @Test("the page: the refusal says what still depends on the department; a deactivated one is marked and not offered for raising")
    func page() async throws {
        try await withTestApp(.sqlite) { app in
            let company = try await TestCompany.make(in: app)
            _ = try await company.raise("打印机卡纸", by: company.salesEmployee, in: app)
            let browser = TestBrowser(app)
            try await browser.signIn(company.admin.login)
            let refused = try await browser.post("/admin/departments/\(company.it.id)/activity", [("active", "false")])
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("部门还有 1 个未关闭的需求、4 位在职人员和 0 个启用的下级部门"), "\(refused.text)")

            let legal = try await app.services.organisation.createDepartment(
                DepartmentInput(name: "法务部", code: "LEGAL", isProvider: true), by: company.admin)
            #expect(try await browser.post("/admin/departments/\(legal.id)/activity", [("active", "false")]).status == .seeOther)
            let list = try await browser.get("/admin/departments")
            #expect(list.text.contains(#"data-inactive>已停用"#))
            let employee = TestBrowser(app)
            try await employee.signIn(company.salesEmployee.login)
            let providers = try await employee.get("/needs/new")
            #expect(providers.text.contains("信息技术部") && !providers.text.contains("法务部"))
            #expect(try await employee.get("/needs/new?provider=\(legal.id)").status == .notFound)
            #expect(try await employee.post("/admin/departments/\(legal.id)/activity", [("active", "true")]).status == .forbidden)
            #expect(try await browser.post("/admin/departments/\(legal.id)/activity", [("active", "true")]).status == .seeOther)
            #expect(try await employee.get("/needs/new").text.contains("法务部"))
        }
    }
}
