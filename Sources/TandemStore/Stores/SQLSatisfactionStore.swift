import Foundation
import SQLKit
import TandemCore

/// Ratings in `need_ratings` (written by `SQLNeedStore` with their need), policies in
/// `satisfaction_policies`, links in `rating_links`.
public struct SQLSatisfactionStore: SatisfactionStore {
    let database: StoreDatabase

    public init(_ database: StoreDatabase) { self.database = database }

    struct RatingRow: Codable, Sendable {
        var need_id: UUID
        var rater_id: UUID
        var requesting_department_id: UUID
        var providing_department_id: UUID
        var score: Int
        var comment: String?
        var rated_at: Date
        var updated_at: Date

        init(_ rating: SatisfactionRating) {
            need_id = rating.needID.rawValue
            rater_id = rating.raterID.rawValue
            requesting_department_id = rating.requestingDepartmentID.rawValue
            providing_department_id = rating.providingDepartmentID.rawValue
            score = rating.score
            comment = rating.comment
            rated_at = rating.ratedAt.storable
            updated_at = rating.updatedAt.storable
        }

        var rating: SatisfactionRating {
            SatisfactionRating(
                needID: .init(need_id), raterID: .init(rater_id), requestingDepartmentID: .init(requesting_department_id),
                providingDepartmentID: .init(providing_department_id), score: score, comment: comment,
                ratedAt: rated_at, updatedAt: updated_at)
        }
    }

    struct PolicyRow: Codable, Sendable {
        var department_id: UUID
        var rating_days: Int
        var low_score: Int
        var on_low_rating: String
    }

    struct LinkRow: Codable, Sendable {
        var id: UUID
        var need_id: UUID
        var person_id: UUID
        var secret_digest: String
        var created_at: Date
        var expires_at: Date
        var used_at: Date?
    }

    /// Stores a need's rating in place of the one before, and marks the link it came through
    /// used (`.conflict` when it was used already): part of the need's write.
    static func write(_ rating: SatisfactionRating?, usedLink: RatingLink.ID?, at now: Date, on sql: any SQLDatabase) async throws {
        if let rating {
            try await sql.insert(into: "need_ratings").model(RatingRow(rating), nilEncodingStrategy: .asNil)
                .onConflict(with: ["need_id"]) { update in
                    update.set(excludedValueOf: "score").set(excludedValueOf: "comment").set(excludedValueOf: "updated_at")
                        .set(excludedValueOf: "rater_id")
                }
                .run()
        }
        if let usedLink {
            let used = try await sql.update("rating_links").set("used_at", to: now.storable)
                .where("id", .equal, usedLink.rawValue).where("used_at", .is, SQLLiteral.null).runCountingRows()
            guard used == 1 else { throw TandemError(.conflict, "this rating link was used already") }
        }
    }

    public func rating(of need: Need.ID) async throws -> SatisfactionRating? {
        try await database.read { sql in
            try await sql.select().column("*").from("need_ratings").where("need_id", .equal, need.rawValue).firstRow(RatingRow.self)?.rating
        }
    }

    public func policy(of department: Department.ID) async throws -> SatisfactionPolicy? {
        try await database.read { sql in
            guard
                let row = try await sql.select().column("*").from("satisfaction_policies")
                    .where("department_id", .equal, department.rawValue).firstRow(PolicyRow.self)
            else { return nil }
            return SatisfactionPolicy(
                ratingDays: row.rating_days, lowScore: row.low_score,
                onLowRating: .init(rawValue: row.on_low_rating) ?? SatisfactionPolicy.standard.onLowRating)
        }
    }

    public func setPolicy(_ policy: SatisfactionPolicy, of department: Department.ID) async throws {
        let row = PolicyRow(
            department_id: department.rawValue, rating_days: policy.ratingDays, low_score: policy.lowScore,
            on_low_rating: policy.onLowRating.rawValue)
        try await database.write { sql in
            try await sql.insert(into: "satisfaction_policies").model(row).onConflict(with: ["department_id"]) { update in
                update.set(excludedValueOf: "rating_days").set(excludedValueOf: "low_score").set(excludedValueOf: "on_low_rating")
            }.run()
        }
    }

    public func insert(_ link: RatingLink, digest: String) async throws {
        let row = LinkRow(
            id: link.id.rawValue, need_id: link.needID.rawValue, person_id: link.personID.rawValue, secret_digest: digest,
            created_at: link.createdAt.storable, expires_at: link.expiresAt.storable, used_at: link.usedAt?.storable)
        try await database.write { sql in try await sql.insertRow(row, into: "rating_links") }
    }

    public func link(_ id: RatingLink.ID) async throws -> (link: RatingLink, digest: String)? {
        try await database.read { sql in
            guard let row = try await sql.select().column("*").from("rating_links").where("id", .equal, id.rawValue).firstRow(LinkRow.self)
            else { return nil }
            return (
                RatingLink(
                    id: .init(row.id), needID: .init(row.need_id), personID: .init(row.person_id), createdAt: row.created_at,
                    expiresAt: row.expires_at, usedAt: row.used_at), row.secret_digest
            )
        }
    }
}
