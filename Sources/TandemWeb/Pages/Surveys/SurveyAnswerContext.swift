import Foundation
import TandemCore
import Vapor

/// The page a person answers a survey on: each question as its kind asks (choices, 1–5, text,
/// "what do you need from …"), or why it cannot be answered now.
struct SurveyAnswerContext: Encodable {
    struct Question: Encodable {
        var key: String
        var prompt: String
        var kind: String
        var isRequired: Bool
        var choices: [Choice]
        var text: String
        var hint: String?
        var error: String?
    }

    var layout: LayoutContext
    var id: String
    var title: String
    var description: String
    var isAnonymous: Bool
    var canAnswer: Bool
    /// Why the form is not shown (answered, no round open, not asked).
    var notice: String?
    var owns: Bool
    var questions: [Question]
    var general: String?

    static func load(_ request: Request, sent: PageForm?, errors: FieldErrors) async throws -> SurveyAnswerContext {
        let actor = try request.actor()
        let workflow = request.tandem.surveys
        let survey = try await workflow.survey(request.id("surveyID", "survey"), for: actor)
        let standing = try await workflow.standing(of: survey, for: actor)
        let names = Dictionary(uniqueKeysWithValues: try await request.tandem.organisation.departments(for: actor).map { ($0.id, $0.name) })
        let canAnswer = standing.isAsked && standing.openRound != nil && !standing.hasAnswered && survey.isActive
        var notice: String?
        if !standing.isAsked {
            notice = request.t("survey.not_asked")
        } else if !canAnswer {
            notice = request.t(SurveyPages.stateKey(standing))
        }
        let questions = survey.questions.map { question in
            let sentValues = sent?.allFields["answer_\(question.key)"]?.filter { !$0.isEmpty } ?? []
            let choices: [Choice]
            switch question.kind {
            case .singleChoice, .multipleChoice:
                choices = question.options.map { Choice(value: $0, label: $0, selected: sentValues.contains($0)) }
            case .rating:
                choices = SatisfactionRating.scores.map {
                    Choice(value: String($0), label: request.t("rating_score.\($0)"), selected: sentValues.contains(String($0)))
                }
            case .text, .raiseNeed:
                choices = []
            }
            return Question(
                key: question.key, prompt: question.prompt, kind: question.kind.rawValue, isRequired: question.isRequired,
                choices: choices, text: question.kind == .text || question.kind == .raiseNeed ? sentValues.first ?? "" : "",
                hint: question.kind == .raiseNeed
                    ? request.t("survey.raise_need_hint", question.providerID.flatMap { names[$0] } ?? "—") : nil,
                error: errors["answers.\(question.key)"])
        }
        return SurveyAnswerContext(
            layout: LayoutContext(request, title: survey.title, section: "surveys"), id: survey.id.description, title: survey.title,
            description: survey.description, isAnonymous: survey.isAnonymous, canAnswer: canAnswer, notice: notice, owns: standing.owns,
            questions: questions, general: errors.general(besides: [], prefixes: ["answers."]))
    }

    /// The answers a form sent: `answer_<key>`, repeated for multiple choices.
    static func answers(_ form: PageForm, for survey: Survey) -> [String: SurveyAnswer] {
        var answers: [String: SurveyAnswer] = [:]
        for question in survey.questions {
            let values = (form.allFields["answer_\(question.key)"] ?? []).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            guard let first = values.first else { continue }
            answers[question.key] = question.kind == .multipleChoice ? .choices(values) : .text(first)
        }
        return answers
    }
}
