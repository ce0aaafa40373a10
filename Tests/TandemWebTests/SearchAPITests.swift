import Foundation
import SQLKit
import TandemCore
import TandemTestSupport
import Testing
import Vapor

@testable import TandemStore
@testable import TandemWeb

@Suite("Search and duplicate hints")
struct SearchAPITests {
    /// Raises a need for `provider` (IT by default) with a description, through the core.
    static func raise(
        _ app: TestApp, _ company: TestCompany, _ title: String, _ description: String, by person: Person? = nil,
        provider: Department? = nil, confidential: Bool? = nil
    ) async throws -> Need {
        try await app.services.needs.raise(
            RaiseNeedInput(
                title: title, description: description, kind: .information, providingDepartmentID: (provider ?? company.it).id,
                isConfidential: confidential), by: person ?? company.salesEmployee)
    }

    /// The ids found, the total, and the whole answer.
    static func search(_ app: TestApp, _ company: TestCompany, _ query: String, as person: Person) async throws -> (
        ids: [Need.ID], total: Int, response: TestResponse
    ) {
        let response = try await app.request(.GET, "/api/v1/search?" + query, token: company.token(person))
        #expect(response.status == .ok, "\(query): \(response.text)")
        let ids = response.items.compactMap { ($0["need"] as? [String: Any])?["id"] as? String }.compactMap(Need.ID.init)
        return (ids, response.object["total"] as? Int ?? -1, response)
    }

    static func q(_ text: String) -> String { "q=" + text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }

    static func marked(_ parts: Any?) -> [String] {
        ((parts as? [[String: Any]]) ?? []).filter { $0["match"] as? Bool == true }.compactMap { $0["text"] as? String }
    }

