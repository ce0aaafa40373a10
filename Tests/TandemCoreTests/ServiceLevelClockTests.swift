import Foundation
import TandemCore
import Testing

@Suite("Service-level clocks")
struct ServiceLevelClockTests {
    static let requester = Person.ID(UUID())
    static let colleague = Person.ID(UUID())
    static let agent = Person.ID(UUID())
    static let policy = try! ServiceLevelPolicy(
        mode: .business,
        targets: [
            .p1: ServiceLevelTargets(firstResponseMinutes: 15, resolutionMinutes: 60),
            .p3: ServiceLevelTargets(firstResponseMinutes: 60, resolutionMinutes: 480),
        ])

    /// A need's history written as lines: `"2026-01-05 09:00 raised"`, `"… agent start"`,
    /// `"… colleague reply"`, `"… agent note"`, `"… requester respond"`.
    static func history(_ lines: [String]) -> [NeedEvent] {
        let need = Need.ID(UUID())
        let statusAfter: [String: NeedStatus] = [
            "accept": .accepted, "start": .inProgress, "ask_requester": .waitingOnRequester, "respond": .inProgress,
            "resolve": .resolved, "close": .closed, "reopen": .inProgress, "reject": .rejected,
        ]
        return lines.map { line in
            let parts = line.split(separator: " ").map(String.init)
            let at = BusinessClockTests.at("\(parts[0]) \(parts[1])")
            if parts[2] == "raised" {
                return NeedEvent(
                    id: .init(UUID()), needID: need, actorID: requester, at: at, kind: .raised,
                    changes: [.init(field: "status", old: nil, new: "new")])
            }
            let actor = ["agent": agent, "colleague": colleague, "requester": requester][parts[2]]!
            switch parts[3] {
            case "reply": return NeedEvent(id: .init(UUID()), needID: need, actorID: actor, at: at, kind: .replied)
            case "note": return NeedEvent(id: .init(UUID()), needID: need, actorID: actor, at: at, kind: .noted, visibility: .internal)
            default:
                return NeedEvent(
                    id: .init(UUID()), needID: need, actorID: actor, at: at, kind: .transitioned,
                    changes: [.init(field: "status", old: nil, new: statusAfter[parts[3]]!.rawValue)])
            }
        }
    }

    static func clock(_ lines: [String], priority: Priority = .p3, now: String, policy: ServiceLevelPolicy = policy) -> ServiceLevelClock {
        ServiceLevelClock.derive(
            events: history(lines), priority: priority, providers: [agent], policy: policy,
            calendar: .mainlandChina2026, now: BusinessClockTests.at(now))
    }

    @Test func firstResponseIsTheProvidersFirstPublicReplyOrStep() throws {
        // a colleague's reply and the agent's internal note do not count; the agent's reply does,
        // and a later step does not move it
        let clock = Self.clock(
            [
                "2026-01-05 09:00 raised", "2026-01-05 09:10 colleague reply", "2026-01-05 09:20 agent note",
                "2026-01-05 09:40 agent reply", "2026-01-05 11:00 agent start",
            ], now: "2026-01-05 15:00")
        let response = try #require(clock.firstResponse)
        #expect(response.achievedAt == BusinessClockTests.at("2026-01-05 09:40"))
        #expect(response.usedSeconds == 40 * 60)
        #expect(response.state == .met)
        #expect(response.dueAt == BusinessClockTests.at("2026-01-05 10:00"))
    }

    @Test func firstResponseLateIsBreachedEvenOnceGiven() throws {
        let clock = Self.clock(["2026-01-05 11:30 raised", "2026-01-05 14:10 agent accept"], now: "2026-01-05 15:00")
        let response = try #require(clock.firstResponse)
        #expect(response.usedSeconds == 70 * 60)  // 11:30–12:00 and 13:30–14:10: the lunch break does not count
        #expect(response.state == .breached)
    }

