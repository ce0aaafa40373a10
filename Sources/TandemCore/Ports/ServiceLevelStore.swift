import Foundation

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
