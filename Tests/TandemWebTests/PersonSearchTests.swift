import Foundation
import TandemCore
import TandemTestSupport
import Testing

@testable import TandemWeb

@Suite("Finding colleagues as people type")
struct PersonSearchTests {
    @Test("keys hold login, name, pinyin and initials; queries lose case and spaces, and v is read as ü")
    func keys() {
        #expect(PersonSearch.key(handle: "Wang.XM", name: "王 小明") == "wang.xm 王小明 wangxiaoming wxm")
        #expect(PersonSearch.patterns(" Lv Bu ") == ["lvbu", "lubu"])
        #expect(PersonSearch.patterns("張") == ["张"] && PersonSearch.patterns("  ").isEmpty)
    }

    @Test("by name, login, full pinyin and initials; the login first; paged; the deactivated left out", arguments: TestDatabase.all)
    func find(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let admin = company.token(company.admin)
            for (login, name, active) in [
                ("wang.xm", "王小明", true), ("lv.bu", "吕布", true), ("zhang.wei", "张伟", true), ("zhang.wei2", "张伟", false),
                ("xiaoming.li", "李晓明", true),
            ] {
                let created = try await app.request(
                    .POST, "/api/v1/people", token: admin,
                    json: #"{"login":"\#(login)","display_name":"\#(name)","department_id":"\#(company.it.id)","is_active":\#(active)}"#)
                #expect(created.status == .created, "\(created.text)")
            }
            func logins(_ query: String) async throws -> [String] {
                let found = try await app.request(.GET, "/api/v1/people?\(query)", token: company.token(company.salesEmployee))
                #expect(found.status == .ok, "\(found.text)")
                return (found.object["items"] as? [[String: Any]] ?? []).compactMap { $0["login"] as? String }
            }
            // the company has a 王小明 already, who signs in as xiaoming
            #expect(try await logins("q=wxm") == ["wang.xm", "xiaoming"])
            #expect(try await logins("q=xiaoming") == ["xiaoming", "xiaoming.li", "wang.xm"], "the login, then keys that start with it")
            #expect(try await logins("q=lv") == ["lv.bu"])
            #expect(try await logins("q=%E5%BC%A0%E4%BC%9F") == ["zhang.wei"], "张伟: the deactivated one left out")
            #expect(try await logins("q=%E5%BC%A0%E4%BC%9F&active=false") == ["zhang.wei", "zhang.wei2"])
            #expect(try await logins("q=zhang.wei") == ["zhang.wei"], "the login itself")
            #expect(try await logins("q=zw&limit=1&offset=0").count == 1)
            #expect(try await logins("q=100%25") == [], "a % is a character, not a wildcard")
            let page = try await logins("limit=2&offset=1")
            #expect(page.count == 2)
            let tooMany = try await app.request(.GET, "/api/v1/people?q=w&limit=500", token: admin)
            #expect(tooMany.status == .unprocessableEntity && tooMany.errorField == "limit")
        }
    }
}

@Suite("The people list, paged and searchable")
struct PeopleListPageTests {
    @Test("fifty to a page with links on; a search by initials finds the person")
    func pages() async throws {
        try await withTestApp(.sqlite) { app in
            let company = try await TestCompany.make(in: app)
            for index in 0..<60 {
                _ = try await app.services.organisation.createPerson(
                    PersonInput(login: String(format: "staff%02d", index), displayName: "员工\(index)", departmentID: company.it.id),
                    by: company.admin)
            }
            let browser = TestBrowser(app)
            try await browser.signIn(company.admin.login)
            let first = try await browser.get("/admin/people?department=&q=&page=0")
            let rows = { (text: String) in text.components(separatedBy: "<tr data-login=").count - 1 }
            #expect(rows(first.text) == PeoplePages.pageSize && first.text.contains(#"id="people-next""#))
            #expect(!first.text.contains(#"id="people-previous""#))
            let second = try await browser.get("/admin/people?department=&q=&page=1")
            #expect(rows(second.text) == 69 - PeoplePages.pageSize && second.text.contains(#"id="people-previous""#))
            let found = try await browser.get("/admin/people?department=&q=wxm")
            #expect(rows(found.text) == 1 && found.text.contains(#"data-login="xiaoming""#), "王小明 by initials")
            #expect(found.text.contains(#"value="wxm""#), "the search is kept in its box")
        }
    }
}
