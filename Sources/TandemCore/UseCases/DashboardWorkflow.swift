import Foundation

/// Dashboards of the company, a department and a person. Their figures are counts and times,
/// never a need's words. A dashboard is served from its snapshot; a snapshot older than
/// `freshFor` is refreshed in the background (one job, whatever the number of readers and
/// instances), so a reader never waits for a million needs to be counted — except the very
/// first, when there is no snapshot yet.
public struct DashboardWorkflow: Sendable {
    public let store: any DashboardStore
    public let organisation: any OrganisationStore
    public let jobs: any JobStore
    public let clock: any Clock
    public let ids: any IDGenerator
    public let timeZone: TimeZone

    public init(
        store: any DashboardStore, organisation: any OrganisationStore, jobs: any JobStore, clock: any Clock, ids: any IDGenerator,
        timeZone: TimeZone
    ) {
        self.store = store
        self.organisation = organisation
        self.jobs = jobs
        self.clock = clock
        self.ids = ids
        self.timeZone = timeZone
    }

    public static let freshFor: TimeInterval = 60
    public static let refreshKind = "dashboard.refresh"

    struct Refresh: Codable { var scope: String }

    /// The dashboard as the actor may see it: every need of the scope when they may read them
    /// all, else the published figures (no confidential need, `DashboardAudience`).
    public func dashboard(_ scope: DashboardScope, for actor: Person) async throws -> DashboardFigures {
        if case .department(let id, _) = scope, try await organisation.department(id) == nil { throw TandemError.notFound("department") }
        guard InsightAccess.canSee(scope, actor) else { throw TandemError.forbidden("this dashboard is not yours to see") }
        let view = DashboardView(scope, DashboardAudience(scope, readBy: NeedVisibility(for: actor)))
        guard let snapshot = try await store.snapshot(of: view) else { return try await refresh(view) }
        let now = clock.now()
        if now.timeIntervalSince(snapshot.computedAt) > Self.freshFor,
            try await store.claimRefresh(of: view, at: now, unlessAfter: now.addingTimeInterval(-Self.freshFor))
        {
            try await jobs.enqueue([try Job.make(Self.refreshKind, Refresh(scope: view.key), id: Job.ID(ids.make()), at: now)])
        }
        return snapshot
    }

    /// Counts the view's figures now and keeps them as its snapshot.
    @discardableResult
    public func refresh(_ view: DashboardView) async throws -> DashboardFigures {
        let figures = try await store.compute(view, window: DashboardWindow(now: clock.now(), timeZone: timeZone))
        try await store.save(figures, of: view)
        return figures
    }

    /// Runs a refresh job.
    public func runRefresh(_ job: Job) async throws {
        let input = try job.input(Refresh.self)
        guard let view = DashboardView(key: input.scope) else { throw TandemError.invalid("scope", "unknown dashboard scope") }
        try await refresh(view)
    }
}
