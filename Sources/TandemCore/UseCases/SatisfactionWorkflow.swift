import Foundation

/// Satisfaction after resolution (CSAT): the requester rates a resolved need on its page,
/// through the API, or through a link in the resolution e-mail that needs no sign-in. A low
/// rating reopens the need or tells the provider's managers, as the providing department chose.
public struct SatisfactionWorkflow: Sendable {
    public let needs: NeedWorkflow
    public let store: any SatisfactionStore
    public let digest: any SecretDigest

    public init(needs: NeedWorkflow, store: any SatisfactionStore, digest: any SecretDigest) {
        self.needs = needs
        self.store = store
        self.digest = digest
    }

    /// A need's rating as one reader sees it: the rating, and whether and until when the reader
    /// may rate or change it.
    public struct RatingState: Sendable {
        public var rating: SatisfactionRating?
        /// The reader is the requester and the need may be rated now.
        public var canRate: Bool
        /// Until when the need may be rated (when it is resolved or closed after a resolution).
        public var openUntil: Date?
    }

    public func rating(of id: Need.ID, for actor: Person) async throws -> RatingState {
        try await state(of: needs.need(id, for: actor), for: actor)
    }

    /// The rating state of a need the actor has read.
    public func state(of need: Need, for actor: Person) async throws -> RatingState {
        let rating = try await store.rating(of: need.id)
        let policy = try await policy(of: need.providingDepartmentID)
        let until = Self.openUntil(need, rating: rating, policy: policy)
        let canRate = AccessPolicy.isRequester(of: need, actor) && until.map { needs.clock.now() < $0 } == true
        return RatingState(rating: rating, canRate: canRate, openUntil: until)
    }

    /// Rates the need (or changes its rating) as its requester.
    @discardableResult
    public func rate(_ id: Need.ID, score: Int, comment: String?, by actor: Person) async throws -> SatisfactionRating {
        try await rate(id, score: score, comment: comment, by: actor, link: nil)
    }

    /// Rates through a rating link: the link stands for the requester's sign-in, once.
    @discardableResult
    public func rate(token: String, score: Int, comment: String?) async throws -> SatisfactionRating {
        let (link, person) = try await validLink(token)
        return try await rate(link.needID, score: score, comment: comment, by: person, link: link.id)
    }

    /// What a rating link's page shows: the need and who it is rated as, when the link is valid.
    public func linkTarget(_ token: String) async throws -> (need: Need, person: Person, rating: SatisfactionRating?) {
        let (link, person) = try await validLink(token)
        let need = try await needs.need(link.needID, for: person)
        return (need, person, try await store.rating(of: need.id))
    }

    /// The person a genuine token was made for, used or expired as it may be (its page speaks
    /// their language); nil for anything else.
    public func linkHolder(_ token: String) async throws -> Person? {
        try await genuineLink(token)?.person
    }

    /// The link a token names when its secret matches, with its person; nil for anything else.
    private func genuineLink(_ token: String) async throws -> (link: RatingLink, person: Person?)? {
        guard let (id, secret) = RatingLink.parse(token), let (link, stored) = try await store.link(id), stored == digest.digest(secret)
        else { return nil }
        return (link, try await needs.organisation.person(link.personID))
    }

    /// Makes a rating link for the requester of a resolved need, or nil when the need may not be
    /// rated. Returns the token (only its digest is kept) and the link.
    public func issueLink(for need: Need, to person: Person) async throws -> (token: String, link: RatingLink)? {
        guard AccessPolicy.isRequester(of: need, person), person.isActive else { return nil }
        let policy = try await policy(of: need.providingDepartmentID)
        let now = needs.clock.now()
        guard let until = Self.openUntil(need, rating: try await store.rating(of: need.id), policy: policy), now < until else { return nil }
        let link = RatingLink(
            id: needs.ids.next(), needID: need.id, personID: person.id, createdAt: now,
            expiresAt: now.addingTimeInterval(Double(policy.ratingDays) * 86_400))
        let secret = AccountWorkflow.randomSecret()
        try await store.insert(link, digest: digest.digest(secret))
        return (RatingLink.token(id: link.id, secret: secret), link)
    }

    // MARK: policies

    /// The providing department's policy, or the standard one.
    public func policy(of department: Department.ID) async throws -> SatisfactionPolicy {
        try await store.policy(of: department) ?? .standard
    }

