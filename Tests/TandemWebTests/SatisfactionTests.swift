import Foundation
import TandemCore
import TandemTestSupport
import Testing
import Vapor

@testable import TandemWeb

@Suite("Satisfaction ratings")
struct SatisfactionTests {
    static let start = Date(timeIntervalSince1970: 1_790_000_000)

    /// A need raised by the sales employee and resolved by the IT agent.
    static func resolvedNeed(_ app: TestApp, _ company: TestCompany, _ title: String = "开通 CRM 账号") async throws -> Need {
        let need = try await company.raise(title, by: company.salesEmployee, in: app)
        _ = try await app.services.needs.transition(need.id, .start, by: company.itAgent)
        return try await app.services.needs.transition(need.id, .resolve, by: company.itAgent)
    }

    static func rate(_ app: TestApp, _ need: Need, as person: Person, _ company: TestCompany, _ json: String) async throws -> TestResponse {
        try await app.request(.PUT, "/api/v1/needs/\(need.id)/rating", token: company.token(person), json: json)
    }

    static func inboxKinds(_ app: TestApp, _ person: Person, _ company: TestCompany) async throws -> [String] {
        try await app.request(.GET, "/api/v1/me/notifications", token: company.token(person), json: nil).items.compactMap {
            $0["kind"] as? String
        }
    }