    @Test func waitingOnTheRequesterPausesTheClock() throws {
        let lines = ["2026-01-05 09:00 raised", "2026-01-05 09:30 agent start", "2026-01-05 10:00 agent ask_requester"]
        let waiting = try #require(Self.clock(lines, now: "2026-01-05 17:00").resolution)
        #expect(waiting.state == .paused)
        #expect(waiting.usedSeconds == 60 * 60)
        let resumed = try #require(Self.clock(lines + ["2026-01-06 09:00 requester respond"], now: "2026-01-06 10:00").resolution)
        #expect(resumed.usedSeconds == 120 * 60)
        #expect(resumed.dueAt == BusinessClockTests.at("2026-01-06 17:30"))
        #expect(resumed.state == .running)
    }

    @Test func reopeningResumesWithoutResetting() throws {
        let lines = ["2026-01-05 09:00 raised", "2026-01-05 09:10 agent start", "2026-01-05 11:00 agent resolve"]
        let resolved = try #require(Self.clock(lines + ["2026-01-05 15:00 requester close"], now: "2026-01-06 12:00").resolution)
        #expect(resolved.state == .met)
        #expect(resolved.achievedAt == BusinessClockTests.at("2026-01-05 11:00"))  // resolved, not closed
        #expect(resolved.usedSeconds == 120 * 60)
        let reopened = try #require(Self.clock(lines + ["2026-01-07 09:00 requester reopen"], now: "2026-01-07 10:00").resolution)
        #expect(reopened.achievedAt == nil)
        #expect(reopened.usedSeconds == 180 * 60)
        #expect(reopened.dueAt == BusinessClockTests.at("2026-01-07 16:30"))
    }

    @Test func aRaisedPriorityRecomputesTargetsFromTheStart() throws {
        let lines = ["2026-01-05 09:00 raised", "2026-01-05 09:05 agent start"]
        let asP3 = try #require(Self.clock(lines, priority: .p3, now: "2026-01-05 10:30").resolution)
        #expect(asP3.state == .running)
        let asP1 = try #require(Self.clock(lines, priority: .p1, now: "2026-01-05 10:30").resolution)
        #expect(asP1.targetMinutes == 60)
        #expect(asP1.dueAt == BusinessClockTests.at("2026-01-05 10:00"))
        #expect(asP1.state == .breached)
    }

    @Test func warningBeforeTheBreach() throws {
        // 480 minutes; 80% is 384: Monday 09:00 to 17:00 is 390 working minutes
        let resolution = try #require(Self.clock(["2026-01-05 09:00 raised"], now: "2026-01-05 17:00").resolution)
        #expect(resolution.state == .warning)
        #expect(resolution.leftSeconds == 90 * 60)
    }

    @Test func calendarMinutesRunOnWeekends() throws {
        let policy = try ServiceLevelPolicy(
            mode: .calendar, targets: [.p3: ServiceLevelTargets(firstResponseMinutes: 60, resolutionMinutes: nil)])
        let clock = Self.clock(["2026-01-10 10:00 raised"], now: "2026-01-10 10:30", policy: policy)
        #expect(clock.firstResponse?.dueAt == BusinessClockTests.at("2026-01-10 11:00"))
        #expect(clock.resolution == nil)
    }

    // The rules for a need that ends unserved (docs/SERVICE-LEVELS.md): a rejection is a response;
    // a stop inside a target is neither met nor missed; a stop after it is missed; no alert after.

    @Test func withdrawnBeforeAnyResponseStopsBothClocksInTime() throws {
        let lines = ["2026-01-05 09:00 raised", "2026-01-05 09:30 requester close"]
        let clock = Self.clock(lines, now: "2026-01-09 17:00")  // days later: the clocks must not have run on
        let response = try #require(clock.firstResponse), resolution = try #require(clock.resolution)
        #expect(response.state == .stopped)
        #expect(response.usedSeconds == 30 * 60)
        #expect(response.stoppedAt == BusinessClockTests.at("2026-01-05 09:30"))
        #expect(resolution.state == .stopped)
        #expect(ServiceLevelDeadlines.alerts(clock, of: Need.ID(UUID())).isEmpty)
        let deadlines = ServiceLevelDeadlines(clock, now: BusinessClockTests.at("2026-01-09 17:00"))
        #expect(deadlines.responseDueAt == nil && deadlines.resolutionDueAt == nil && deadlines.checkAt == nil)
        let outcome = Self.outcome(lines, now: "2026-01-09 17:00")
        #expect(outcome.responseMet == nil)
        #expect(outcome.resolutionMet == nil)
    }

