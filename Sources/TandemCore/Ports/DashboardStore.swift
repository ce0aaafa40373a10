import Foundation

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
