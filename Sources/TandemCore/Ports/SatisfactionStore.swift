import Foundation

/// Satisfaction ratings (written with their need: `NeedWrite.rating`), the providing
/// departments' rating policies, and rating links.
public protocol SatisfactionStore: Sendable {
    func rating(of need: Need.ID) async throws -> SatisfactionRating?
    /// The department's own policy, or nil (then `SatisfactionPolicy.standard` applies).
    func policy(of department: Department.ID) async throws -> SatisfactionPolicy?
    func setPolicy(_ policy: SatisfactionPolicy, of department: Department.ID) async throws
    func insert(_ link: RatingLink, digest: String) async throws
    /// The link and the digest of its secret.
    func link(_ id: RatingLink.ID) async throws -> (link: RatingLink, digest: String)?
}
