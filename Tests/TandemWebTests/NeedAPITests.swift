import Foundation
import TandemCore
import TandemTestSupport
import Testing
import Vapor

@Suite("Needs API")
struct NeedAPITests {
    @Test("a need goes through its whole life, every step an event", arguments: TestDatabase.all)
    func lifecycle(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let requester = company.token(company.salesEmployee)
            let agent = company.token(company.itAgent)
            // raise
            let raised = try await app.request(
                .POST, "/api/v1/needs", token: requester,
                json: """
                    {"title":"开通 CRM 账号","description":"新同事需要","offering_id":"\(company.accountOffering.id)",
                     "urgency":"high","importance":"critical","desired_date":"2026-12-15","effort_hours":2.5,
                     "form":{"system":"CRM","seats":"3"}}
                    """)
            #expect(raised.status == .created)
            let number = try #require(raised["number"])
            #expect(NeedNumber(number) != nil)
            #expect(raised["priority"] == "p1")
            #expect(raised["status"] == "new")
            #expect(raised["requesting_department_id"] == company.sales.id.description)
            #expect(raised["providing_department_id"] == company.it.id.description)
            #expect(raised.object["assignee_ids"] as? [String] == [company.itAgent.id.description])
            #expect((raised.object["form_answers"] as? [String: Any])?["seats"] as? Int == 3)
            #expect(raised.object["available_actions"] as? [String] == ["withdraw"])
            #expect(raised.headers.first(name: .location) == "/api/v1/needs/\(raised["id"]!)")

            let path = "/api/v1/needs/\(number)"
            // work it
            for (action, status) in [("accept", "accepted"), ("start", "in_progress"), ("ask_requester", "waiting_on_requester")] {
                let step = try await app.request(.POST, "\(path)/transitions", token: agent, json: #"{"action":"\#(action)"}"#)
                #expect(step["status"] == status)
            }
            let answered = try await app.request(
                .POST, "\(path)/transitions", token: requester, json: #"{"action":"respond","reply":"补充：销售二组"}"#)
            #expect(answered["status"] == "in_progress")
            let note = try await app.request(.POST, "\(path)/comments", token: agent, json: #"{"body":"内部：等待许可证","visibility":"internal"}"#)
            #expect(note.status == .created)
            let resolved = try await app.request(.POST, "\(path)/transitions", token: agent, json: #"{"action":"resolve","reply":"已开通"}"#)
            #expect(resolved["status"] == "resolved")
            #expect(resolved["resolved_at"] != nil)
            let reopened = try await app.request(.POST, "\(path)/transitions", token: requester, json: #"{"action":"reopen"}"#)
            #expect(reopened["status"] == "in_progress")
            #expect(reopened["resolved_at"] == nil)
            _ = try await app.request(.POST, "\(path)/transitions", token: agent, json: #"{"action":"resolve"}"#)
            let closed = try await app.request(.POST, "\(path)/transitions", token: requester, json: #"{"action":"close"}"#)
            #expect(closed["status"] == "closed")
            #expect(closed.object["version"] as? Int == 10)
            let reread = try await app.request(.GET, path, token: requester)
            let answers = reread.object["form_answers"] as? [String: Any]
            #expect(answers?["system"] as? String == "CRM")
            #expect(answers?["seats"] as? Int == 3)
            #expect(answers?.count == 2)
            #expect(reread["desired_date"] == "2026-12-15")
            #expect(reread.object["effort_hours"] as? Double == 2.5)

            // validate: the provider sees every event, the requester none of the internal ones
            let providerHistory = try await app.request(.GET, "\(path)/events", token: agent)
            #expect(
                providerHistory.items.map { $0["kind"] as? String } == [
                    "raised", "assigned", "transitioned", "transitioned", "transitioned", "transitioned", "replied", "noted",
                    "transitioned", "replied", "transitioned", "transitioned", "transitioned",
                ])
            let requesterHistory = try await app.request(.GET, "\(path)/events", token: requester)
            #expect(requesterHistory.items.count == providerHistory.items.count - 1)
            #expect(!requesterHistory.items.contains { $0["kind"] as? String == "noted" })
            let statusChanges = providerHistory.items.filter { $0["kind"] as? String == "transitioned" }.compactMap {
                ($0["changes"] as? [[String: Any]])?.first { $0["field"] as? String == "status" }.map { "\($0["old"]!)→\($0["new"]!)" }
            }
            #expect(
                statusChanges == [
                    "new→accepted", "accepted→in_progress", "in_progress→waiting_on_requester",
                    "waiting_on_requester→in_progress", "in_progress→resolved", "resolved→in_progress",
                    "in_progress→resolved", "resolved→closed",
                ])
            let requesterComments = try await app.request(.GET, "\(path)/comments", token: requester)
            #expect(requesterComments.items.map { $0["body"] as? String } == ["补充：销售二组", "已开通"])
            let providerComments = try await app.request(.GET, "\(path)/comments", token: agent)
            #expect(providerComments.items.count == 3)
        }
    }

    @Test("triage by the provider recomputes the priority; the requester may not triage", arguments: TestDatabase.all)
    func triage(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let need = try await company.raise("优先级", by: company.salesEmployee, in: app)
            let path = "/api/v1/needs/\(need.id)"
            let refused = try await app.request(.PATCH, path, token: company.token(company.salesEmployee), json: #"{"urgency":"critical"}"#)
            #expect(refused.status == .forbidden)
            let edited = try await app.request(
                .PATCH, path, token: company.token(company.salesEmployee), json: #"{"title":"优先级（改）","desired_date":null}"#)
            #expect(edited["title"] == "优先级（改）")
            let triaged = try await app.request(
                .PATCH, path, token: company.token(company.itAgent),
                json: #"{"urgency":"critical","importance":"high","effort_hours":8}"#)
            #expect(triaged["priority"] == "p1")
            #expect(triaged.object["effort_hours"] as? Int == 8)
            let events = try await app.request(.GET, "\(path)/events", token: company.token(company.itAgent))
            let last = try #require(events.items.last)
            let fields = (last["changes"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
            #expect(fields == ["urgency", "importance", "priority", "effort_hours"])
        }
    }

    @Test(
        "editing words keeps the priority even after the matrix changed; a need without an offering takes no form",
        arguments: TestDatabase.all)
    func editing(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let direct = try await app.services.needs.raise(
                RaiseNeedInput(
                    title: "直接提出", kind: .information, providingDepartmentID: company.it.id), by: company.salesEmployee)
            #expect(direct.priority == .p3)
            let allP1 = #"{"cells":[["p1","p1","p1","p1"],["p1","p1","p1","p1"],["p1","p1","p1","p1"],["p1","p1","p1","p1"]]}"#
            #expect(
                try await app.request(.PUT, "/api/v1/settings/priority-matrix", token: company.token(company.admin), json: allP1).status
                    == .ok)
            let path = "/api/v1/needs/\(direct.id)"
            let edited = try await app.request(
                .PATCH, path, token: company.token(company.salesEmployee), json: #"{"title":"直接提出（补充）","form":{}}"#)
            #expect(edited["title"] == "直接提出（补充）")
            #expect(edited["priority"] == "p3")
            let withForm = try await app.request(.PATCH, path, token: company.token(company.salesEmployee), json: #"{"form":{"x":"y"}}"#)
            #expect(withForm.errorField == "form.x")
            let triaged = try await app.request(.PATCH, path, token: company.token(company.itAgent), json: #"{"urgency":"low"}"#)
            #expect(triaged["priority"] == "p1")
        }
    }

    @Test("assignees must be agents of the providing department", arguments: TestDatabase.all)
    func assignees(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let need = try await company.raise("分派", by: company.salesEmployee, in: app)
            let path = "/api/v1/needs/\(need.id)/assignees"
            let hr = try await app.request(
                .PUT, path, token: company.token(company.itManager), json: #"{"assignee_ids":["\#(company.hrAgent.id)"]}"#)
            #expect(hr.status == .unprocessableEntity)
            #expect(hr.errorField == "assignee_ids")
            let staff = try await app.request(
                .PUT, path, token: company.token(company.itManager), json: #"{"assignee_ids":["\#(company.itEmployee.id)"]}"#)
            #expect(staff.status == .unprocessableEntity)
            let ok = try await app.request(
                .PUT, path, token: company.token(company.itManager),
                json: #"{"assignee_ids":["\#(company.itAgent2.id)","\#(company.itAgent.id)"]}"#)
            #expect(ok.object["assignee_ids"] as? [String] == [company.itAgent2.id.description, company.itAgent.id.description])
            let mine = try await app.request(.GET, "/api/v1/needs?assignee_id=me", token: company.token(company.itAgent2))
            #expect(mine.items.map { $0["id"] as? String } == [need.id.description])
        }
    }

    @Test("list pages carry a cursor to the next page", arguments: TestDatabase.all)
    func paging(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            for index in 0..<5 { _ = try await company.raise("分页 \(index)", by: company.salesEmployee, in: app) }
            var seen: [String] = []
            var path = "/api/v1/needs?limit=2&sort=oldest"
            while true {
                let page = try await app.request(.GET, path, token: company.token(company.salesEmployee))
                seen += page.items.compactMap { $0["title"] as? String }
                guard let cursor = page.object["next_cursor"] as? String else { break }
                path = "/api/v1/needs?limit=2&sort=oldest&cursor=\(cursor)"
            }
            #expect(seen == (0..<5).map { "分页 \($0)" })
        }
    }
}
