import Foundation
import TandemCore
import Testing

@Suite("Scorecards")
struct ScorecardTests {
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    @Test(
        "periods read as a year, a quarter or a month, cover their days in the company's zone, and know the one before",
        arguments: [
            ("2026-Q4", "2026-Q4", "2026-10-01", "2027-01-01", "2026-Q3"),
            ("2026-q1", "2026-Q1", "2026-01-01", "2026-04-01", "2025-Q4"),
            ("2026-01", "2026-01", "2026-01-01", "2026-02-01", "2025-12"),
            ("2026-11", "2026-11", "2026-11-01", "2026-12-01", "2026-10"),
            ("2026", "2026", "2026-01-01", "2027-01-01", "2025"),
        ])
    func periods(text: String, canonical: String, start: String, end: String, previous: String) throws {
        let period = try #require(ReportingPeriod(text))
        #expect(period.description == canonical)
        let interval = period.interval(in: Self.shanghai)
        #expect(CalendarDate(interval.start, in: Self.shanghai).description == start)
        #expect(CalendarDate(interval.end, in: Self.shanghai).description == end)
        // midnight in Shanghai is 16:00 UTC the day before
        #expect(Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: interval.start).hour == 16)
        #expect(period.previous.description == previous)
    }

    @Test("nonsense periods are refused", arguments: ["", "26", "2026-Q5", "2026-13", "2026-1", "2026-Q", "2026-11-01", "Q4-2026"])
    func badPeriods(text: String) {
        #expect(ReportingPeriod(text) == nil)
    }

    @Test("percentiles take the nearest rank")
    func percentiles() {
        // sorted: 1 2 3 4 5 6 7 8 9 10 → median at rank ⌈5⌉ = 5, p90 at rank ⌈9⌉ = 9
        let values: [Double] = [7, 3, 10, 1, 9, 2, 8, 4, 6, 5]
        #expect(ScorecardFigures.percentile(50, of: values) == 5)
        #expect(ScorecardFigures.percentile(90, of: values) == 9)
        // three values: median rank ⌈1.5⌉ = 2, p90 rank ⌈2.7⌉ = 3
        #expect(ScorecardFigures.percentile(50, of: [30, 10, 20]) == 20)
        #expect(ScorecardFigures.percentile(90, of: [30, 10, 20]) == 30)
        #expect(ScorecardFigures.percentile(90, of: [4]) == 4)
        #expect(ScorecardFigures.percentile(50, of: []) == nil)
    }

    static func need(
        _ requester: Department.ID = Fixtures.sales, status: NeedStatus = .resolved, response: Double? = nil,
        resolution: Double? = nil, responseMet: Bool? = nil, resolutionMet: Bool? = nil, rating: Int? = nil
    ) -> ScoredNeed {
        ScoredNeed(
            needID: .init(UUID()), requestingDepartmentID: requester, providingDepartmentID: Fixtures.it, createdAt: Fixtures.epoch,
            status: status,
            outcome: ServiceLevelOutcome(
                responseSeconds: response, resolutionSeconds: resolution,
                responseMet: responseMet, resolutionMet: resolutionMet),
            ratingScore: rating)
    }