    @Test(
        "Chinese, English and mixed text; titles rank first; replies and notes found only by those who read them; filters; paging",
        arguments: TestDatabase.all)
    func search(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let vpn = try await Self.raise(app, company, "申请开通 VPN 账号", "出差需要远程访问公司内网")
            let sales = try await Self.raise(app, company, "季度销售数据导出", "请导出华东区 2026 年第三季度的销售数据报表")
            let printer = try await Self.raise(app, company, "Printer on floor 3 is broken", "The office printer jams on every page")
            let report = try await Self.raise(app, company, "销售报表权限", "需要 CRM 里的报表导出权限，VPN 已有")
            let salary = try await Self.raise(app, company, "薪资调整说明", "机密：三月薪资调整", provider: company.hr, confidential: true)
            let agent = company.itAgent

            // Chinese: the bigrams of 销售数据 are only all in one need
            let chinese = try await Self.search(app, company, Self.q("销售数据"), as: agent)
            #expect(chinese.ids == [sales.id] && chinese.total == 1)
            let hit = try #require(chinese.response.items.first)
            #expect(Self.marked(hit["title"]) == ["销售数据"])
            #expect(Self.marked(hit["snippet"]) == ["销售数据"] && hit["snippet_source"] as? String == "description")
            #expect((hit["need"] as? [String: Any])?["number"] as? String == sales.number.description)

            // English, any case; a title match ranks above a description match
            let english = try await Self.search(app, company, Self.q("VPN"), as: agent)
            #expect(english.ids == [vpn.id, report.id] && english.total == 2)
            #expect(Self.marked(english.response.items[1]["snippet"]) == ["VPN"])
            #expect(try await Self.search(app, company, Self.q("PRINTER jams"), as: agent).ids == [printer.id])
            // mixed; a need holding every term comes before one holding most (of two terms: one)
            #expect(try await Self.search(app, company, Self.q("CRM报表"), as: agent).ids == [report.id, sales.id])
            #expect(try await Self.search(app, company, Self.q("CRM 薪资"), as: agent).ids == [report.id])
            #expect(try await Self.search(app, company, Self.q("CRM 薪资 税"), as: agent).ids.isEmpty, "two of three terms are missing")

            // a public reply is found, by everyone who reads the need; one character finds any word it begins or ends
            #expect(try await Self.search(app, company, Self.q("税"), as: agent).ids.isEmpty)
            _ = try await app.services.needs.comment(on: sales.id, body: "报表含个人所得税明细", visibility: .public, by: agent)
            for person in [agent, company.salesEmployee, company.salesColleague] {
                let reply = try await Self.search(app, company, Self.q("税"), as: person)
                #expect(reply.ids == [sales.id], "\(person.login)")
                #expect(reply.response.items.first?["snippet_source"] as? String == "reply")
                #expect(Self.marked(reply.response.items.first?["snippet"]) == ["税"])
            }

            // an internal note: only those who read the need's notes find it, and nobody else is even told it exists
            _ = try await app.services.needs.comment(on: printer.id, body: "备件编号 XJ-778 已订购", visibility: .internal, by: agent)
            let noted = Self.q("XJ 778")
            for person in company.everyone {
                let seesNotes = NeedVisibility(for: person).admitsInternal(printer)
                let found = try await Self.search(app, company, noted, as: person)
                #expect(found.ids == (seesNotes ? [printer.id] : []) && found.total == (seesNotes ? 1 : 0), "\(person.login)")
                if seesNotes { #expect(found.response.items.first?["snippet_source"] as? String == "note") }
            }
            // a confidential need: its words are found only by those who read it
            for person in company.everyone {
                let expected = NeedVisibility(for: person).admits(salary)
                #expect(
                    try await Self.search(app, company, Self.q("薪资"), as: person).ids == (expected ? [salary.id] : []), "\(person.login)")
            }

            // filters combine with the text
            _ = try await app.services.needs.transition(vpn.id, .start, by: agent)
            #expect(try await Self.search(app, company, Self.q("vpn") + "&status=new", as: agent).ids == [report.id])
            #expect(try await Self.search(app, company, Self.q("vpn") + "&status=in_progress,new", as: agent).ids == [vpn.id, report.id])
            #expect(try await Self.search(app, company, Self.q("vpn") + "&providing_department_id=\(company.hr.id)", as: agent).ids.isEmpty)

            // an edited title is indexed in the same change: the old words no longer find it
            #expect(try await Self.search(app, company, Self.q("floor"), as: agent).ids == [printer.id])
            var patch = NeedPatch()
            patch.title = "Scanner stuck"
            _ = try await app.services.needs.update(printer.id, patch, by: agent)
            #expect(try await Self.search(app, company, Self.q("floor"), as: agent).ids.isEmpty)
            #expect(try await Self.search(app, company, Self.q("scanner printer"), as: agent).ids == [printer.id])

            // paging through 23 alike needs: the title tier first, then the rest, each newest first; totals, offsets, no repeats
            let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
            try app.use(clock: clock)
            var inTitle: [Need.ID] = [], elsewhere: [Need.ID] = []
            for index in 1...23 {
                clock.advance(by: 60)
                if index % 4 == 0 {
                    inTitle.append(try await Self.raise(app, company, "打印机故障 \(index) 号", "").id)
                } else {
                    elsewhere.append(try await Self.raise(app, company, "设备问题 \(index)", "三楼的打印机故障了").id)
                }
            }
            var seen: [Need.ID] = []
            var offset: Int? = 0
            while let next = offset {
                let page = try await Self.search(app, company, Self.q("打印机故障") + "&limit=10&offset=\(next)", as: agent)
                #expect(page.total == 23 && page.response.object["total_is_exact"] as? Bool == true)
                seen += page.ids
                offset = page.response.object["next_offset"] as? Int
            }
            #expect(seen == inTitle.reversed() + elsewhere.reversed())
        }
    }

    @Test("bad searches name their parameter", arguments: TestDatabase.all)
    func badInput(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let token = company.token(company.itAgent)
            for (query, field, reason) in [
                ("", "q", "required"), ("q=%E2%80%94%E2%80%94", "q", "nothing_to_search"), ("q=vpn&limit=0", "limit", "out_of_range"),
                ("q=vpn&offset=5000", "offset", "out_of_range"), ("q=vpn&status=lost", "status", nil), ("q=vpn&sort=newest", "sort", nil),
                ("q=" + String(repeating: "a", count: 201), "q", "too_long"), ("q=vpn&limit=x", "limit", nil),
            ] as [(String, String, String?)] {
                let response = try await app.request(.GET, "/api/v1/search?" + query, token: token)
                #expect(response.status == .unprocessableEntity && response.errorField == field, "\(query): \(response.text)")
                if let reason { #expect((response.object["error"] as? [String: Any])?["reason"] as? String == reason, "\(query)") }
            }
            #expect(try await app.request(.GET, "/api/v1/search?q=vpn", token: nil).status == .unauthorized)
        }
    }

    @Test("while a title is typed, alike open needs to the same provider are offered", arguments: TestDatabase.all)
    func duplicateHints(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let jam = try await Self.raise(app, company, "三楼打印机卡纸", "")
            let driver = try await Self.raise(app, company, "打印机驱动安装", "")
            let done = try await Self.raise(app, company, "三楼打印机卡纸又发生了", "")
            _ = try await app.services.needs.transition(done.id, .reject, by: company.itAgent)
            _ = try await Self.raise(app, company, "打印机卡纸", "", provider: company.hr)
            _ = try await Self.raise(app, company, "VPN 账号", "")
            let secret = try await Self.raise(app, company, "打印机卡纸 机密", "", by: company.itAgent, confidential: true)

            func hints(_ title: String, _ provider: Department, as person: Person) async throws -> [String] {
                let path =
                    "/api/v1/search/similar?providing_department_id=\(provider.id)&title=" + title.addingPercentEncoding(
                        withAllowedCharacters: .alphanumerics)!
                let response = try await app.request(.GET, path, token: company.token(person))
                #expect(response.status == .ok, "\(response.text)")
                return response.items.compactMap { ($0["need"] as? [String: Any])?["title"] as? String }
            }
            let typed = "三楼打印机卡纸了"
            #expect(
                try await hints(typed, company.it, as: company.salesColleague) == [jam.title, driver.title],
                "closed needs, other providers and needs the reader cannot see are not offered")
            #expect(try await hints(typed, company.it, as: company.itAgent).contains(secret.title))
            #expect(try await hints("报销流程", company.it, as: company.salesColleague).isEmpty)
            #expect(try await hints("", company.it, as: company.salesColleague).isEmpty)
            let missing = try await app.request(.GET, "/api/v1/search/similar?title=x", token: company.token(company.salesEmployee))
            #expect(missing.status == .unprocessableEntity && missing.errorField == "providing_department_id")
            let unknown = try await app.request(
                .GET, "/api/v1/search/similar?title=x&providing_department_id=\(UUID())", token: company.token(company.salesEmployee))
            #expect(unknown.status == .unprocessableEntity && unknown.errorField == "providing_department_id")
        }
    }

    @Test("needs stored before the index existed are indexed by its migrations", arguments: TestDatabase.all)
    func migrationIndexesStoredNeeds(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let need = try await Self.raise(app, company, "会议室投影仪", "投影仪无法连接")
            _ = try await app.services.needs.comment(on: need.id, body: "HDMI cable replaced", visibility: .internal, by: company.itAgent)
            let store = app.services.database
            let dialect = store.dialect
            try await store.write { sql in
                try await sql.raw("DELETE FROM need_search").run()
                if dialect == .sqlite { try await sql.raw("DELETE FROM need_search_docs").run() }
            }
            #expect(try await Self.search(app, company, Self.q("投影仪"), as: company.itAgent).ids.isEmpty)
            // MUT: the index as migration 013 made it, then what 017 and 019 added (PostgreSQL: the day raised, the copies, the audience)
            try await IndexSearchAudience().revert(on: app.app.db)
            try await IndexSearchByDay().revert(on: app.app.db)
            try await store.write { sql in try await CreateSearchIndex().indexStoredNeeds(sql, dialect) }
            try await IndexSearchByDay().prepare(on: app.app.db)
            try await IndexSearchAudience().prepare(on: app.app.db)
            // SQLite: migration 024 writes the audience of the documents 013 wrote
            try await app.app.db.withConnection { db in
                try await IndexSearchAudienceInFTS().revert(on: db)
                try await IndexSearchAudienceInFTS().prepare(on: db)
            }
            #expect(try await Self.search(app, company, Self.q("投影仪"), as: company.itAgent).ids == [need.id])
            #expect(try await Self.search(app, company, Self.q("hdmi"), as: company.itAgent).ids == [need.id])
            #expect(try await Self.search(app, company, Self.q("hdmi"), as: company.salesEmployee).ids.isEmpty)
            #expect(try await Self.search(app, company, Self.q("投影仪"), as: company.hrAgent).ids.isEmpty)
        }
    }

    @Test(
        "migration 019 writes the audience the code writes: assigned, confidential or neither",
        arguments: TestDatabase.all.filter { if case .postgres = $0 { true } else { false } })
    func migrationWritesTheAudience(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let plain = try await Self.raise(app, company, "会议室投影仪", "")
            let assigned = try await app.services.needs.assign(
                try await Self.raise(app, company, "VPN 权限", "").id, to: [company.itAgent2.id, company.itAgent.id], by: company.itManager)
            let secret = try await company.raise("薪资核算", by: company.salesEmployee, in: app, confidential: true)
            struct Row: Decodable { var need_id: UUID; var audience: [String] }
            let read = {
                try await app.services.database.read { sql in
                    try await sql.raw("SELECT need_id, audience FROM need_search").all(decoding: Row.self)
                }
            }
            let written = try await read()
            // MUT
            try await IndexSearchAudience().revert(on: app.app.db)
            try await IndexSearchAudience().prepare(on: app.app.db)
            let migrated = try await read()
            #expect(written.count == 3 && migrated.count == 3)
            for need in [plain, assigned, secret] {
                let expected = Set(SearchAudience.tokens(of: need))
                #expect(written.first { $0.need_id == need.id.rawValue }.map { Set($0.audience) } == expected)
                #expect(migrated.first { $0.need_id == need.id.rawValue }.map { Set($0.audience) } == expected)
            }
            #expect(Set(SearchAudience.tokens(of: assigned)).isSuperset(of: [SearchAudience.assignee(company.itAgent2.id)]))
        }
    }

    @Test("migration 024 (SQLite) writes the audience words the code writes, followers included, and search reads them")
    func ftsMigrationWritesTheAudience() async throws {
        try await withTestApp(.sqlite) { app in
            let company = try await TestCompany.make(in: app)
            let plain = try await Self.raise(app, company, "会议室投影仪", "")
            let assigned = try await app.services.needs.assign(
                try await Self.raise(app, company, "VPN 权限", "").id, to: [company.itAgent2.id, company.itAgent.id], by: company.itManager)
            let secret = try await company.raise("薪资核算", by: company.salesEmployee, in: app, confidential: true)
            let duplicate = try await Self.raise(app, company, "会议室投影仪坏了", "", by: company.hrAgent)
            let followed = try await app.services.needs.merge(duplicate.id, into: plain.number.description, by: company.itAgent).into
            struct Row: Decodable { var need_id: UUID; var audience: String }
            let read = {
                try await app.services.database.read { sql in
                    try await sql.raw("SELECT d.need_id, s.audience FROM need_search s JOIN need_search_docs d ON d.doc = s.rowid")
                        .all(decoding: Row.self)
                }
            }
            let written = try await read()
            // MUT
            try await app.app.db.withConnection { db in
                try await IndexSearchAudienceInFTS().revert(on: db)
                try await IndexSearchAudienceInFTS().prepare(on: db)
            }
            let migrated = try await read()
            #expect(written.count == 4 && migrated.count == 4)
            for need in [followed, assigned, secret] {
                let expected = Set(SearchAudience.ftsDocument(of: need).split(separator: " "))
                #expect(written.first { $0.need_id == need.id.rawValue }.map { Set($0.audience.split(separator: " ")) } == expected)
                #expect(migrated.first { $0.need_id == need.id.rawValue }.map { Set($0.audience.split(separator: " ")) } == expected)
            }
            #expect(try await Self.search(app, company, Self.q("投影仪"), as: company.hrAgent).ids.contains(plain.id), "a follower finds it")
            #expect(try await Self.search(app, company, Self.q("VPN"), as: company.itAgent2).ids == [assigned.id])
            #expect(try await Self.search(app, company, Self.q("薪资"), as: company.itAgent2).ids.isEmpty, "confidential, not assigned")
            #expect(try await Self.search(app, company, Self.q("薪资"), as: company.itManager).ids == [secret.id])
        }
    }

    @Test(
        "the search page marks matches, filters, pages, names a bad field, and hides what the reader may not see; the raise form offers alike needs",
        arguments: TestDatabase.all)
    func pages(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let sales = try await Self.raise(app, company, "季度销售数据导出", "请导出华东区的销售数据报表")
            _ = try await app.services.needs.comment(on: sales.id, body: "内部：数据在 BI 服务器 <b>", visibility: .internal, by: company.itAgent)
            for index in 1...22 { _ = try await Self.raise(app, company, "报表 \(index)", "") }

            let agent = TestBrowser(app)
            _ = try await agent.signIn(company.itAgent.login)
            let page = try await agent.get("/search?" + Self.q("销售数据"))
            #expect(page.status == .ok)
            #expect(page.text.contains("<mark>销售数据</mark>导出"), "the title is marked")
            #expect(page.element("search-count")?.contains("1") == true)
            let note = try await agent.get("/search?" + Self.q("BI 服务器"))
            #expect(note.text.contains("<mark>BI</mark> <mark>服务器</mark> &lt;b&gt;"), "a note's passage is marked and escaped")
            let paged = try await agent.get("/search?" + Self.q("报表"))
            #expect(paged.text.components(separatedBy: "class=\"search-hit\"").count - 1 == 20 && paged.text.contains("id=\"search-next\""))
            let second = try await agent.get("/search?" + Self.q("报表") + "&offset=20")
            #expect(
                second.text.components(separatedBy: "class=\"search-hit\"").count - 1 == 3 && second.text.contains("id=\"search-previous\"")
            )
            let filtered = try await agent.get("/search?" + Self.q("报表") + "&provider=\(company.hr.id)")
            #expect(filtered.element("search-empty") != nil)
            let bad = try await agent.get("/search?q=%E2%80%94&status=lost")
            #expect(bad.status == .unprocessableEntity && bad.text.contains("field-error"))

            let requester = TestBrowser(app)
            _ = try await requester.signIn(company.salesEmployee.login)
            let hidden = try await requester.get("/search?" + Self.q("BI 服务器"))
            #expect(
                hidden.element("search-empty") != nil && !hidden.text.contains(sales.number.description),
                "nobody learns of a note they may not read")

            // the raise form, sent back with an error, lists alike open needs
            let form = try await requester.post(
                "/needs/new",
                [
                    ("providing_department_id", company.it.id.description), ("title", "导出销售数据报表"), ("kind", "lost"),
                    ("urgency", "medium"), ("importance", "medium"), ("confidential_shown", "1"),
                ])
            #expect(form.status == .unprocessableEntity)
            #expect(form.text.contains("<ul id=\"duplicate-list\"><li><a href=\"/needs/\(sales.number)\">"), "alike needs are listed")
        }
    }
}
