import Foundation

/// A requester's satisfaction rating (满意度评价) of a resolved need: 1 (very unhappy) to 5
/// (very happy), with an optional comment. One per need; the requester may change it for a
/// while (`SatisfactionPolicy.ratingDays`).
public struct SatisfactionRating: Hashable, Sendable, Codable {
    public static let scores = 1...5

    public var needID: Need.ID
    public var raterID: Person.ID
    /// The two departments of the need, kept with the rating so that scorecards read one table.
    public var requestingDepartmentID: Department.ID
    public var providingDepartmentID: Department.ID
    public var score: Int
    public var comment: String?
    /// When the need was first rated.
    public var ratedAt: Date
    public var updatedAt: Date

    public init(
        needID: Need.ID, raterID: Person.ID, requestingDepartmentID: Department.ID, providingDepartmentID: Department.ID,
        score: Int, comment: String?, ratedAt: Date, updatedAt: Date
    ) {
        self.needID = needID
        self.raterID = raterID
        self.requestingDepartmentID = requestingDepartmentID
        self.providingDepartmentID = providingDepartmentID
        self.score = score
        self.comment = comment
        self.ratedAt = ratedAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case needID = "need_id", raterID = "rater_id", requestingDepartmentID = "requesting_department_id"
        case providingDepartmentID = "providing_department_id", score, comment, ratedAt = "rated_at", updatedAt = "updated_at"
    }
}

/// How a providing department handles ratings: how long a need may be rated, and what a low
/// rating does — reopen the need, or tell the department's managers.
public struct SatisfactionPolicy: Hashable, Sendable, Codable {
    public enum LowRatingAction: String, Hashable, Sendable, Codable, CaseIterable {
        /// Nothing beyond the rating itself.
        case none
        /// The need goes back to "in progress", as if the requester had reopened it.
        case reopen
        /// The providing department's managers are notified.
        case notifyManagers = "notify_managers"
    }

    public static let ratingDaysRange = 1...90
    public static let lowScoreRange = 1...4
    public static let standard = SatisfactionPolicy(ratingDays: 14, lowScore: 2, onLowRating: .notifyManagers)

    /// For how many days after resolution (and after the first rating) the requester may rate
    /// or change the rating; also how long a rating link stays valid.
    public var ratingDays: Int
    /// A score at or below this is low.
    public var lowScore: Int
    public var onLowRating: LowRatingAction

    public init(ratingDays: Int, lowScore: Int, onLowRating: LowRatingAction) {
        self.ratingDays = ratingDays
        self.lowScore = lowScore
        self.onLowRating = onLowRating
    }

    /// Checks every field at once.
    public func validated() throws -> SatisfactionPolicy {
        var problems = InputProblems()
        if !Self.ratingDaysRange.contains(ratingDays) {
            problems.add(.invalid("rating_days", "rating_days must be 1–90", .outOfRange, "1", "90"))
        }
        if !Self.lowScoreRange.contains(lowScore) {
            problems.add(.invalid("low_score", "low_score must be 1–4", .outOfRange, "1", "4"))
        }
        try problems.throwIfAny()
        return self
    }

    enum CodingKeys: String, CodingKey {
        case ratingDays = "rating_days", lowScore = "low_score", onLowRating = "on_low_rating"
    }
}

/// A link that lets the requester rate a need without signing in (sent with the resolution
/// e-mail): valid for the policy's rating days, usable once. Only a digest of its secret is stored.
public struct RatingLink: Hashable, Sendable {
    public typealias ID = Identifier<RatingLink>

    public var id: ID
    public var needID: Need.ID
    public var personID: Person.ID
    public var createdAt: Date
    public var expiresAt: Date
    public var usedAt: Date?

    public init(id: ID, needID: Need.ID, personID: Person.ID, createdAt: Date, expiresAt: Date, usedAt: Date? = nil) {
        self.id = id
        self.needID = needID
        self.personID = personID
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.usedAt = usedAt
    }

    /// The token in a link (`LinkToken`).
    public static func token(id: ID, secret: String) -> String { LinkToken.make(id: id, secret: secret) }

    /// The id and secret of a token, or nil when it has not that shape.
    public static func parse(_ token: String) -> (id: ID, secret: String)? { LinkToken.parse(token) }
}