    @Test("every figure of a small provider, checked by hand")
    func figures() throws {
        let hour = 3600.0
        let needs = [
            Self.need(response: 1 * hour, resolution: 4 * hour, responseMet: true, resolutionMet: true, rating: 5),
            Self.need(response: 2 * hour, resolution: 10 * hour, responseMet: true, resolutionMet: false, rating: 2),
            Self.need(Fixtures.hr, response: 0.5 * hour, resolution: 6 * hour, responseMet: true, resolutionMet: true, rating: 4),
            Self.need(Fixtures.hr, status: .inProgress, response: 5 * hour, responseMet: false),
            Self.need(status: .new, responseMet: false),
            Self.need(status: .rejected, response: 0.25 * hour),
        ]
        let figures = ScorecardFigures(needs)
        #expect(figures.volume == 6)
        #expect(figures.resolved == 3)
        #expect(figures.open == 2)
        // response: 3 met of 5 decided = 60 %; resolution: 2 of 3 ≈ 66.7 %
        #expect(figures.responseDecided == 5 && figures.responseMetPercent == 60)
        #expect(figures.resolutionDecided == 3 && abs(figures.resolutionMetPercent! - 200.0 / 3) < 1e-9)
        // response hours sorted: 0.25 0.5 1 2 5 → median rank 3 = 1, p90 rank ⌈4.5⌉ = 5 → 5
        #expect(figures.responseMedianHours == 1 && figures.responseP90Hours == 5)
        // resolution hours sorted: 4 6 10 → median 6, p90 10
        #expect(figures.resolutionMedianHours == 6 && figures.resolutionP90Hours == 10)
        // ratings 5, 2, 4 → 11 / 3
        #expect(figures.satisfactionCount == 3 && abs(figures.satisfactionAverage! - 11.0 / 3) < 1e-9)
        #expect(figures.satisfactionDistribution == [0, 1, 0, 1, 1])

        let empty = ScorecardFigures([])
        #expect(
            empty.volume == 0 && empty.responseMetPercent == nil && empty.satisfactionAverage == nil
                && empty.satisfactionDistribution == [0, 0, 0, 0, 0])
    }

    @Test("a provider's scorecard: the previous period beside it, ranks with shared places, and the departments it served")
    func scorecard() throws {
        let period = try #require(ReportingPeriod("2026-Q4"))
        let needs = [Self.need(rating: 4), Self.need(rating: 2), Self.need(Fixtures.hr, rating: 5)]
        let totals = [
            ProviderTotals(providerID: Fixtures.it, resolutionMet: 3, resolutionDecided: 4, ratingSum: 11, ratingCount: 3),
            ProviderTotals(providerID: Fixtures.hr, resolutionMet: 9, resolutionDecided: 10, ratingSum: 8, ratingCount: 2),
            ProviderTotals(providerID: Fixtures.sales, resolutionMet: 6, resolutionDecided: 8, ratingSum: 0, ratingCount: 0),
        ]
        let card = Scorecard(
            provider: Fixtures.it, requester: nil, period: period, needs: needs, previousNeeds: [Self.need(rating: 1)],
            totals: totals)
        #expect(card.previousPeriod.description == "2026-Q3")
        #expect(card.figures.volume == 3 && card.previous.volume == 1 && card.previous.satisfactionAverage == 1)
        // met: HR 90 %, IT 75 %, Sales 75 % → IT shares second place of three
        #expect(card.ranks?.serviceLevel == ScorecardRank(place: 2, of: 3))
        // satisfaction: HR 4.0, IT 3.67, Sales none → IT second of two
        #expect(card.ranks?.satisfaction == ScorecardRank(place: 2, of: 2))
        #expect(card.served?.map(\.departmentID) == [Fixtures.sales, Fixtures.hr])
        #expect(card.served?.map(\.volume) == [2, 1])
        #expect(card.served?.first?.satisfactionAverage == 3)

        let pair = Scorecard(provider: Fixtures.it, requester: Fixtures.sales, period: period, needs: [], previousNeeds: [], totals: [])
        #expect(pair.ranks == nil && pair.served == nil)
    }

    @Test("a need's outcome: business time to the first response and to resolution, pauses left out, verdicts per target")
    func outcome() throws {
        let lines = [
            "2026-01-05 11:30 raised", "2026-01-05 14:10 agent accept", "2026-01-05 15:00 agent ask_requester",
            "2026-01-06 10:00 requester respond", "2026-01-06 11:00 agent resolve",
        ]
        let events = ServiceLevelClockTests.history(lines)
        let now = BusinessClockTests.at("2026-01-07 09:00")
        let clock = ServiceLevelClock.derive(
            events: events, priority: .p3, providers: [ServiceLevelClockTests.agent],
            policy: ServiceLevelClockTests.policy, calendar: .mainlandChina2026, now: now)
        let outcome = ServiceLevelOutcome.derive(
            events: events, clock: clock, providers: [ServiceLevelClockTests.agent],
            policy: ServiceLevelClockTests.policy, calendar: .mainlandChina2026, now: now)
        // response: 11:30–12:00 and 13:30–14:10 = 70 min (target 60: missed)
        #expect(outcome.responseSeconds == 70 * 60 && outcome.responseMet == false)
        // resolution: 11:30–12:00, 13:30–15:00 (waiting 15:00 → next day 10:00 paused), 10:00–11:00 = 30 + 90 + 60 = 180 min (target 480: met)
        #expect(outcome.resolutionSeconds == 180 * 60 && outcome.resolutionMet == true)

        let rejected = ServiceLevelClockTests.history(["2026-01-05 09:00 raised", "2026-01-05 09:30 agent reject"])
        let rejectedClock = ServiceLevelClock.derive(
            events: rejected, priority: .p3, providers: [ServiceLevelClockTests.agent],
            policy: ServiceLevelClockTests.policy, calendar: .mainlandChina2026, now: now)
        let rejectedOutcome = ServiceLevelOutcome.derive(
            events: rejected, clock: rejectedClock, providers: [ServiceLevelClockTests.agent],
            policy: ServiceLevelClockTests.policy, calendar: .mainlandChina2026, now: now)
        #expect(rejectedOutcome.responseSeconds == 30 * 60 && rejectedOutcome.responseMet == true)
        #expect(rejectedOutcome.resolutionSeconds == nil && rejectedOutcome.resolutionMet == nil, "a rejected need is not resolved")

        let open = ServiceLevelClockTests.history(["2026-01-05 09:00 raised"])
        let openClock = ServiceLevelClock.derive(
            events: open, priority: .p3, providers: [], policy: ServiceLevelClockTests.policy,
            calendar: .mainlandChina2026, now: BusinessClockTests.at("2026-01-05 09:30"))
        let openOutcome = ServiceLevelOutcome.derive(
            events: open, clock: openClock, providers: [], policy: ServiceLevelClockTests.policy,
            calendar: .mainlandChina2026, now: BusinessClockTests.at("2026-01-05 09:30"))
        #expect(openOutcome == ServiceLevelOutcome(), "nothing known while the targets run")
    }
}

