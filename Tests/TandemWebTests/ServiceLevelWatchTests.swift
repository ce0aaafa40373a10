import Foundation
import TandemCore
import TandemTestSupport
import Testing

@testable import TandemWeb

@Suite("Service-level watch")
struct ServiceLevelWatchTests {
    /// Monday 2026-03-02 09:00 in Shanghai: a working morning.
    static let start = Date(timeIntervalSince1970: 1_772_413_200)

    static func deadlines(_ app: TestApp, _ need: Need, _ clock: ManualClock) async throws -> ServiceLevelDeadlines {
        let services = app.services.serviceLevels
        let current = try #require(try await app.services.needs.needs.need(need.id))
        let policy = try await services.policy(
            of: current.offeringID, for: try #require(try await app.services.organisation.store.person(current.requesterID)))
        return ServiceLevelDeadlines(try await services.derive(current, policy: policy, now: clock.now()), now: clock.now())
    }

    @Test(
        "stored deadlines equal the ones recomputed from the history, over many generated histories; each alert is announced once",
        arguments: TestDatabase.all)
    func generatedHistories(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let clock = ManualClock(Self.start)
            try app.use(clock: clock)
            let company = try await TestCompany.make(in: app)
            let needs = app.services.needs
            var random = SeededGenerator(seed: 20_261_130)
            var compared = 0
            var announced = 0
            for history in 0..<12 {
                var need = try await company.raise(
                    "历史 \(history)", by: company.salesEmployee, in: app,
                    urgency: Urgency.allCases.randomElement(using: &random)!,
                    importance: Importance.allCases.randomElement(using: &random)!)
                for _ in 0..<10 {
                    clock.advance(by: Double(Int.random(in: 1...900, using: &random)) * 60)
                    let actions =
                        AccessPolicy.availableActions(on: need, company.itAgent)
                        + AccessPolicy.availableActions(on: need, company.salesEmployee)
                    switch Int.random(in: 0..<5, using: &random) {
                    case 0 where !actions.isEmpty:
                        let action = actions.randomElement(using: &random)!
                        let actor =
                            AccessPolicy.availableActions(on: need, company.itAgent).contains(action)
                            ? company.itAgent : company.salesEmployee
                        need = try await needs.transition(
                            need.id, action, reply: action == .askRequester || action == .reject ? "请补充" : nil, by: actor)
                    case 1:
                        _ = try await needs.comment(on: need.id, body: "进展", visibility: .public, by: company.itAgent)
                    case 2:
                        var patch = NeedPatch()
                        patch.urgency = Urgency.allCases.randomElement(using: &random)!
                        need = (try? await needs.update(need.id, patch, by: company.itAgent)) ?? need
                    default:
                        break  // only time passes; the watcher looks
                    }
                    let due = try await app.services.serviceLevels.dueRefreshes()
                    try await app.services.jobs.store.enqueue(due)
                    await app.drainJobs()
                    need = try #require(try await needs.needs.need(need.id))
                    // validate: what is stored is what the history gives now
                    let stored = try #require(try await app.services.serviceLevels.store.deadlines(of: need.id))
                    #expect(stored == (try await Self.deadlines(app, need, clock)), "history \(history)")
                    compared += 1
                }
                let events = try await needs.needs.events(of: need.id)
                announced += events.filter { $0.kind == .serviceLevelWarning || $0.kind == .serviceLevelBreach }.count
                for target in ServiceLevelTarget.allCases {
                    for kind in [NeedEvent.Kind.serviceLevelWarning, .serviceLevelBreach] {
                        let count = events.filter { $0.kind == kind && $0.changes.contains { $0.new == target.rawValue } }.count
                        #expect(count <= 1, "history \(history): \(kind) of \(target) announced \(count) times")
                    }
                }
                // a refresh run again announces nothing new
                try await app.services.serviceLevels.refresh(need.id)
                #expect(try await needs.needs.events(of: need.id).count == events.count)
            }
            #expect(compared == 120)
            #expect(announced >= 12, "the histories run into warnings and breaches (\(announced))")
        }
    }

