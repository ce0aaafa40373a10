import Foundation
import TandemCore
import Vapor

/// How a providing department handles satisfaction ratings, as its catalog page shows it: a form
/// for its managers, the settings as text for everyone else.
struct SatisfactionPolicyForm: Encodable {
    static let fields = ["rating_days", "low_score", "on_low_rating"]

    var canManage: Bool
    var ratingDays: String
    var lowScores: [Choice]
    var actions: [Choice]
    var summary: String
    var errors: [String: String]
    var general: String?

    init(_ policy: SatisfactionPolicy, canManage: Bool, sent: PageForm? = nil, errors: FieldErrors = FieldErrors(), _ request: Request) {
        self.canManage = canManage
        ratingDays = sent?.text("rating_days") ?? String(policy.ratingDays)
        let lowScore = sent?.text("low_score") ?? String(policy.lowScore)
        let action = sent?.text("on_low_rating") ?? policy.onLowRating.rawValue
        lowScores = SatisfactionPolicy.lowScoreRange.map { score in
            Choice(value: String(score), label: "≤ \(score)★ " + request.t("rating_score.\(score)"), selected: String(score) == lowScore)
        }
        actions = SatisfactionPolicy.LowRatingAction.allCases.map {
            Choice(value: $0.rawValue, label: request.t("low_rating_action.\($0.rawValue)"), selected: $0.rawValue == action)
        }
        summary = request.t(
            "satisfaction.summary", String(policy.ratingDays), String(policy.lowScore),
            request.t("low_rating_action.\(policy.onLowRating.rawValue)"))
        self.errors = errors.messages(for: Self.fields)
        general = errors.general(besides: Self.fields)
    }

    /// The policy a form sent; every bad field is named at once (not a number, or out of range).
    static func policy(_ form: PageForm) throws -> SatisfactionPolicy {
        var problems = InputProblems()
        let days = try problems.check { try number(form, "rating_days") }
        let low = try problems.check { try number(form, "low_score") }
        let action = try problems.check { try form.enumValue("on_low_rating", SatisfactionPolicy.LowRatingAction.self) }
        // NB: a field that is not a number stands in with the standard value, so the range check names only the others.
        let standard = SatisfactionPolicy.standard
        let policy = SatisfactionPolicy(
            ratingDays: days ?? standard.ratingDays, lowScore: low ?? standard.lowScore,
            onLowRating: (action ?? nil) ?? standard.onLowRating)
        _ = try problems.check { try policy.validated() }
        try problems.throwIfAny()
        return policy
    }

    private static func number(_ form: PageForm, _ field: String) throws -> Int {
        guard let value = try form.integer(field) else { throw TandemError.invalid(field, "\(field) is required", .required) }
        return value
    }
}
