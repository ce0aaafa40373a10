import Foundation
import TandemCore
import TandemTestSupport
import Testing

@testable import TandemWeb

@Suite("What a need's page says: names, not ids; confirmations that name their action")
struct NeedPageWordsTests {
    @Test("the history names a strategic goal; a confirmation names the action and the need; offerings are 启用/停用")
    func words() async throws {
        try await withTestApp(.sqlite) { app in
            let company = try await TestCompany.make(in: app)
            let goal = try await app.services.goals.create(GoalInput(title: "降本增效", weight: 50), by: company.admin)
            let need = try await company.raise("开通 CRM 账号", by: company.salesEmployee, in: app)
            var patch = NeedPatch()
            patch.strategicGoalID = .some(goal.id)
            _ = try await app.services.needs.update(need.id, patch, by: company.itManager)

            let browser = TestBrowser(app)
            _ = try await browser.signIn(company.itAgent.login)
            let page = try await browser.get("/needs/\(need.number)")
            #expect(page.status == .ok)
            let timeline = try #require(page.text.components(separatedBy: "id=\"timeline\"").last?.components(separatedBy: "</ol>").first)
            #expect(timeline.contains("— → 降本增效"), "the goal by its title")
            #expect(!timeline.contains(goal.id.description), "never its id")
            _ = try await app.services.needs.transition(need.id, .accept, by: company.itAgent)
            let accepted = try await browser.get("/needs/\(need.number)")
            let history = try #require(
                accepted.text.components(separatedBy: "id=\"timeline\"").last?.components(separatedBy: "</ol>").first)
            #expect(history.contains("受理了需求") && history.contains("新提出 → 已受理"), "a sentence, and the status it moved")
            #expect(!history.contains("操作") && !history.contains("— → 受理"), "not the step as a field")
            #expect(page.text.contains("data-confirm=\"确定要“拒绝”需求 \(need.number) 吗？\""), "the confirmation names what it confirms")

            _ = try await browser.signIn(company.admin.login)
            let catalog = try await browser.get("/admin/catalog?department=\(company.it.id)")
            #expect(catalog.status == .ok && catalog.text.contains("<td>启用</td>"))
            #expect(!catalog.text.contains("在职"))
        }
    }
}
