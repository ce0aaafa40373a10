import Foundation

/// Departments and people. Implemented by TandemStore (SQL) and TandemTestSupport (memory).
public protocol OrganisationStore: Sendable {
    func department(_ id: Department.ID) async throws -> Department?
    func departments() async throws -> [Department]
    /// Throws `.conflict` on `code` when the code is taken.
    func insert(_ department: Department) async throws
    func update(_ department: Department) async throws

    func person(_ id: Person.ID) async throws -> Person?
    func person(login: String) async throws -> Person?
    func people(in department: Department.ID?) async throws -> [Person]
    func people(_ ids: [Person.ID]) async throws -> [Person]
    /// Throws `.conflict` on `login` when the login is taken.
    func insert(_ person: Person, passwordHash: String?) async throws
    func update(_ person: Person) async throws
    func passwordHash(of person: Person.ID) async throws -> String?
    /// Stores a new password hash and ends every session of the person, in one transaction; with
    /// a time, also revokes (at that time) every API token of the person not yet revoked.
    func setPasswordHash(_ hash: String, of person: Person.ID, revokingTokensAt: Date?) async throws
    func countAdministrators() async throws -> Int
}

/// The service catalogs.
public protocol CatalogStore: Sendable {
    func offering(_ id: ServiceOffering.ID) async throws -> ServiceOffering?
    func offerings(provider: Department.ID?) async throws -> [ServiceOffering]
    func insert(_ offering: ServiceOffering) async throws
    func update(_ offering: ServiceOffering) async throws
}

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

    func need(_ id: Need.ID) async throws -> Need?
    func need(number: NeedNumber) async throws -> Need?
    /// One page of the needs the visibility admits that match the query.
    func needs(_ query: NeedQuery, visibility: NeedVisibility) async throws -> NeedPage
    /// How many needs the visibility admits that match the query's filters (its sort, limit
    /// and cursor do not count), counting no further than `limit` when one is given.
    func count(_ query: NeedQuery, visibility: NeedVisibility, upTo limit: Int?) async throws -> Int
    func events(of need: Need.ID) async throws -> [NeedEvent]
    func comments(of need: Need.ID) async throws -> [NeedComment]
    func attachments(of need: Need.ID) async throws -> [Attachment]
    func attachment(_ id: Attachment.ID) async throws -> Attachment?
    /// Where a need came from, if it was recorded.
    func origin(of need: Need.ID) async throws -> NeedOrigin?
    /// The needs that came from one origin (a meeting's needs …).
    func needs(from origin: NeedOrigin) async throws -> [Need]
}

/// Company-wide settings.
public protocol SettingsStore: Sendable {
    func priorityMatrix() async throws -> PriorityMatrix
    func setPriorityMatrix(_ matrix: PriorityMatrix) async throws
    /// Whether the first administrator still has to finish the setup (name, password).
    func administratorSetupPending() async throws -> Bool
    func setAdministratorSetupPending(_ pending: Bool) async throws
    /// The minimum group for anonymous and per-pair results (the standard one until set).
    func minimumGroup() async throws -> MinimumGroup
    func setMinimumGroup(_ group: MinimumGroup) async throws
}

/// Strategic goals that needs may reference.
public protocol GoalStore: Sendable {
    func goal(_ id: StrategicGoal.ID) async throws -> StrategicGoal?
    func goals() async throws -> [StrategicGoal]
    func insert(_ goal: StrategicGoal, at now: Date) async throws
    func update(_ goal: StrategicGoal) async throws
    /// Effort and outcomes of the needs linked to each goal that count for the reader
    /// (`NeedVisibility.countsInFigures`; goals without needs left out).
    func figures(visibility: NeedVisibility) async throws -> [GoalFigures]
}

/// Business calendars and service-level policies. A `nil` department or offering means the
/// company default.
public protocol ServiceLevelStore: Sendable {
    func calendar(of department: Department.ID?) async throws -> BusinessCalendar?
    func setCalendar(_ calendar: BusinessCalendar, of department: Department.ID?) async throws
    func policy(of offering: ServiceOffering.ID?) async throws -> ServiceLevelPolicy?
    func setPolicy(_ policy: ServiceLevelPolicy, of offering: ServiceOffering.ID?) async throws
    /// Stores what the watcher and the queue need of a need's clocks, and how it was served (for
    /// scorecards), if the need is still at `version` (a later change brings its own refresh).
    func setDeadlines(_ deadlines: ServiceLevelDeadlines, outcome: ServiceLevelOutcome, of need: Need.ID, version: Int) async throws
    func deadlines(of need: Need.ID) async throws -> ServiceLevelDeadlines?
    /// Needs whose `checkAt` has come, soonest first, with that time.
    func needsToCheck(at now: Date, limit: Int) async throws -> [(need: Need.ID, checkAt: Date)]
    /// Makes the watcher look again at the open needs of a department or of an offering (all
    /// when both are nil): their calendar or policy changed.
    func recheck(department: Department.ID?, offering: ServiceOffering.ID?, at now: Date) async throws
    /// The alerts announced for a need so far.
    func alerts(of need: Need.ID) async throws -> Set<ServiceLevelAlert>
    /// Records alerts as announced without telling anyone (the history of an imported need).
    func recordQuietly(_ alerts: [ServiceLevelAlert], at now: Date) async throws
}

