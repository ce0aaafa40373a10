import Foundation
import TandemCore
import Testing

@Suite("Surveys")
struct SurveyTests {
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    @Test("rounds: monthly and quarterly from the first day, each open for its days; once is one round")
    func rounds() throws {
        let monthly = SurveySchedule(frequency: .monthly, startsOn: try #require(CalendarDate("2026-11-30")), openDays: 7)
        #expect(monthly.latestRound(at: BusinessClockTests.at("2026-11-29 23:59"), in: Self.shanghai) == nil)
        #expect(monthly.openRound(at: BusinessClockTests.at("2026-11-30 00:00"), in: Self.shanghai) == 0)
        #expect(monthly.openRound(at: BusinessClockTests.at("2026-12-06 23:59"), in: Self.shanghai) == 0)
        #expect(monthly.openRound(at: BusinessClockTests.at("2026-12-07 00:00"), in: Self.shanghai) == nil, "seven days, then closed")
        #expect(monthly.latestRound(at: BusinessClockTests.at("2026-12-20 12:00"), in: Self.shanghai) == 0)
        // the next month has no 30th: the round opens on its last day, then the 30th again
        #expect(monthly.openRound(at: BusinessClockTests.at("2027-02-28 09:00"), in: Self.shanghai) == 3)
        #expect(CalendarDate(monthly.round(3, in: Self.shanghai).start, in: Self.shanghai).description == "2027-02-28")
        #expect(CalendarDate(monthly.round(4, in: Self.shanghai).start, in: Self.shanghai).description == "2027-03-30")

        let quarterly = SurveySchedule(frequency: .quarterly, startsOn: try #require(CalendarDate("2026-10-01")), openDays: 14)
        #expect(quarterly.openRound(at: BusinessClockTests.at("2027-01-10 09:00"), in: Self.shanghai) == 1)
        #expect(quarterly.openRound(at: BusinessClockTests.at("2027-01-16 09:00"), in: Self.shanghai) == nil)

        let once = SurveySchedule(frequency: .once, startsOn: try #require(CalendarDate("2026-10-01")), openDays: 30)
        #expect(once.openRound(at: BusinessClockTests.at("2026-10-31 09:00"), in: Self.shanghai) == nil)
        #expect(once.latestRound(at: BusinessClockTests.at("2027-10-01 09:00"), in: Self.shanghai) == 0)
    }

    @Test("results per question, counted by hand; an anonymous round below the minimum group shows none")
    func results() throws {
        let survey = Survey(
            id: .init(UUID()), title: "IT 服务需求", description: "", ownerDepartmentID: Fixtures.it, createdBy: .init(UUID()),
            isAnonymous: true,
            questions: [
                SurveyQuestion(key: "system", prompt: "最常用的系统", kind: .singleChoice, options: ["CRM", "ERP", "OA"]),
                SurveyQuestion(key: "wants", prompt: "希望改进", kind: .multipleChoice, options: ["速度", "培训", "文档"]),
                SurveyQuestion(key: "score", prompt: "满意度", kind: .rating),
                SurveyQuestion(key: "other", prompt: "其他", kind: .text),
            ],
            audience: .departments([Fixtures.sales]),
            schedule: SurveySchedule(frequency: .once, startsOn: CalendarDate("2026-10-01")!, openDays: 7),
            isActive: true, createdAt: Fixtures.epoch)
        func response(_ answers: [String: SurveyAnswer]) -> SurveyResponse {
            SurveyResponse(
                id: .init(UUID()), surveyID: survey.id, round: 0, respondentID: nil, respondentDepartmentID: nil, answers: answers)
        }
        let results = SurveyResults(
            survey: survey, round: 0,
            responses: [
                response(["system": .choice("CRM"), "wants": .choices(["速度", "培训"]), "score": .rating(4), "other": .text("多开培训")]),
                response(["system": .choice("CRM"), "wants": .choices(["速度"]), "score": .rating(2)]),
                response(["system": .choice("OA"), "score": .rating(5)]),
            ], invited: 10, minimumGroup: try MinimumGroup(3))
        #expect(results.responses == 3 && results.invited == 10 && !results.withheld)
        #expect(results.questions[0].options.map(\.count) == [2, 0, 1] && results.questions[0].answered == 3)
        #expect(results.questions[1].options.map(\.count) == [2, 1, 0] && results.questions[1].answered == 2)
        #expect(results.questions[2].ratingDistribution == [0, 1, 0, 1, 1] && abs(results.questions[2].ratingAverage! - 11.0 / 3) < 1e-9)
        #expect(results.questions[3].texts == ["多开培训"] && results.questions[3].answered == 1)
        let few = SurveyResults(
            survey: survey, round: 0, responses: [response(["system": .choice("CRM"), "other": .text("我是谁")])],
            invited: 10, minimumGroup: .standard)
        #expect(few.withheld && few.responses == 1)
        #expect(few.questions.allSatisfy { $0.answered == 0 && $0.texts.isEmpty && $0.options.allSatisfy { $0.count == 0 } })
        var named = survey
        named.isAnonymous = false
        #expect(
            !SurveyResults(
                survey: named, round: 0, responses: [response(["other": .text("王小明")])], invited: 10,
                minimumGroup: .standard
            ).withheld)
        #expect(throws: TandemError.self) { try MinimumGroup(2) }
    }
}
