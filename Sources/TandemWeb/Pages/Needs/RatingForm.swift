import Foundation
import TandemCore
import Vapor

/// The satisfaction rating of a need as a page shows it: the rating given, and the form to give
/// or change it (on the need's page, and on the page a rating link opens).
struct RatingForm: Encodable {
    struct Score: Encodable {
        var value: Int
        var label: String
        var checked: Bool
    }

    /// Where the form posts.
    var action: String
    var canRate: Bool
    var score: Int?
    var stars: String?
    var scoreLabel: String?
    var comment: String
    var openUntil: String?
    var scores: [Score]
    var errors: [String: String]
    var general: String?

    static let fields = ["score", "comment"]

    /// - Parameters:
    ///   - chosen: the score to show selected (what was sent, else the rating's).
    ///   - typed: the comment to show (what was sent, else the rating's).
    init(
        _ state: SatisfactionWorkflow.RatingState, action: String, chosen: Int? = nil, typed: String? = nil,
        errors: FieldErrors = FieldErrors(), _ request: Request
    ) {
        let rating = state.rating
        let selected = chosen ?? rating?.score
        self.action = action
        canRate = state.canRate
        score = rating?.score
        stars = rating.map { Self.stars($0.score) }
        scoreLabel = rating.map { request.t("rating_score.\($0.score)") }
        comment = typed ?? rating?.comment ?? ""
        openUntil = state.canRate ? state.openUntil.map { PageFormat(request).dateTime($0) } : nil
        scores = SatisfactionRating.scores.map { Score(value: $0, label: request.t("rating_score.\($0)"), checked: $0 == selected) }
        self.errors = errors.messages(for: Self.fields)
        general = errors.general(besides: Self.fields)
    }

    /// `★★★★☆` for 4.
    static func stars(_ score: Int) -> String {
        String(repeating: "★", count: score) + String(repeating: "☆", count: SatisfactionRating.scores.upperBound - score)
    }

    /// The score a form sent; the field is named when none was chosen or it is not a number.
    static func requiredScore(_ form: PageForm) throws -> Int {
        guard let score = try form.integer("score") else { throw TandemError.invalid("score", "choose a score", .required) }
        return score
    }
}