    @Test(
        "a breach is announced once, raises the priority when the policy says so, and reaches the assignee and the providing managers",
        arguments: TestDatabase.all)
    func breach(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let clock = ManualClock(Self.start)
            try app.use(clock: clock)
            let company = try await TestCompany.make(in: app)
            var policy = ServiceLevelPolicy.standard
            policy.raisePriorityOnBreach = true
            _ = try await app.services.serviceLevels.setPolicy(policy, of: nil, by: company.admin)
            let need = try await company.raise("打印机坏了", by: company.salesEmployee, in: app, urgency: .low, importance: .low)
            #expect(need.priority == .p4)
            await app.drainJobs()
            let stored = try #require(try await app.services.serviceLevels.store.deadlines(of: need.id))
            let resolutionDue = try #require(stored.resolutionDueAt)
            #expect(stored.responseDueAt != nil && stored.checkAt != nil)
            // MUT: past the resolution target (the response target too), twice
            clock.set(resolutionDue.addingTimeInterval(4 * 86_400))  // NB: business time runs only in working hours
            for _ in 0..<2 {
                try await app.services.jobs.store.enqueue(try await app.services.serviceLevels.dueRefreshes())
                await app.drainJobs()
            }
            // validate
            let events = try await app.services.needs.needs.events(of: need.id)
            let breaches = events.filter { $0.kind == .serviceLevelBreach }
            #expect(
                breaches.map { $0.changes.first { $0.field == "target" }?.new }.sorted { ($0 ?? "") < ($1 ?? "") } == [
                    "first_response", "resolution",
                ])
            #expect(events.filter { $0.kind == .serviceLevelWarning }.count == 2)
            let raised = try #require(breaches.first { $0.changes.contains { $0.new == "resolution" } })
            #expect(raised.actorID == NeedEvent.systemActor)
            #expect(raised.changes.contains { $0.field == "priority" && $0.old == "p4" && $0.new == "p3" })
            #expect(try await app.services.needs.needs.need(need.id)?.priority == .p3)
            let managerInbox = try await app.services.notifications.inbox(for: company.itManager)
            #expect(managerInbox.filter { $0.notification.kind == .serviceLevelBreach }.count == 2)
            let agentInbox = try await app.services.notifications.inbox(for: company.itAgent)
            #expect(Set(agentInbox.map(\.notification.kind)) == [.needRaised, .serviceLevelWarning, .serviceLevelBreach])
            #expect(
                try await app.services.notifications.inbox(for: company.salesEmployee).isEmpty,
                "the requester is not told of the provider's targets")
            let after = try #require(try await app.services.serviceLevels.store.deadlines(of: need.id))
            #expect(after.checkAt == nil || after.checkAt! > clock.now())
        }
    }
}

