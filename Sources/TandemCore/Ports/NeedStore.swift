import Foundation

/// What one change to a need writes, all in one transaction: the new state of the row, the
/// events that describe the change, and any reply, note or attachment it adds.
public struct NeedWrite: Sendable {
    public var need: Need
    public var events: [NeedEvent]
    public var comments: [NeedComment]
    public var attachments: [Attachment]
    /// Background work the change asks for (its notifications), stored in the same transaction.
    public var jobs: [Job]
    /// Service-level alerts the change announces: the write fails with `.conflict` when one of
    /// them was announced already (so each is announced exactly once, by one writer).
    public var serviceLevelAlerts: [ServiceLevelAlert] = []
    /// The need's satisfaction rating, new or changed, stored in place of the one before.
    public var rating: SatisfactionRating?
    /// The rating link the change was made through: marked used in the same transaction, and
    /// the write fails with `.conflict` when it was used already.
    public var usedRatingLink: RatingLink.ID?
    /// Where the new need came from: kept with it; a draft or suggestion is marked converted in
    /// the same transaction (`.conflict` when it was dealt with already).
    public var origin: NeedOrigin?

    public init(need: Need, events: [NeedEvent], comments: [NeedComment] = [], attachments: [Attachment] = [], jobs: [Job] = []) {
        self.need = need
        self.events = events
        self.comments = comments
        self.attachments = attachments
        self.jobs = jobs
    }
}

/// Needs and their history.
public protocol NeedStore: Sendable {
    /// Allocates the next number of `year` and writes what `build` makes of it, in one
    /// transaction: a need is never stored without its number, events and assignees.
    func create(year: Int, _ build: @escaping @Sendable (NeedNumber) throws -> NeedWrite) async throws -> Need
    /// Writes the change decided on `previous`, if the stored need is still at `previous`'s
    /// version; else throws `.conflict`.
    func apply(_ write: NeedWrite, over previous: Need) async throws
    /// Writes several changes in one transaction, each only if its need is still at its
    /// `previous` version; else none and `.conflict`.
    func apply(_ writes: [(write: NeedWrite, previous: Need)]) async throws

    func need(_ id: Need.ID) async throws -> Need?
    func need(number: NeedNumber) async throws -> Need?
    /// One page of the needs the visibility admits that match the query.
    func needs(_ query: NeedQuery, visibility: NeedVisibility) async throws -> NeedPage
    /// How many needs the visibility admits that match the query's filters (its sort, limit
    /// and cursor do not count), counting no further than `limit` when one is given.
    func count(_ query: NeedQuery, visibility: NeedVisibility, upTo limit: Int?) async throws -> Int
    /// How many needs there are in each status, all of them (for an administrator's metrics).
    func countsByStatus() async throws -> [NeedStatus: Int]
    func events(of need: Need.ID) async throws -> [NeedEvent]
    func comments(of need: Need.ID) async throws -> [NeedComment]
    func attachments(of need: Need.ID) async throws -> [Attachment]
    func attachment(_ id: Attachment.ID) async throws -> Attachment?
    /// Where a need came from, if it was recorded.
    func origin(of need: Need.ID) async throws -> NeedOrigin?
    /// The needs that came from one origin (a meeting's needs …).
    func needs(from origin: NeedOrigin) async throws -> [Need]
}
