import Foundation
import TandemCore
import Vapor

/// The page of one invitation: the form the rating department's managers answer with (1–5 on
/// every dimension, 0–10 for the recommendation when asked, a comment), or the answer as text
/// for the other readers allowed to see it.
struct EvaluationAnswerContext: Encodable {
    struct DimensionChoice: Encodable {
        var key: String
        var name: String
        var scores: [Choice]
        var chosen: String?
        var error: String?
    }

    var layout: LayoutContext
    var action: String
    var cycleLink: String
    var cycleName: String
    var rater: String
    var provider: String
    var needs: Int
    var canAnswer: Bool
    var dimensions: [DimensionChoice]
    var asksRecommendation: Bool
    var recommendations: [Choice]
    var recommendationError: String?
    var comment: String
    var commentError: String?
    var answeredText: String?
    var general: String?

    static func load(_ request: Request, sent: PageForm?, errors: FieldErrors) async throws -> EvaluationAnswerContext {
        let actor = try request.actor()
        let found = try await request.tandem.evaluations.invitation(request.id("invitationID", "evaluation invitation"), for: actor)
        let names = Dictionary(uniqueKeysWithValues: try await request.tandem.organisation.departments(for: actor).map { ($0.id, $0.name) })
        let response = found.response
        let dimensions = found.cycle.dimensions.map { dimension in
            let chosen = sent?.string("score_\(dimension.key)") ?? response?.scores[dimension.key].map(String.init)
            return DimensionChoice(
                key: dimension.key, name: dimension.name,
                scores: SatisfactionRating.scores.map {
                    Choice(value: String($0), label: request.t("rating_score.\($0)"), selected: String($0) == chosen)
                },
                chosen: chosen.flatMap(Int.init).map { RatingForm.stars($0) }, error: errors["scores.\(dimension.key)"])
        }
        let recommendation = sent?.string("recommendation") ?? response?.recommendation.map(String.init)
        let answered = response.map { request.t("evaluation.answered_at", PageFormat(request).dateTime($0.submittedAt)) }
        return EvaluationAnswerContext(
            layout: LayoutContext(request, title: request.t("evaluation.answer_title"), section: "evaluations"),
            action: Site.invitation(found.invitation.id), cycleLink: Site.evaluation(found.cycle.id), cycleName: found.cycle.name,
            rater: names[found.invitation.raterID] ?? "—", provider: names[found.invitation.providerID] ?? "—",
            needs: found.invitation.needCount,
            canAnswer: found.canAnswer, dimensions: dimensions, asksRecommendation: found.cycle.asksRecommendation,
            recommendations: [Choice(value: "", label: "—", selected: recommendation == nil)]
                + (0...10).map { Choice(value: String($0), label: String($0), selected: String($0) == recommendation) },
            recommendationError: errors["recommendation"], comment: sent?.text("comment") ?? response?.comment ?? "",
            commentError: errors["comment"], answeredText: answered,
            general: errors.general(besides: ["recommendation", "comment"], prefixes: ["scores."]))
    }

    /// The answer a form sent: `score_<key>` for each dimension, `recommendation`, `comment`.
    static func answer(_ form: PageForm) throws -> EvaluationWorkflow.Answer {
        var problems = InputProblems()
        var scores: [String: Int] = [:]
        for (name, values) in form.allFields where name.hasPrefix("score_") {
            let key = String(name.dropFirst("score_".count))
            guard let text = values.first?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { continue }
            if let score = Int(text) {
                scores[key] = score
            } else {
                problems.add(.invalid("scores.\(key)", "a score is a number", .notANumber))
            }
        }
        let recommendation = try problems.check { try form.integer("recommendation") } ?? nil
        try problems.throwIfAny()
        return EvaluationWorkflow.Answer(scores: scores, recommendation: recommendation, comment: form.string("comment"))
    }
}
