import Foundation
import Testing

@testable import TandemCore

@Suite("Planning: score, capacity planner, plan against actual")
struct PlanningTests {
    static let now = Fixtures.epoch
    static let requester = Fixtures.person(1, Fixtures.sales, [.employee])

    static func need(_ sequence: Int, _ priority: Priority, hours: Decimal?, daysAgo: Double = 0) -> Need {
        var need = Fixtures.need(requester: requester)
        need.id = .init(UUID(number: sequence))
        need.number = NeedNumber(year: 2026, sequence: sequence)
        need.title = "need \(sequence)"
        need.priority = priority
        need.effortHours = hours
        need.createdAt = now.addingTimeInterval(-daysAgo * 86_400)
        return need
    }

    @Test func theScoreIsPriorityPlusGoalPlusAgeCapped() {
        let weights = PlanningWeights.standard
        let score = weights.score(priority: .p2, goalWeight: 80, raisedAt: Self.now.addingTimeInterval(-10 * 86_400), now: Self.now)
        #expect(score == PlanningScore(priority: 60, goal: 40, age: 10) && score.total == 110)
        let old = weights.score(priority: .p4, goalWeight: nil, raisedAt: Self.now.addingTimeInterval(-400 * 86_400), now: Self.now)
        #expect(old.total == 10 + 0 + 60, "age is capped")
        #expect(throws: TandemError.self) {
            try PlanningWeights(p1: -1, p2: 0, p3: 0, p4: 0, goalFactor: 0, pointsPerDay: 0, ageCap: 0, hoursPerDay: 30).validated()
        }
    }

    /// B (P2 + goal 100: 110), A (P1: 100), E (P2: 60), C (P3, no estimate: 30), D (P4: 10).
    static let a = need(1, .p1, hours: 16), b = need(2, .p2, hours: 24), c = need(3, .p3, hours: nil), d = need(4, .p4, hours: 8),
        e = need(5, .p2, hours: 40)
    static let candidates = [a, b, c, d, e].map { CapacityPlanner.Candidate(need: $0, goalWeight: $0.id == b.id ? 100 : nil) }

    static func decisions(_ proposal: PlanProposal) -> [String] {
        proposal.lines.map { line in
            switch line.decision {
            case .planned: return "\(line.title ?? "—"): planned"
            case .deferred(.overCapacity(let needed, let left)): return "\(line.title ?? "—"): over \(needed)/\(left)"
            case .deferred(let reason): return "\(line.title ?? "—"): \(reason.code)"
            }
        }
    }

    @Test func theNeedsThatFitAreTakenInScoreOrderAndEveryOtherSaysWhy() {
        let proposal = CapacityPlanner.plan(Self.candidates, capacityDays: 5, weights: .standard, now: Self.now)
        #expect(
            Self.decisions(proposal) == [
                "need 2: planned", "need 1: planned", "need 5: over 5.0/0.0", "need 3: no_estimate", "need 4: over 1.0/0.0",
            ])
        #expect(proposal.plannedDays == 5 && proposal.leftDays == 0)
        // a smaller need further down still fits when a big one did not
        let roomy = CapacityPlanner.plan(Self.candidates, capacityDays: 6, weights: .standard, now: Self.now)
        #expect(
            Self.decisions(roomy) == [
                "need 2: planned", "need 1: planned", "need 5: over 5.0/1.0", "need 3: no_estimate", "need 4: planned",
            ])
    }

    @Test func pinsComeFirstInAndStayOut() {
        let pinnedIn = CapacityPlanner.plan(
            Self.candidates, capacityDays: 5, weights: .standard, now: Self.now, pins: [Self.e.id: .include])
        #expect(
            Self.decisions(pinnedIn) == [
                "need 2: over 3.0/0.0", "need 1: over 2.0/0.0", "need 5: planned", "need 3: no_estimate", "need 4: over 1.0/0.0",
            ])
        let setAside = CapacityPlanner.plan(
            Self.candidates, capacityDays: 5, weights: .standard, now: Self.now, pins: [Self.b.id: .exclude])
        #expect(
            Self.decisions(setAside) == [
                "need 2: set_aside", "need 1: planned", "need 5: over 5.0/3.0", "need 3: no_estimate", "need 4: planned",
            ])
        let overbooked = CapacityPlanner.plan(
            Self.candidates, capacityDays: 1, weights: .standard, now: Self.now, pins: [Self.e.id: .include])
        #expect(overbooked.leftDays == -4, "a pinned need may overbook the capacity; the plan says so")
    }

    @Test func equalScoresGoOldestFirst() {
        let older = Self.need(7, .p3, hours: 8, daysAgo: 0.5), newer = Self.need(6, .p3, hours: 8, daysAgo: 0.5)
        var weights = PlanningWeights.standard
        weights.pointsPerDay = 0
        let proposal = CapacityPlanner.plan(
            [newer, older].map { .init(need: $0, goalWeight: nil) }, capacityDays: 1, weights: weights, now: Self.now)
        #expect(proposal.lines.map(\.title) == ["need 6", "need 7"], "same time: by number")
        let aged = CapacityPlanner.plan(
            [Self.need(8, .p3, hours: 8, daysAgo: 1), Self.need(9, .p3, hours: 8, daysAgo: 2)].map { .init(need: $0, goalWeight: nil) },
            capacityDays: 1, weights: weights, now: Self.now)
        #expect(aged.lines.map(\.title) == ["need 9", "need 8"] && aged.lines.map(\.isPlanned) == [true, false])
    }

    @Test func thePlanIsSetAgainstWhatWasResolved() throws {
        let proposal = CapacityPlanner.plan(Self.candidates, capacityDays: 5, weights: .standard, now: Self.now)
        let plan = CommittedPlan(
            departmentID: Fixtures.it, period: ReportingPeriod("2026-11")!, proposal: proposal, committedAt: Self.now,
            committedBy: Self.requester.id)
        let review = PlanReview(plan: plan, resolved: [Self.a, Self.d], hoursPerDay: 8)
        #expect(review.planned == 2 && review.plannedDone == 1 && review.plannedDays == 5 && review.plannedDoneDays == 2)
        #expect(
            review.unplannedDone == 1 && review.unplannedDoneDays == 1 && review.missed == [Self.b.id] && review.unplanned == [Self.d.id])
        // kept as JSON and read back whole
        let decoded = try JSONDecoder().decode(CommittedPlan.self, from: JSONEncoder().encode(plan))
        #expect(decoded == plan)
    }
}