    @Test func withdrawnAfterTheResponseTargetIsMissedButNotAnnounced() throws {
        // 60 minutes to respond: withdrawn at 10:30, 90 working minutes after raising
        let lines = ["2026-01-05 09:00 raised", "2026-01-05 10:30 requester close"]
        let clock = Self.clock(lines, now: "2026-01-06 10:00")
        #expect(clock.firstResponse?.state == .breached)
        #expect(clock.firstResponse.map(\.usedSeconds) == TimeInterval(90 * 60))
        #expect(clock.resolution?.state == .stopped)
        #expect(ServiceLevelDeadlines.alerts(clock, of: Need.ID(UUID())).isEmpty)
        let outcome = Self.outcome(lines, now: "2026-01-06 10:00")
        #expect(outcome.responseMet == false)
        #expect(outcome.resolutionMet == nil)
    }

    @Test func aRejectionIsAResponseAndNeverAResolutionMet() throws {
        // rejected at 16:50, 20 minutes before the 480-minute resolution target runs out
        let lines = ["2026-01-05 09:00 raised", "2026-01-05 16:50 agent reject"]
        let clock = Self.clock(lines, now: "2026-01-07 12:00")
        #expect(clock.firstResponse?.state == .breached)  // 60 minutes to respond: the rejection came late
        #expect(clock.firstResponse?.achievedAt == BusinessClockTests.at("2026-01-05 16:50"))
        let resolution = try #require(clock.resolution)
        #expect(resolution.state == .stopped, "a rejection just before the breach is not 'met'")
        #expect(resolution.achievedAt == nil)
        #expect(Self.outcome(lines, now: "2026-01-07 12:00").resolutionMet == nil)
        // rejected after the resolution target ran out: missed
        let late = ["2026-01-05 09:00 raised", "2026-01-05 09:10 agent start", "2026-01-06 11:00 agent reject"]
        #expect(Self.clock(late, now: "2026-01-07 12:00").resolution?.state == .breached)
        #expect(Self.outcome(late, now: "2026-01-07 12:00").resolutionMet == false)
    }

    @Test func resolvedThenClosedIsStillMetAndReopenedRunsAgain() throws {
        let lines = [
            "2026-01-05 09:00 raised", "2026-01-05 09:10 agent start", "2026-01-05 11:00 agent resolve",
            "2026-01-05 15:00 requester close",
        ]
        #expect(Self.clock(lines, now: "2026-01-06 12:00").resolution?.state == .met)
        #expect(Self.outcome(lines, now: "2026-01-06 12:00").resolutionMet == true)
        let rejected = ["2026-01-05 09:00 raised", "2026-01-05 09:10 agent reject", "2026-01-05 10:00 requester reopen"]
        let reopened = try #require(Self.clock(rejected, now: "2026-01-05 11:00").resolution)
        #expect(reopened.state == .running)
        #expect(reopened.stoppedAt == nil)
    }

    static func outcome(_ lines: [String], priority: Priority = .p3, now: String) -> ServiceLevelOutcome {
        let events = history(lines)
        let clock = ServiceLevelClock.derive(
            events: events, priority: priority, providers: [agent], policy: policy,
            calendar: .mainlandChina2026, now: BusinessClockTests.at(now))
        return ServiceLevelOutcome.derive(
            events: events, clock: clock, providers: [agent], policy: policy,
            calendar: .mainlandChina2026, now: BusinessClockTests.at(now))
    }

    @Test func policiesAreChecked() {
        #expect(throws: TandemError.self) { try ServiceLevelPolicy(mode: .business, targets: [:], warningPercent: 100) }
        #expect(throws: TandemError.self) {
            try ServiceLevelPolicy(mode: .business, targets: [.p1: ServiceLevelTargets(firstResponseMinutes: 0, resolutionMinutes: 5)])
        }
        #expect(throws: TandemError.self) { try ServiceLevelPolicy(mode: .business, targets: [:], pausingStatuses: [.inProgress]) }
    }
}