/// People's saved queue filters.
public protocol SavedFilterStore: Sendable {
    func filters(of person: Person.ID) async throws -> [SavedFilter]
    func insert(_ filter: SavedFilter) async throws
    func delete(_ id: SavedFilter.ID) async throws
}

/// Background jobs in the database.
public protocol JobStore: Sendable {
    /// Stores new jobs (on their own; jobs that belong to a change go in that change's write).
    /// A job whose `dedupKey` is taken is left out.
    func enqueue(_ jobs: [Job]) async throws
    /// Removes the jobs done before `cutoff` (failed ones stay for administrators); returns how many.
    func deleteFinished(before cutoff: Date) async throws -> Int
    /// Takes up to `limit` jobs that are due at `now` — pending ones, and running ones whose
    /// lease ran out — marks them running until `leaseUntil` and counts the attempt. No two
    /// runners, in this process or another, get the same job.
    func claim(limit: Int, now: Date, leaseUntil: Date) async throws -> [Job]
    /// Marks claimed jobs done.
    func finish(_ ids: [Job.ID], at now: Date) async throws
    /// Marks a claimed job failed: pending again at `retryAt`, or dead when that is `nil`.
    func fail(_ id: Job.ID, error: String, retryAt: Date?, at now: Date) async throws
    func job(_ id: Job.ID) async throws -> Job?
    /// The most recently changed jobs, of one state or all.
    func jobs(state: Job.State?, limit: Int) async throws -> [Job]
    /// How many jobs are in each state.
    func counts() async throws -> [Job.State: Int]
    /// Makes a dead job pending again, due at `now`, with a fresh count of attempts.
    func retry(_ id: Job.ID, at now: Date) async throws -> Job?
}

/// The in-app inbox and the departments' notification channels.
public protocol NotificationStore: Sendable {
    /// Stores a fan-out's notifications and delivery jobs in one transaction. A notification
    /// already stored for the same event and person, and a job whose `dedupKey` is taken, are
    /// left out: a fan-out that runs twice notifies once.
    func record(_ notifications: [InboxNotification], jobs: [Job]) async throws
    func notification(_ id: InboxNotification.ID) async throws -> InboxNotification?
    /// A person's notifications, newest first, up to `limit`, older than `before` when given.
    func notifications(of person: Person.ID, unreadOnly: Bool, before: Date?, limit: Int) async throws -> [InboxNotification]
    /// How many of the person's notifications are unread, counting no further than `limit`.
    func unreadCount(of person: Person.ID, upTo limit: Int) async throws -> Int
    /// Marks the given notifications of the person read (all of theirs when `ids` is nil).
    func markRead(_ ids: [InboxNotification.ID]?, of person: Person.ID, at now: Date) async throws

    func channels(of department: Department.ID) async throws -> [NotificationChannel]
    func channel(_ id: NotificationChannel.ID) async throws -> NotificationChannel?
    func insert(_ channel: NotificationChannel) async throws
    func update(_ channel: NotificationChannel) async throws
    func delete(_ id: NotificationChannel.ID) async throws
}

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

/// What scorecards read of the needs.
public protocol ScorecardStore: Sendable {
    /// The needs addressed to `provider` (and raised by `requester`'s department when given)
    /// raised within `interval`, with their outcomes and ratings: those that count in the
    /// figures the reader sees (`NeedVisibility.countsInFigures`).
    func scoredNeeds(provider: Department.ID, requester: Department.ID?, raisedIn interval: DateInterval,
                     visibility: NeedVisibility) async throws -> [ScoredNeed]
    /// The same needs added up in the database: equal to `ScorecardTally(scoredNeeds(…))`.
    func tally(provider: Department.ID, requester: Department.ID?, raisedIn interval: DateInterval,
               visibility: NeedVisibility) async throws -> ScorecardTally
    /// Every provider's totals over the needs raised within `interval` that count for the reader.
    func providerTotals(raisedIn interval: DateInterval, visibility: NeedVisibility) async throws -> [ProviderTotals]
    /// Every pair's (requesting → providing) totals over the needs raised within `interval` that
    /// count for the reader.
    func pairTotals(raisedIn interval: DateInterval, visibility: NeedVisibility) async throws -> [SupplyChainEdge]
}

