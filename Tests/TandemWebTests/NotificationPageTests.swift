import Foundation
import TandemCore
import TandemTestSupport
import Testing
import Vapor

@Suite("Notification pages")
struct NotificationPageTests {
    @Test(
        "the inbox: an unread count in the navigation, texts escaped, opening one marks it read and goes to its need; others' are not found",
        arguments: TestDatabase.all)
    func inbox(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let need = try await company.raise("<script>alert(1)</script> 账号", by: company.salesEmployee, in: app)
            _ = try await company.raise("第二个", by: company.salesEmployee, in: app)
            await app.drainJobs()
            let agent = TestBrowser(app)
            try await agent.signIn(company.itAgent.login)
            let home = try await agent.get("/")
            #expect(home.element("unread-count") == "2")
            let inbox = try await agent.get("/inbox")
            #expect(inbox.status == .ok)
            #expect(inbox.text.contains("&lt;script&gt;alert(1)&lt;/script&gt; 账号") && !inbox.text.contains("<script>alert(1)"))
            let entries = try await app.services.notifications.inbox(for: company.itAgent)
            let first = try #require(entries.first { $0.need?.id == need.id })
            // MUT
            let opened = try await agent.post("/inbox/\(first.notification.id)/open", [])
            // validate
            #expect(opened.status == .seeOther && opened.headers.first(name: .location) == "/needs/\(need.number)")
            #expect(try await agent.get("/").element("unread-count") == "1")
            let stranger = TestBrowser(app)
            try await stranger.signIn(company.itAgent2.login)
            #expect(try await stranger.post("/inbox/\(first.notification.id)/open", []).status == .notFound)
            #expect(try await agent.post("/inbox/read-all", []).status == .seeOther)
            #expect(try await agent.get("/").element("unread-count") == nil)
        }
    }

    @Test("the unread count stops counting at 99 on the pages and at 999 in the API", arguments: TestDatabase.all)
    func cappedCount(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let need = try await company.raise("很多通知", by: company.salesEmployee, in: app)
            let many = (0..<120).map { index in
                InboxNotification(
                    id: .init(UUID()), personID: company.itAgent.id, needID: need.id, eventID: .init(UUID()), kind: .replied,
                    actorID: company.salesEmployee.id, detail: nil, createdAt: Date().addingTimeInterval(Double(index)))
            }
            try await app.services.notifications.store.record(many, jobs: [])
            let agent = TestBrowser(app)
            try await agent.signIn(company.itAgent.login)
            #expect(try await agent.get("/").element("unread-count") == "99+")
            let api = try await app.request(.GET, "/api/v1/me/notifications?limit=1", token: company.token(company.itAgent))
            #expect(api.object["unread_count"] as? Int == 120 && api.object["unread_more"] as? Bool == false && api.items.count == 1)
        }
    }

    @Test("the profile switches e-mail notifications off and on", arguments: TestDatabase.all)
    func emailChoice(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let browser = TestBrowser(app)
            try await browser.signIn(company.salesEmployee.login)
            #expect(try await browser.get("/profile").text.contains("id=\"email-notifications\" value=\"on\" checked"))
            #expect(try await browser.post("/profile/notifications", []).status == .seeOther)
            #expect(try await app.services.organisation.person(company.salesEmployee.id, for: company.admin).emailNotifications == false)
            _ = try await browser.post("/profile/notifications", [("email_notifications", "on")])
            #expect(try await app.services.organisation.person(company.salesEmployee.id, for: company.admin).emailNotifications == true)
        }
    }

    @Test(
        "channels page: a manager adds, switches off and removes their department's channels; a missing secret is named; others may not",
        arguments: TestDatabase.all)
    func channels(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let manager = TestBrowser(app)
            try await manager.signIn(company.itManager.login)
            #expect(try await manager.get("/admin/channels").status == .ok)
            let fields: [(String, String)] = [
                ("department_id", company.it.id.description), ("kind", "webhook"), ("name", "值班系统"),
                ("url", "https://ops.example.com/hook"), ("events", "need_raised"), ("language", "zh-CN"),
            ]
            let bad = try await manager.post("/admin/channels", fields)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.element("channel-secret-error") == "此项必填")
            #expect(bad.text.contains("value=\"https://ops.example.com/hook\""))
            let good = try await manager.post("/admin/channels", fields + [("secret", "hook-secret-1")])
            #expect(good.status == .seeOther)
            let channel = try #require(try await app.services.notifications.channels(of: company.it.id, for: company.itManager).first)
            #expect(channel.events == [.needRaised] && channel.secret == "hook-secret-1" && channel.isActive)
            let page = try await manager.get("/admin/channels")
            #expect(page.text.contains("data-channel=\"\(channel.id)\"") && !page.text.contains("hook-secret-1"))
            #expect(try await manager.post("/admin/channels/\(channel.id)/switch", []).status == .seeOther)
            #expect(try await app.services.notifications.channel(channel.id, for: company.itManager).isActive == false)
            let salesManager = TestBrowser(app)
            try await salesManager.signIn(company.salesManager.login)
            #expect(try await salesManager.get("/admin/channels?department=\(company.it.id)").status == .forbidden)
            #expect(try await salesManager.post("/admin/channels/\(channel.id)/delete", []).status == .notFound)
            #expect(try await manager.post("/admin/channels/\(channel.id)/delete", []).status == .seeOther)
            #expect(try await app.services.notifications.channels(of: company.it.id, for: company.itManager).isEmpty)
        }
    }
}