    /// Sets how a department handles ratings: its managers and administrators.
    public func setPolicy(_ policy: SatisfactionPolicy, of department: Department.ID, by actor: Person) async throws -> SatisfactionPolicy {
        guard AccessPolicy.canManageCatalog(of: department, actor) else {
            throw TandemError.forbidden("only the department's managers set how it handles ratings")
        }
        guard try await needs.organisation.department(department) != nil else { throw TandemError.notFound("department") }
        let checked = try policy.validated()
        try await store.setPolicy(checked, of: department)
        return checked
    }

    // MARK: rules

    /// Until when a need may be rated: a need that was resolved (and is resolved or closed now)
    /// may be rated for the policy's days after its resolution, or after its first rating if later.
    public static func openUntil(_ need: Need, rating: SatisfactionRating?, policy: SatisfactionPolicy) -> Date? {
        guard let resolvedAt = need.resolvedAt, need.status == .resolved || need.status == .closed else { return nil }
        let from = max(resolvedAt, rating?.ratedAt ?? resolvedAt)
        return from.addingTimeInterval(Double(policy.ratingDays) * 86_400)
    }

    /// Whether a new score is a low rating that the policy acts on: low now, and not low before
    /// (changing one low score to another does not act twice).
    public static func actsOnLowRating(score: Int, previous: Int?, policy: SatisfactionPolicy) -> Bool {
        guard policy.onLowRating != .none, score <= policy.lowScore else { return false }
        return previous.map { $0 > policy.lowScore } ?? true
    }

    private func rate(_ id: Need.ID, score: Int, comment: String?, by actor: Person, link: RatingLink.ID?) async throws
        -> SatisfactionRating
    {
        var problems = InputProblems()
        if !SatisfactionRating.scores.contains(score) {
            problems.add(.invalid("score", "score must be 1–5", .outOfRange, "1", "5"))
        }
        let text = try problems.check { try Validate.optionalText(comment, field: "comment", max: 2_000) } ?? nil
        try problems.throwIfAny()
        var saved: SatisfactionRating?
        _ = try await needs.mutate(id, by: actor) { current in
            guard AccessPolicy.isRequester(of: current, actor) else {
                throw TandemError.forbidden("only the person who raised the need rates it")
            }
            let previous = try await store.rating(of: current.id)
            let policy = try await policy(of: current.providingDepartmentID)
            let now = needs.clock.now()
            guard let until = Self.openUntil(current, rating: previous, policy: policy), now < until else {
                throw TandemError(
                    .invalidTransition, "this need cannot be rated now: only a resolved need, for \(policy.ratingDays) days",
                    field: "score")
            }
            let rating = SatisfactionRating(
                needID: current.id, raterID: actor.id, requestingDepartmentID: current.requestingDepartmentID,
                providingDepartmentID: current.providingDepartmentID, score: score, comment: text,
                ratedAt: previous?.ratedAt ?? now, updatedAt: now)
            saved = rating
            var need = current
            need.updatedAt = now
            var changes = [NeedEvent.Change(field: "score", old: previous.map { String($0.score) }, new: String(score))]
            var events: [NeedEvent] = []
            if Self.actsOnLowRating(score: score, previous: previous?.score, policy: policy) {
                changes.append(.init(field: "low_rating", old: nil, new: policy.onLowRating.rawValue))
            }
            events.append(needs.event(.rated, on: need, by: actor, at: now, changes: changes))
            if policy.onLowRating == .reopen, changes.count == 2 {
                need.status = .inProgress
                need.resolvedAt = nil
                need.closedAt = nil
                events.append(
                    needs.event(
                        .transitioned, on: need, by: actor, at: now,
                        changes: [
                            .init(field: "status", old: current.status.rawValue, new: need.status.rawValue),
                            .init(field: "action", old: nil, new: NeedAction.reopen.rawValue),
                        ]))
            }
            var write = NeedWrite(need: need, events: events)
            write.rating = rating
            write.usedRatingLink = link
            return write
        }
        return saved!
    }

    /// The link and its person, when the token is genuine, unexpired and unused, and the person
    /// still active. An unknown token is "not found" (tokens cannot be probed); only the holder of
    /// a genuine one learns that it was used (`.conflict`) or has expired (`.invalidTransition`).
    private func validLink(_ token: String) async throws -> (RatingLink, Person) {
        guard let (link, holder) = try await genuineLink(token), let person = holder, person.isActive
        else { throw TandemError.notFound("rating link") }
        // NB: from here on the caller holds the secret: telling "used" from "expired" reveals nothing.
        guard link.usedAt == nil else { throw TandemError(.conflict, "this rating link was used already") }
        guard needs.clock.now() < link.expiresAt else { throw TandemError(.invalidTransition, "this rating link has expired") }
        return (link, person)
    }
}