/// Evaluation cycles, their invitations and responses.
public protocol EvaluationStore: Sendable {
    /// Stores a new cycle with its invitations and the jobs that tell the departments, in one transaction.
    func insert(_ cycle: EvaluationCycle, invitations: [EvaluationInvitation], jobs: [Job]) async throws
    func update(_ cycle: EvaluationCycle) async throws
    func cycle(_ id: EvaluationCycle.ID) async throws -> EvaluationCycle?
    /// The most recently opened cycles first.
    func cycles(limit: Int) async throws -> [EvaluationCycle]
    /// The cycles of a period, most recently opened first.
    func cycles(period: ReportingPeriod) async throws -> [EvaluationCycle]
    func invitations(of cycle: EvaluationCycle.ID) async throws -> [EvaluationInvitation]
    func invitation(_ id: EvaluationInvitation.ID) async throws -> EvaluationInvitation?
    /// The unanswered invitations of a department in open cycles.
    func pendingInvitations(rater: Department.ID) async throws -> [EvaluationInvitation]
    /// Stores a response in place of an earlier one and marks its invitation submitted, in one transaction.
    func save(_ response: EvaluationResponse) async throws
    func response(to invitation: EvaluationInvitation.ID) async throws -> EvaluationResponse?
    func responses(of cycle: EvaluationCycle.ID) async throws -> [EvaluationResponse]
    /// Every (requesting, providing) pair of different departments with needs raised within the
    /// interval, to one provider when given, with how many.
    func servicePairs(raisedIn interval: DateInterval, provider: Department.ID?) async throws
        -> [(rater: Department.ID, provider: Department.ID, needs: Int)]
}

/// Needs surveys, their answers, who answered, and the needs they drafted.
public protocol SurveyStore: Sendable {
    func insert(_ survey: Survey) async throws
    func update(_ survey: Survey) async throws
    func survey(_ id: Survey.ID) async throws -> Survey?
    /// The most recently created first.
    func surveys(limit: Int) async throws -> [Survey]
    /// Stores a response, the mark that its person answered the round (kept apart, without a
    /// time), and the drafts it makes, in one transaction; `.conflict` when the person answered
    /// the round already.
    func record(_ response: SurveyResponse, participant: Person.ID, drafts: [NeedDraft]) async throws
    func participants(of survey: Survey.ID, round: Int) async throws -> Set<Person.ID>
    func responses(of survey: Survey.ID, round: Int) async throws -> [SurveyResponse]
    func drafts(provider: Department.ID, status: NeedDraft.Status?) async throws -> [NeedDraft]
    func drafts(of survey: Survey.ID, round: Int) async throws -> [NeedDraft]
    func draft(_ id: NeedDraft.ID) async throws -> NeedDraft?
    /// Sets an open draft aside; false when it was not open any more.
    func dismiss(_ draft: NeedDraft.ID) async throws -> Bool
    /// Notes that a round was announced; false when it was already (so it is announced once).
    func markAnnounced(_ survey: Survey.ID, round: Int) async throws -> Bool
}

/// Meeting records.
public protocol MeetingStore: Sendable {
    func insert(_ meeting: Meeting) async throws
    func update(_ meeting: Meeting) async throws
    func meeting(_ id: Meeting.ID) async throws -> Meeting?
    /// The most recent first (by the day held).
    func meetings(limit: Int) async throws -> [Meeting]
}

/// The follow-ups of meetings and improvement plans.
public protocol ActionItemStore: Sendable {
    func insert(_ item: ActionItem) async throws
    func update(_ item: ActionItem) async throws
    func item(_ id: ActionItem.ID) async throws -> ActionItem?
    func items(of parent: ActionItem.Parent) async throws -> [ActionItem]
}

/// The suggestion box.
public protocol SuggestionStore: Sendable {
    func insert(_ suggestion: Suggestion) async throws
    /// Writes the change if the suggestion is still `expected`; false otherwise.
    func update(_ suggestion: Suggestion, expecting expected: Suggestion.Status) async throws -> Bool
    func suggestion(_ id: Suggestion.ID) async throws -> Suggestion?
    /// Newest first; to one department when given.
    func suggestions(to department: Department.ID?, limit: Int) async throws -> [Suggestion]
}

/// Improvement plans.
public protocol ImprovementPlanStore: Sendable {
    func insert(_ plan: ImprovementPlan) async throws
    func update(_ plan: ImprovementPlan) async throws
    func plan(_ id: ImprovementPlan.ID) async throws -> ImprovementPlan?
    /// A department's plans (every department's when nil), newest first.
    func plans(of department: Department.ID?) async throws -> [ImprovementPlan]
}

