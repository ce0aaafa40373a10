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
        let policy = try await services.policy(of: current.offeringID, for: try #require(try await app.services.organisation.store.person(current.requesterID)))
        return ServiceLevelDeadlines(try await services.derive(current, policy: policy, now: clock.now()), now: clock.now())
    }

    @Test("stored deadlines equal the ones recomputed from the history, over many generated histories; each alert is announced once", arguments: TestDatabase.all)
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
                var need = try await company.raise("历史 \(history)", by: company.salesEmployee, in: app,
                                                   urgency: Urgency.allCases.randomElement(using: &random)!,
                                                   importance: Importance.allCases.randomElement(using: &random)!)
                for _ in 0..<10 {
                    clock.advance(by: Double(Int.random(in: 1...900, using: &random)) * 60)
                    let actions = AccessPolicy.availableActions(on: need, company.itAgent) + AccessPolicy.availableActions(on: need, company.salesEmployee)
                    switch Int.random(in: 0..<5, using: &random) {
                    case 0 where !actions.isEmpty:
                        let action = actions.randomElement(using: &random)!
                        let actor = AccessPolicy.availableActions(on: need, company.itAgent).contains(action) ? company.itAgent : company.salesEmployee
                        need = try await needs.transition(need.id, action, reply: action == .askRequester || action == .reject ? "请补充" : nil, by: actor)
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

    @Test("a breach is announced once, raises the priority when the policy says so, and reaches the assignee and the providing managers", arguments: TestDatabase.all)
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
            #expect(breaches.map { $0.changes.first { $0.field == "target" }?.new } .sorted { ($0 ?? "") < ($1 ?? "") } == ["first_response", "resolution"])
            #expect(events.filter { $0.kind == .serviceLevelWarning }.count == 2)
            let raised = try #require(breaches.first { $0.changes.contains { $0.new == "resolution" } })
            #expect(raised.actorID == NeedEvent.systemActor)
            #expect(raised.changes.contains { $0.field == "priority" && $0.old == "p4" && $0.new == "p3" })
            #expect(try await app.services.needs.needs.need(need.id)?.priority == .p3)
            let managerInbox = try await app.services.notifications.inbox(for: company.itManager)
            #expect(managerInbox.filter { $0.notification.kind == .serviceLevelBreach }.count == 2)
            let agentInbox = try await app.services.notifications.inbox(for: company.itAgent)
            #expect(Set(agentInbox.map(\.notification.kind)) == [.needRaised, .serviceLevelWarning, .serviceLevelBreach])
            #expect(try await app.services.notifications.inbox(for: company.salesEmployee).isEmpty, "the requester is not told of the provider's targets")
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