@Suite("Evaluation scores")
struct EvaluationScoreTests {
    @Test("dimension averages, the weighted overall score and the internal NPS, checked by hand")
    func scores() {
        let dimensions = [
            EvaluationDimension(key: "speed", name: "响应速度", weight: 50), EvaluationDimension(key: "quality", name: "质量", weight: 25),
            EvaluationDimension(key: "talk", name: "沟通", weight: 25),
        ]
        func response(_ scores: [String: Int], _ recommendation: Int?) -> EvaluationResponse {
            EvaluationResponse(
                invitationID: .init(UUID()), scores: scores, recommendation: recommendation, comment: nil,
                submittedBy: .init(UUID()), submittedAt: Fixtures.epoch)
        }
        let scores = EvaluationScores(
            dimensions: dimensions,
            responses: [
                response(["speed": 5, "quality": 3, "talk": 4], 10), response(["speed": 3, "quality": 4, "talk": 2], 6),
                response(["speed": 4, "quality": 5, "talk": 3], 8),
            ])
        #expect(scores.responses == 3)
        #expect(scores.dimensions.map(\.average) == [4, 4, 3])
        // (50 × 4 + 25 × 4 + 25 × 3) ÷ 100 = 3.75
        #expect(scores.overall == 3.75)
        // one promoter (10), one passive (8), one detractor (6): 0
        #expect(scores.recommendations == 3 && scores.netPromoterScore == 0)

        let promoters = EvaluationScores(
            dimensions: dimensions,
            responses: [
                response(["speed": 5], 9), response(["speed": 5], 10),
                response(["speed": 1], nil),
            ])
        // only speed was scored: the overall is its average; two promoters of two answers: 100
        #expect(abs(promoters.overall! - 11.0 / 3) < 1e-9 && promoters.netPromoterScore == 100 && promoters.recommendations == 2)
        let none = EvaluationScores(dimensions: dimensions, responses: [])
        #expect(none.overall == nil && none.netPromoterScore == nil && none.dimensions.allSatisfy { $0.average == nil })
    }
}
