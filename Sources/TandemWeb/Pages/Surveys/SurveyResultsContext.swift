import Foundation
import TandemCore
import Vapor

/// A survey's results page for its owners: one round at a time, each question with its chart or
/// its texts, the drafts it made, and the buttons to remind and to stop asking.
struct SurveyResultsContext: Encodable {
    struct Question: Encodable {
        var prompt: String
        var kind: String
        var answered: Int
        var charts: [BarChart]
        var average: String?
        var texts: [String]?
    }

    var layout: LayoutContext
    var id: String
    var title: String
    var isAnonymous: Bool
    var isActive: Bool
    var isOpenNow: Bool
    var rounds: [Choice]
    var roundLabel: String
    var responses: Int
    var invited: Int
    /// "Too few responses to show" instead of the answers of a small anonymous round.
    var withheld: String?
    var questions: [Question]
    var drafts: Int

    static func load(_ request: Request) async throws -> SurveyResultsContext {
        let actor = try request.actor()
        let workflow = request.tandem.surveys
        let id: Survey.ID = try request.id("surveyID", "survey")
        let round = try QueryParameters(request, allowed: ["round", "done"]).int("round")
        let survey = try await workflow.survey(id, for: actor)
        let results = try await workflow.results(id, round: round, for: actor)
        let standing = try await workflow.standing(of: survey, for: actor)
        let timeZone = request.tandem.configuration.timeZone
        let format = PageFormat(request)
        func label(_ number: Int) -> String {
            request.t(
                "survey.round", String(number + 1),
                format.date(CalendarDate(survey.schedule.round(number, in: timeZone).start, in: timeZone)))
        }
        let questions = results.questions.map { question -> Question in
            switch question.kind {
            case .singleChoice, .multipleChoice:
                return Question(
                    prompt: question.prompt, kind: question.kind.rawValue, answered: question.answered,
                    charts: [
                        BarChart(
                            id: "chart-\(question.key)", title: question.prompt,
                            values: question.options.map { ($0.option, $0.count) }, labelWidth: 140)
                    ],
                    average: nil, texts: nil)
            case .rating:
                return Question(
                    prompt: question.prompt, kind: question.kind.rawValue, answered: question.answered,
                    charts: [
                        BarChart(
                            id: "chart-\(question.key)", title: question.prompt,
                            values: SatisfactionRating.scores.reversed().map { ("\($0)★", question.ratingDistribution[$0 - 1]) })
                    ],
                    average: question.ratingAverage.map { String(format: "%.2f", $0) }, texts: nil)
            case .text, .raiseNeed:
                return Question(
                    prompt: question.prompt, kind: question.kind.rawValue, answered: question.answered, charts: [],
                    average: nil, texts: question.texts)
            }
        }
        let latest = standing.latestRound ?? 0
        return SurveyResultsContext(
            layout: LayoutContext(request, title: survey.title, section: "surveys"), id: survey.id.description, title: survey.title,
            isAnonymous: survey.isAnonymous, isActive: survey.isActive, isOpenNow: standing.openRound != nil,
            rounds: (0...latest).reversed().map { Choice(value: String($0), label: label($0), selected: $0 == results.round) },
            roundLabel: label(results.round), responses: results.responses, invited: results.invited,
            withheld: results.withheld
                ? request.t("survey.withheld", String(try await request.tandem.settings.minimumGroup(for: actor).size)) : nil,
            questions: results.withheld ? [] : questions,
            drafts: try await workflow.store.drafts(of: id, round: results.round).count)
    }
}