/// The full-text index of needs (kept by the need store in each change's own transaction).
public protocol NeedSearchStore: Sendable {
    /// The needs the visibility admits that pass the search's filters and contain every term —
    /// in the title, description, form answers or public replies, or in the internal notes where
    /// the visibility admits those (`NeedVisibility.admitsInternal`) — best first: up to
    /// `search.limit + 1` from `search.offset`, and how many match in all, counted up to `cap`.
    func search(_ search: NeedSearch, visibility: NeedVisibility, countingUpTo cap: Int) async throws -> (needs: [Need], total: Int)
    /// Every need `search` finds (its offset and limit aside), best first, in the order of `search`.
    func rankedIDs(_ search: NeedSearch, visibility: NeedVisibility) async throws -> [Need.ID]
    /// The needs with these ids, in the order given (unknown ids are skipped).
    func needs(_ ids: [Need.ID]) async throws -> [Need]
    /// The replies and notes of several needs, oldest first.
    func comments(of needs: [Need.ID]) async throws -> [NeedComment]
}

/// Dashboard figures: computed from the needs, kept as snapshots.
public protocol DashboardStore: Sendable {
    /// Counts the figures of a view over the window (reads every need of the window in its scope
    /// that its audience counts).
    func compute(_ view: DashboardView, window: DashboardWindow) async throws -> DashboardFigures
    /// The latest snapshot of a view, if any.
    func snapshot(of view: DashboardView) async throws -> DashboardFigures?
    func save(_ figures: DashboardFigures, of view: DashboardView) async throws
    /// Marks a snapshot as being refreshed unless someone did so after `since`: true for the one
    /// caller (of any instance) that should ask for the refresh.
    func claimRefresh(of view: DashboardView, at now: Date, unlessAfter since: Date) async throws -> Bool
}

/// Planning: the score's weights, providers' capacities, committed plans.
public protocol PlanningStore: Sendable {
    func weights() async throws -> PlanningWeights
    func setWeights(_ weights: PlanningWeights) async throws
    /// Person-days a provider declared for a period.
    func capacity(of department: Department.ID, in period: ReportingPeriod) async throws -> Double?
    func setCapacity(_ days: Double, of department: Department.ID, in period: ReportingPeriod) async throws
    /// Every open need addressed to the provider, with the weight of its goal — whoever reads:
    /// a plan must count every need's effort; `PlanningWorkflow` shows each line as its reader
    /// may see it (`PlanProposal.seen`).
    func candidates(provider: Department.ID) async throws -> [CapacityPlanner.Candidate]
    /// Keeps the plan, in place of the one committed before for the same provider and period.
    func commit(_ plan: CommittedPlan) async throws
    func plan(of department: Department.ID, in period: ReportingPeriod) async throws -> CommittedPlan?
    /// The provider's needs resolved within the interval.
    func resolved(provider: Department.ID, in interval: DateInterval) async throws -> [Need]
    /// The needs of `ids` as they are now (a committed plan's lines, to show each as its reader may see it).
    func needs(_ ids: [Need.ID]) async throws -> [Need]
}

/// The needs a theme analysis reads.
public protocol ThemeStore: Sendable {
    /// The needs the visibility admits raised within the interval (to `provider` when given),
    /// newest first, at most `limit`.
    func documents(provider: Department.ID?, raisedIn interval: DateInterval, visibility: NeedVisibility, limit: Int) async throws -> [ThemeAnalysis.Document]
}

/// CSV imports: their records, and the all-or-nothing writes of what they bring in.
public protocol ImportStore: Sendable {
    func insert(_ record: ImportRecord) async throws
    func update(_ record: ImportRecord) async throws
    func record(_ id: ImportRecord.ID) async throws -> ImportRecord?
    /// The newest imports first.
    func records(limit: Int) async throws -> [ImportRecord]
    /// Marks the imports still running that began before `cutoff` as failed (the process that
    /// ran them stopped); how many.
    func failRunning(createdBefore cutoff: Date, error: String, at now: Date) async throws -> Int
    /// Every login in use (lower-case), to refuse an imported one that is taken.
    func logins() async throws -> Set<String>
    /// Writes the departments (parents before children) in one transaction.
    func write(departments: [Department]) async throws
    /// Writes the people with their password hashes in one transaction.
    func write(people: [(person: Person, passwordHash: String?)]) async throws
    /// Numbers each need in its year and writes what `build` makes of it, all in one
    /// transaction; `progress` hears how many are written as it goes.
    func write(needs: [(year: Int, build: @Sendable (NeedNumber) throws -> NeedWrite)], progress: @escaping @Sendable (Int) -> Void) async throws
}