@Suite("Service level on the pages")
struct ServiceLevelPageTests {
    @Test("the need page shows both clocks; the queue sorts by due time and marks what is due soon or overdue", arguments: TestDatabase.all)
    func pages(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let clock = ManualClock(ServiceLevelWatchTests.start)
            try app.use(clock: clock)
            let company = try await TestCompany.make(in: app)
            let urgent = try await company.raise("紧急", by: company.salesEmployee, in: app, urgency: .critical, importance: .critical)
            clock.advance(by: 60)
            let calm = try await company.raise("不急", by: company.salesEmployee, in: app, urgency: .low, importance: .low)
            clock.advance(by: 60)
            let later = try await company.raise("一般", by: company.salesEmployee, in: app)
            await app.drainJobs()
            let agent = TestBrowser(app)
            try await agent.signIn(company.itAgent.login)
            let page = try await agent.get("/needs/\(urgent.number)")
            #expect(page.status == .ok)
            #expect(page.text.contains("id=\"service-level\"") && page.text.contains("首次响应") && page.text.contains("30分"))
            #expect(page.text.contains("clock-running"))
            // MUT: sorted by due time, the P1 first, then the P3, then the P4
            let queue = try await agent.get("/queue?sort=due")
            let order = queue.text.matches(of: /href="\/needs\/(N-[0-9-]+)">N-/).map { String($0.1) }
            #expect(order == [urgent, later, calm].map(\.number.description))
            // past the P1's resolution warning share: marked due soon; past its due time: overdue
            let deadlines = try #require(try await app.services.serviceLevels.store.deadlines(of: urgent.id))
            clock.set(try #require(deadlines.resolutionWarningAt).addingTimeInterval(1))
            #expect(try await agent.get("/queue?sort=due").text.contains("due-warning"))
            clock.set(try #require(deadlines.resolutionDueAt).addingTimeInterval(1))
            let overdue = try await agent.get("/queue?sort=due")
            #expect(overdue.text.contains("due-breached") && overdue.text.contains("已超时"))
            // the API pages through the same order
            var seen: [String] = []
            var cursor: String?
            repeat {
                let path = "/api/v1/needs?sort=due&limit=1" + (cursor.map { "&cursor=\($0)" } ?? "")
                let answer = try await app.request(.GET, path, token: company.token(company.itAgent))
                seen += answer.items.compactMap { $0["number"] as? String }
                cursor = answer.object["next_cursor"] as? String
            } while cursor != nil
            #expect(seen == order)
        }
    }
}

@Suite("Service-level administration pages")
struct ServiceLevelAdminPageTests {
    @Test(
        "a manager edits the department's calendar and an offering's targets; mistakes are named by field and line; the needs are looked at again",
        arguments: TestDatabase.all)
    func calendarAndPolicy(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let need = try await company.raise("要重算", by: company.salesEmployee, in: app)
            await app.drainJobs()
            let manager = TestBrowser(app)
            try await manager.signIn(company.itManager.login)
            let page = try await manager.get("/admin/service-levels")
            #expect(page.status == .ok)
            #expect(page.text.contains("国庆节") && page.text.contains("value=\"09:00-12:00, 13:30-18:00\""))
            var fields: [(String, String)] = [
                ("department", company.it.id.description), ("name", "信息技术部日历"), ("time_zone", "Asia/Shanghai"),
            ]
            for day in ["monday", "tuesday", "wednesday", "thursday", "friday"] {
                fields.append(("hours_\(day)", "09:00-12:00, 13:30-18:00"))
            }
            // MUT: two mistakes at once
            let bad = try await manager.post(
                "/admin/service-levels/calendar",
                fields.map { $0.0 == "hours_monday" ? ($0.0, "9-12") : $0 }
                    + [("holidays", "2026-10-01..2026-10-03 国庆节\n十月一日 国庆"), ("make_up_workdays", "2026-09-27 周一")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("请写成 09:00-12:00, 13:30-18:00 这样的时间段") && bad.text.contains("第 2 行的格式不对"))
            #expect(bad.text.contains("十月一日 国庆"), "what was typed stays")
            let good = try await manager.post(
                "/admin/service-levels/calendar",
                fields
                    + [("holidays", "2026-10-01..2026-10-03 国庆节"), ("make_up_workdays", "2026-09-27 周一")])
            #expect(good.status == .seeOther)
            let calendar = try await app.services.serviceLevels.calendar(of: company.it.id, for: company.itManager)
            #expect(calendar.name == "信息技术部日历" && calendar.weeklyHours[.saturday] == nil && calendar.weeklyHours[.monday]?.count == 2)
            #expect(calendar.holidays.keys.sorted().map(\.description) == ["2026-10-01", "2026-10-02", "2026-10-03"])
            #expect(calendar.makeUpWorkdays == [CalendarDate("2026-09-27")!: .monday])
            let rechecked = try await app.services.serviceLevels.store.needsToCheck(at: Date(), limit: 10).map(\.need)
            #expect(rechecked.contains(need.id), "the department's open needs are looked at again")
            // the targets of an offering
            let offering = company.accountOffering.id.description
            let targets: [(String, String)] = [
                ("department", company.it.id.description), ("offering", offering), ("mode", "business"),
                ("first_response_p1", "15"), ("resolution_p1", "120"), ("warning_percent", "75"),
                ("pausing_statuses", "waiting_on_requester"), ("raise_priority_on_breach", "on"),
            ]
            let wrong = try await manager.post("/admin/service-levels/policy", targets.map { $0.0 == "resolution_p1" ? ($0.0, "两小时") : $0 })
            #expect(wrong.status == .unprocessableEntity && wrong.text.contains("请填写数字"))
            #expect(try await manager.post("/admin/service-levels/policy", targets).status == .seeOther)
            let policy = try await app.services.serviceLevels.policy(of: company.accountOffering.id, for: company.itManager)
            #expect(
                policy.targets[.p1] == ServiceLevelTargets(firstResponseMinutes: 15, resolutionMinutes: 120) && policy.targets[.p2] == nil)
            #expect(policy.warningPercent == 75 && policy.raisePriorityOnBreach && policy.pausingStatuses == [.waitingOnRequester])
            // targets in hours and working days; the page shows them so, and saved unchanged they stay
            let day = try await app.services.serviceLevels.calendar(of: company.it.id, for: company.itManager).workingDayMinutes
            let inUnits =
                targets + [
                    ("first_response_p2", "２"), ("first_response_p2_unit", "hours"), ("resolution_p2", "1.5"),
                    ("resolution_p2_unit", "days"),
                    ("resolution_p3", "3"), ("resolution_p3_unit", "days"), ("first_response_p3", "0.5"),
                    ("first_response_p3_unit", "hours"),
                ]
            #expect(try await manager.post("/admin/service-levels/policy", inUnits).status == .seeOther)
            let inMinutes = try await app.services.serviceLevels.policy(of: company.accountOffering.id, for: company.itManager)
            #expect(inMinutes.targets[.p2] == ServiceLevelTargets(firstResponseMinutes: 120, resolutionMinutes: day * 3 / 2))
            #expect(inMinutes.targets[.p3] == ServiceLevelTargets(firstResponseMinutes: 30, resolutionMinutes: day * 3))
            let shown = try await manager.get("/admin/service-levels?department=\(company.it.id)&offering=\(offering)")
            #expect(
                shown.text.contains(#"id="resolution_p3" value="3""#) && shown.text.contains(#"<option value="days" selected>天</option>"#))
            let fractional = try await manager.post(
                "/admin/service-levels/policy", targets + [("resolution_p4", "0.001"), ("resolution_p4_unit", "hours")])
            #expect(fractional.status == .unprocessableEntity && fractional.text.contains("整分钟"))
            // an .ics file
            let ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270101\r\nSUMMARY:元旦\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
            let imported = try await manager.postMultipart(
                "/admin/service-levels/calendar/import", [("department", company.it.id.description)],
                files: [("file", "holidays.ics", "text/calendar", Data(ics.utf8))])
            #expect(imported.status == .ok && imported.element("sla-imported") == "已导入 1 天。")
            // who may not
            let sales = TestBrowser(app)
            try await sales.signIn(company.salesManager.login)
            #expect(try await sales.get("/admin/service-levels").status == .forbidden)
            #expect(try await manager.get("/admin/service-levels?department=company").status == .forbidden)
            #expect(try await sales.post("/admin/service-levels/policy", targets).status == .forbidden)
        }
    }
}