    @Test(
        "the requester rates a resolved need once and may change it for the policy's days; nobody else rates; bad input names its fields",
        arguments: TestDatabase.all)
    func rateAndChange(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let clock = ManualClock(Self.start)
            try app.use(clock: clock)
            let company = try await TestCompany.make(in: app)
            let open = try await company.raise("还没解决", by: company.salesEmployee, in: app)
            let early = try await Self.rate(app, open, as: company.salesEmployee, company, #"{"score":5}"#)
            #expect(early.status == .conflict && early.errorField == "score", "an open need is not rated")

            let need = try await Self.resolvedNeed(app, company)
            let before = try await app.request(.GET, "/api/v1/needs/\(need.number)/rating", token: company.token(company.salesEmployee))
            #expect(before.object["can_rate"] as? Bool == true)
            #expect(before.object["rating"] is NSNull)

            // bad input: both fields at once, nothing stored
            let bad = try await Self.rate(
                app, need, as: company.salesEmployee, company, #"{"score":6,"comment":"\#(String(repeating: "长", count: 2_001))"}"#)
            #expect(bad.status == .unprocessableEntity)
            let fields = ((bad.object["error"] as? [String: Any])?["fields"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
            #expect(fields == ["score", "comment"])
            #expect(try await Self.rate(app, need, as: company.salesEmployee, company, #"{"comment":"好"}"#).errorField == "score")
            #expect(try await Self.rate(app, need, as: company.salesEmployee, company, #"{"score":"5"}"#).status == .badRequest)
            #expect(try await app.services.satisfaction.store.rating(of: need.id) == nil)

            // others: a colleague who reads it, the agent, the admin may not; another department does not even see it
            for person in [company.salesColleague, company.itAgent, company.itManager, company.admin] {
                #expect(try await Self.rate(app, need, as: person, company, #"{"score":5}"#).status == .forbidden, "\(person.login)")
            }
            #expect(try await Self.rate(app, need, as: company.hrAgent, company, #"{"score":5}"#).status == .notFound)

            // MUT: rate
            let rated = try await Self.rate(app, need, as: company.salesEmployee, company, #"{"score":4,"comment":"  很快，谢谢  "}"#)
            #expect(rated.status == .ok)
            let rating = try #require(rated.object["rating"] as? [String: Any])
            #expect(rating["score"] as? Int == 4 && rating["comment"] as? String == "很快，谢谢")
            #expect(rating["providing_department_id"] as? String == company.it.id.description)
            #expect(rating["requesting_department_id"] as? String == company.sales.id.description)
            let events = try await app.services.needs.history(of: need.id, for: company.itAgent)
            #expect(events.last?.kind == .rated && events.last?.changes == [.init(field: "score", old: nil, new: "4")])
            await app.drainJobs()
            #expect(try await Self.inboxKinds(app, company.itAgent, company).contains("rated"), "the assignee hears of it")
            #expect(try await Self.inboxKinds(app, company.itManager, company).contains("low_rating") == false)

            // change it later within the window: the first rating time stays
            clock.advance(by: 3 * 86_400)
            let changed = try await Self.rate(app, need, as: company.salesEmployee, company, #"{"score":5}"#)
            let stored = try #require(try await app.services.satisfaction.store.rating(of: need.id))
            #expect(changed.status == .ok && stored.score == 5 && stored.comment == nil)
            #expect(stored.ratedAt == Self.start && stored.updatedAt == Self.start.addingTimeInterval(3 * 86_400))
            let lastChange = try await app.services.needs.history(of: need.id, for: company.itAgent).last?.changes
            #expect(lastChange == [.init(field: "score", old: "4", new: "5")])

            // after the 14 days (counted from the later of resolution and first rating) it stays as it is
            clock.advance(by: 11 * 86_400 + 1)
            let late = try await Self.rate(app, need, as: company.salesEmployee, company, #"{"score":1}"#)
            #expect(late.status == .conflict)
            #expect(try await app.services.satisfaction.store.rating(of: need.id)?.score == 5)
            let after = try await app.request(.GET, "/api/v1/needs/\(need.id)/rating", token: company.token(company.salesEmployee))
            #expect(after.object["can_rate"] as? Bool == false)
        }
    }

    @Test(
        "a low rating tells the provider's managers by default, or reopens the need when the department chose so; only its managers choose",
        arguments: TestDatabase.all)
    func lowRatings(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let standard = try await app.request(
                .GET, "/api/v1/departments/\(company.it.id)/satisfaction-policy", token: company.token(company.salesEmployee))
            #expect(
                standard.object["on_low_rating"] as? String == "notify_managers" && standard.object["low_score"] as? Int == 2
                    && standard.object["rating_days"] as? Int == 14)

            // notify: a 2 reaches the managers; changing it to 1 does not tell them again
            let first = try await Self.resolvedNeed(app, company, "第一个")
            #expect(try await Self.rate(app, first, as: company.salesEmployee, company, #"{"score":2,"comment":"太慢了"}"#).status == .ok)
            #expect(try await Self.rate(app, first, as: company.salesEmployee, company, #"{"score":1}"#).status == .ok)
            await app.drainJobs()
            #expect(try await Self.inboxKinds(app, company.itManager, company).filter { $0 == "low_rating" }.count == 1)
            #expect(try await app.services.needs.needs.need(first.id)?.status == .resolved)

            // choosing: another department's manager may not, bad values are named, the IT manager may
            let forbidden = try await app.request(
                .PUT, "/api/v1/departments/\(company.it.id)/satisfaction-policy",
                token: company.token(company.salesManager), json: #"{"on_low_rating":"none"}"#)
            #expect(forbidden.status == .forbidden)
            let bad = try await app.request(
                .PUT, "/api/v1/departments/\(company.it.id)/satisfaction-policy",
                token: company.token(company.itManager), json: #"{"rating_days":0,"low_score":5}"#)
            let badFields = ((bad.object["error"] as? [String: Any])?["fields"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
            #expect(bad.status == .unprocessableEntity && badFields == ["rating_days", "low_score"])
            let set = try await app.request(
                .PUT, "/api/v1/departments/\(company.it.id)/satisfaction-policy",
                token: company.token(company.itManager), json: #"{"on_low_rating":"reopen","low_score":3}"#)
            #expect(set.status == .ok && set.object["on_low_rating"] as? String == "reopen" && set.object["rating_days"] as? Int == 14)

            // reopen: a 3 is low now; the need goes back to work, by the requester's own step
            let second = try await Self.resolvedNeed(app, company, "第二个")
            #expect(try await Self.rate(app, second, as: company.salesEmployee, company, #"{"score":3}"#).status == .ok)
            let reopened = try #require(try await app.services.needs.needs.need(second.id))
            #expect(reopened.status == .inProgress && reopened.resolvedAt == nil)
            let events = try await app.services.needs.history(of: second.id, for: company.itAgent).suffix(2)
            #expect(events.map(\.kind) == [.rated, .transitioned])
            #expect(events.first?.changes.contains(.init(field: "low_rating", old: nil, new: "reopen")) == true)
            #expect(events.allSatisfy { $0.actorID == company.salesEmployee.id })
            // while it is worked again it cannot be rated; resolved again, the rating may change
            #expect(try await Self.rate(app, second, as: company.salesEmployee, company, #"{"score":5}"#).status == .conflict)
            _ = try await app.services.needs.transition(second.id, .resolve, by: company.itAgent)
            #expect(try await Self.rate(app, second, as: company.salesEmployee, company, #"{"score":5}"#).status == .ok)
            #expect(try await app.services.needs.needs.need(second.id)?.status == .resolved)
        }
    }

    @Test(
        "a rating link rates once without signing in, shows the need in the requester's language, and is refused when forged, used or expired",
        arguments: TestDatabase.all)
    func ratingLinks(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let clock = ManualClock(Self.start)
            try app.use(clock: clock)
            let company = try await TestCompany.make(in: app)
            let need = try await Self.resolvedNeed(app, company)
            #expect(try await app.services.satisfaction.issueLink(for: need, to: company.itAgent) == nil, "only for the requester")
            let (token, link) = try #require(try await app.services.satisfaction.issueLink(for: need, to: company.salesEmployee))
            #expect(link.expiresAt == Self.start.addingTimeInterval(14 * 86_400))

            // the page: no sign-in, the clicked score chosen, nothing recorded by opening it
            let browser = TestBrowser(app, acceptLanguage: "en")
            let page = try await browser.get("/rate/\(token)?score=4")
            #expect(page.status == .ok)
            #expect(page.element("rate-need-title") == "开通 CRM 账号")
            #expect(page.text.contains("您对这次服务满意吗？"), "in the requester's language, not the browser's")
            #expect(page.text.contains(#"id="score-4" checked"#))
            #expect(try await app.services.satisfaction.store.rating(of: need.id) == nil)

            // a forged token and a form without its CSRF token change nothing
            let forged = String(token.dropLast(3)) + "abc"
            #expect(try await browser.post("/rate/\(forged)", [("score", "1")]).status == .notFound)
            #expect(try await browser.post("/rate/\(token)", [("score", "1")], csrf: false).status == .forbidden)
            #expect(try await browser.post("/rate/\(token)", [("comment", "忘了选分")]).status == .unprocessableEntity)
            #expect(try await app.services.satisfaction.store.rating(of: need.id) == nil)

            // MUT: rate through the link
            let done = try await browser.post("/rate/\(token)", [("score", "4"), ("comment", "不错")])
            #expect(done.status == .ok && done.element("rate-message") == "谢谢您的评价！提供部门会看到它。")
            let rating = try #require(try await app.services.satisfaction.store.rating(of: need.id))
            #expect(rating.score == 4 && rating.comment == "不错" && rating.raterID == company.salesEmployee.id)

            // once only
            let again = try await browser.post("/rate/\(token)", [("score", "1")])
            #expect(again.status == .conflict && again.text.contains("这个评价链接已经用过了"), "in the requester's language")
            #expect(try await app.services.satisfaction.store.rating(of: need.id)?.score == 4)
            let api = try await app.request(.POST, "/api/v1/rating-links/\(token)", json: #"{"score":1}"#)
            #expect(api.status == .conflict)

            // an unused link past its days has expired
            let (second, _) = try #require(try await app.services.satisfaction.issueLink(for: need, to: company.salesEmployee))
            clock.advance(by: 14 * 86_400)
            let expired = try await browser.get("/rate/\(second)?score=5")
            #expect(expired.status == .conflict && expired.text.contains("这个评价链接已过期"))
            let unknown = try await browser.get("/rate/not-a-token")
            #expect(
                unknown.status == .notFound && unknown.text.contains("This rating link is not valid"), "unknown: the browser's language")
        }
    }

    @Test(
        "the need's page shows the rating form to the requester, names a missing score, and shows the stars to the provider",
        arguments: TestDatabase.all)
    func needPage(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let need = try await Self.resolvedNeed(app, company)
            let requester = TestBrowser(app)
            try await requester.signIn(company.salesEmployee.login)
            let page = try await requester.get("/needs/\(need.number)")
            #expect(page.text.contains(#"id="rating-form""#))

            let missing = try await requester.post("/needs/\(need.number)/rating", [("comment", "还行")])
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.element("score-error") == "此项必填")
            #expect(missing.text.contains(">还行</textarea>"), "the comment is kept")

            let saved = try await requester.post("/needs/\(need.number)/rating", [("score", "2"), ("comment", "等了很久")])
            #expect(saved.status == .seeOther)
            let agent = TestBrowser(app)
            try await agent.signIn(company.itAgent.login)
            let seen = try await agent.get("/needs/\(need.number)")
            #expect(seen.element("rating-stars") == "★★☆☆☆" && seen.element("rating-label") == "不满意")
            #expect(seen.element("rating-comment-text") == "等了很久")
            #expect(!seen.text.contains(#"id="rating-form""#))
            #expect(seen.text.contains("低分处理: — → 通知本部门经理"))
        }
    }

    @Test(
        "a department's managers set its rating policy on its catalog page; bad values are named; other managers cannot",
        arguments: TestDatabase.all)
    func policyPage(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let manager = TestBrowser(app)
            try await manager.signIn(company.itManager.login)
            let page = try await manager.get("/admin/catalog?department=\(company.it.id)")
            #expect(page.element("satisfaction-summary") == "需求解决后 14 天内可以评价；2 星及以下为低分，低分时：通知本部门经理。")

            let bad = try await manager.post(
                "/admin/catalog/satisfaction",
                [
                    ("department", company.it.id.description), ("rating_days", "abc"), ("low_score", "9"), ("on_low_rating", "reopen"),
                ])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.element("rating-days-error") == "请填写数字")
            #expect(bad.element("low-score-error") == "须在 1 到 4 之间")
            #expect(bad.text.contains(#"value="abc""#), "what was typed is kept")
            #expect(try await app.services.satisfaction.store.policy(of: company.it.id) == nil)

            let saved = try await manager.post(
                "/admin/catalog/satisfaction",
                [
                    ("department", company.it.id.description), ("rating_days", "7"), ("low_score", "3"), ("on_low_rating", "reopen"),
                ])
            #expect(saved.status == .seeOther)
            #expect(
                try await app.services.satisfaction.store.policy(of: company.it.id)
                    == SatisfactionPolicy(ratingDays: 7, lowScore: 3, onLowRating: .reopen))

            // the sales manager sees IT's rules as text only, and a forged form changes nothing
            let other = TestBrowser(app)
            try await other.signIn(company.salesManager.login)
            let seen = try await other.get("/admin/catalog?department=\(company.it.id)")
            #expect(seen.element("satisfaction-summary") == "需求解决后 7 天内可以评价；3 星及以下为低分，低分时：重新打开需求。")
            #expect(!seen.text.contains("satisfaction-save"))
            let forged = try await other.post(
                "/admin/catalog/satisfaction",
                [
                    ("department", company.it.id.description), ("rating_days", "90"), ("low_score", "1"), ("on_low_rating", "none"),
                ])
            #expect(forged.status == .forbidden)
            #expect(try await app.services.satisfaction.store.policy(of: company.it.id)?.ratingDays == 7)
        }
    }
}
