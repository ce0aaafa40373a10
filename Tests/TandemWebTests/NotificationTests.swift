import Foundation
import TandemCore
import TandemTestSupport
import Testing
import Vapor

@testable import TandemConnect
@testable import TandemWeb

@Suite("Notifications")
struct NotificationTests {
    static func inbox(_ app: TestApp, _ person: Person, _ company: TestCompany) async throws -> TestResponse {
        try await app.request(.GET, "/api/v1/me/notifications", token: company.token(person))
    }

    @Test(
        "the events of a need reach the people concerned, in their language, once; never the actor, never someone who may not read it",
        arguments: TestDatabase.all)
    func fanOut(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            // MUT: raised (the offering's default assignee hears of it)
            let need = try await company.raise("开通 CRM 账号", by: company.salesEmployee, in: app)
            await app.drainJobs()
            // validate
            let agentInbox = try await Self.inbox(app, company.itAgent, company)
            #expect(agentInbox.items.map { $0["kind"] as? String } == ["need_raised"])
            #expect(agentInbox.items.first?["text"] as? String == "新需求 \(need.number)：开通 CRM 账号（王小明 提出，P3 中）")
            #expect(agentInbox.object["unread_count"] as? Int == 1)
            #expect(try await Self.inbox(app, company.salesEmployee, company).items.isEmpty, "nobody hears of their own doing")
            #expect(try await Self.inbox(app, company.itAgent2, company).items.isEmpty, "an assigned need tells its assignees only")

            // a reply and a step by the agent reach the requester
            _ = try await app.services.needs.comment(on: need.id, body: "马上处理", visibility: .public, by: company.itAgent)
            _ = try await app.services.needs.transition(need.id, .accept, by: company.itAgent)
            _ = try await app.services.needs.comment(on: need.id, body: "内部备注", visibility: .internal, by: company.itAgent)
            await app.drainJobs()
            let requesterInbox = try await Self.inbox(app, company.salesEmployee, company)
            #expect(requesterInbox.items.map { $0["kind"] as? String } == ["status_changed", "replied"])
            #expect(requesterInbox.items.first?["text"] as? String == "需求 \(need.number)：开通 CRM 账号 的状态变为“已受理”（陈工）")

            // the same fan-out again adds nothing
            let events = try await app.services.needs.needs.events(of: need.id)
            try await app.services.notifications.fanOut(.init(needID: need.id, eventIDs: events.map(\.id)))
            #expect(try await Self.inbox(app, company.salesEmployee, company).items.count == 2)
            #expect(try await Self.inbox(app, company.itAgent, company).items.count == 1)

            // one change, one line: a step taken with a reply tells of the step, once
            _ = try await app.services.needs.transition(need.id, .start, reply: "开始处理了", by: company.itAgent)
            await app.drainJobs()
            let afterStep = try await Self.inbox(app, company.salesEmployee, company)
            #expect(afterStep.items.map { $0["kind"] as? String } == ["status_changed", "status_changed", "replied"])

            // a confidential need without assignees reaches only the providing managers
            let secret = try await app.services.needs.raise(
                RaiseNeedInput(title: "安全事件", offeringID: company.confidentialOffering.id),
                by: company.salesColleague)
            await app.drainJobs()
            #expect(
                try await Self.inbox(app, company.itManager, company).items.contains { $0["need_id"] as? String == secret.id.description })
            #expect(try await Self.inbox(app, company.itAgent2, company).items.isEmpty)

            // read
            let unread = try #require(requesterInbox.items.first?["id"] as? String)
            let read = try await app.request(
                .POST, "/api/v1/me/notifications/read", token: company.token(company.salesEmployee),
                json: #"{"ids":["\#(unread)"]}"#)
            #expect(read.status == .noContent)
            #expect(try await Self.inbox(app, company.salesEmployee, company).object["unread_count"] as? Int == 2)
            _ = try await app.request(.POST, "/api/v1/me/notifications/read", token: company.token(company.salesEmployee), json: "{}")
            let after = try await app.request(.GET, "/api/v1/me/notifications?unread=true", token: company.token(company.salesEmployee))
            #expect(after.items.isEmpty && after.object["unread_count"] as? Int == 0)
            #expect(try await Self.inbox(app, company.itAgent, company).object["unread_count"] as? Int == 1, "one's reading is one's own")
        }
    }

    @Test(
        "a channel that cannot be reached never holds a need up: the delivery waits for its retry and shows its error",
        arguments: TestDatabase.all)
    func unreachableChannel(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let created = try await app.request(
                .POST, "/api/v1/departments/\(company.it.id)/channels", token: company.token(company.itManager),
                json: #"{"kind":"webhook","name":"值班系统","url":"http://127.0.0.1:9/hook","secret":"s3cret"}"#)
            #expect(created.status == .created)
            let need = try await company.raise("需要一台显示器", by: company.salesEmployee, in: app)
            let secret = try await app.services.needs.raise(
                RaiseNeedInput(title: "保密", offeringID: company.confidentialOffering.id),
                by: company.salesEmployee)
            await app.drainJobs()
            let jobs = try await app.services.jobs.jobs(state: nil, limit: 50, for: company.admin)
            let deliveries = jobs.filter { $0.kind == NotificationWorkflow.channelKind }
            #expect(deliveries.count == 1, "one delivery for the open need, none for the confidential one")
            let delivery = try #require(deliveries.first)
            #expect(delivery.state == .pending && delivery.attempts == 1)
            #expect(delivery.lastError?.isEmpty == false)
            #expect(delivery.payload.contains(need.id.description) && !delivery.payload.contains(secret.id.description))
        }
    }

    @Test("channels: a department's managers set them up; the secret is never shown; bad values are named", arguments: TestDatabase.all)
    func channels(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let path = "/api/v1/departments/\(company.it.id)/channels"
            let manager = company.token(company.itManager)
            let bad = try await app.request(
                .POST, path, token: manager, json: #"{"kind":"webhook","name":" ","url":"ftp://x","events":["replied"]}"#)
            #expect(bad.status == .unprocessableEntity)
            let fields = ((bad.object["error"] as? [String: Any])?["fields"] as? [[String: Any]] ?? []).map {
                "\($0["field"] ?? "")=\($0["reason"] ?? "-")"
            }
            #expect(fields == ["name=required", "url=url_format", "events=not_an_option"])
            let unsigned = try await app.request(
                .POST, path, token: manager, json: #"{"kind":"webhook","name":"x","url":"https://example.com/h"}"#)
            #expect(unsigned.errorField == "secret")
            #expect(
                try await app.request(
                    .POST, path, token: company.token(company.salesManager),
                    json: #"{"kind":"slack","name":"x","url":"https://hooks.slack.com/x"}"#
                ).status == .forbidden)
            let created = try await app.request(
                .POST, path, token: manager,
                json:
                    #"{"kind":"dingtalk","name":"IT 群","url":"https://oapi.dingtalk.com/robot/send?access_token=t","secret":"SEC1","events":["need_raised"]}"#
            )
            #expect(created.status == .created)
            #expect(created.object["has_secret"] as? Bool == true && created.object["secret"] == nil)
            let id = try #require(created["id"])
            let listed = try await app.request(.GET, path, token: manager)
            #expect(listed.items.count == 1 && !listed.text.contains("SEC1"))
            #expect(
                try await app.request(.PATCH, "/api/v1/channels/\(id)", token: company.token(company.hrAgent), json: #"{"name":"x"}"#)
                    .status == .notFound)
            let renamed = try await app.request(
                .PATCH, "/api/v1/channels/\(id)", token: manager, json: #"{"name":"IT 值班群","is_active":false}"#)
            #expect(renamed["name"] == "IT 值班群" && renamed.object["is_active"] as? Bool == false)
            #expect(try await app.request(.DELETE, "/api/v1/channels/\(id)", token: manager).status == .noContent)
            #expect(try await app.request(.GET, path, token: manager).items.isEmpty)
        }
    }

    @Test("each service gets its own format and signature (checked against values computed apart, in Python)")
    func channelFormats() throws {
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        func channel(_ kind: NotificationChannel.Kind, _ url: String, secret: String?) -> NotificationChannel {
            NotificationChannel(
                id: .init(UUID()), departmentID: .init(UUID()), kind: kind, name: "n", url: url, secret: secret,
                events: [.needRaised], language: .zhCN, isActive: true, createdAt: now)
        }
        let secret = "SEC-test-秘密"
        let ding = try ChannelRequest.make(
            for: channel(.dingtalk, "https://oapi.dingtalk.com/robot/send?access_token=abc", secret: secret),
            text: "新需求 <b>", event: [:], delivery: "d", at: now)
        #expect(
            ding.url
                == "https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1790000000000&sign=ppy9J5lRs17IsCQNojtt4TsdRBZWMdfe%2FPZCEhaZM3s%3D"
        )
        #expect(try JSONSerialization.jsonObject(with: ding.body) as? NSDictionary == ["msgtype": "text", "text": ["content": "新需求 <b>"]])
        let feishu = try ChannelRequest.make(
            for: channel(.feishu, "https://open.feishu.cn/open-apis/bot/v2/hook/x", secret: secret),
            text: "新需求", event: [:], delivery: "d", at: now)
        #expect(
            try JSONSerialization.jsonObject(with: feishu.body) as? NSDictionary == [
                "msg_type": "text", "content": ["text": "新需求"], "timestamp": "1790000000",
                "sign": "XHpEBUAnV8/MPE9+wKebIcbdaKn+I818xW2+Q9eontE=",
            ])
        let slack = try ChannelRequest.make(
            for: channel(.slack, "https://hooks.slack.com/services/x", secret: nil), text: "a < b & c", event: [:],
            delivery: "d", at: now)
        #expect(String(decoding: slack.body, as: UTF8.self) == #"{"text":"a &lt; b &amp; c"}"#)
        let wecom = try ChannelRequest.make(
            for: channel(.wecom, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", secret: nil), text: "新需求",
            event: [:], delivery: "d", at: now)
        #expect(wecom.url == "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k")
        #expect(String(decoding: wecom.body, as: UTF8.self) == #"{"msgtype":"text","text":{"content":"新需求"}}"#)
        let hook = try ChannelRequest.make(
            for: channel(.webhook, "https://example.com/hook", secret: secret), text: "", event: ["event": "need_raised"],
            delivery: "job-1", at: now)
        #expect(String(decoding: hook.body, as: UTF8.self) == #"{"event":"need_raised"}"#)
        #expect(hook.headers["X-Tandem-Signature"] == "sha256=ffdec1acf266e8fa94a819ecca5eb1975c7483263e9091a9aabdda61ffd2cfac")
        #expect(hook.headers["X-Tandem-Timestamp"] == "1790000000" && hook.headers["X-Tandem-Delivery"] == "job-1")
        // answers
        #expect(
            (try? ChannelRequest.accepted(.dingtalk, status: 200, body: Data(#"{"errcode":310000,"errmsg":"sign not match"}"#.utf8)).get())
                == nil)
        #expect((try? ChannelRequest.accepted(.wecom, status: 200, body: Data(#"{"errcode":0,"errmsg":"ok"}"#.utf8)).get()) != nil)
        #expect(
            (try? ChannelRequest.accepted(.feishu, status: 200, body: Data(#"{"code":19021,"msg":"sign match fail"}"#.utf8)).get()) == nil)
        #expect((try? ChannelRequest.accepted(.webhook, status: 500, body: Data()).get()) == nil)
        #expect((try? ChannelRequest.accepted(.slack, status: 200, body: Data("ok".utf8)).get()) != nil)
    }

    @Test("an e-mail is UTF-8 MIME with both parts, and a line starting with a dot cannot end it")
    func mailFormat() throws {
        let message = MailMessage(
            fromAddress: "tandem@example.com", fromName: "Tandem 协同", toAddress: "xm@example.com", toName: "王小明",
            subject: "[Tandem] 新需求", text: ".\n正文", html: "<p>正文</p>", messageID: "m1@tandem", date: Date(timeIntervalSince1970: 0))
        let rendered = message.rendered()
        #expect(rendered.contains("From: =?UTF-8?B?\(Data("Tandem 协同".utf8).base64EncodedString())?= <tandem@example.com>\r\n"))
        #expect(rendered.contains("Subject: =?UTF-8?B?\(Data("[Tandem] 新需求".utf8).base64EncodedString())?=\r\n"))
        #expect(rendered.contains("Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"))
        #expect(rendered.contains("Content-Type: text/plain; charset=UTF-8") && rendered.contains("Content-Type: text/html; charset=UTF-8"))
        #expect(rendered.contains(Data(".\n正文".utf8).base64EncodedString()))
        #expect(!rendered.split(separator: "\r\n").contains { $0.hasPrefix(".") })
    }
}
