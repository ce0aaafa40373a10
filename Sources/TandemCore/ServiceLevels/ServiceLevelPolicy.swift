import Foundation

/// How a service-level target is counted.
public enum TargetMode: String, Hashable, Sendable, Codable {
    /// Working minutes of the provider's business calendar.
    case business
    /// Wall-clock minutes, day and night.
    case calendar
}

/// The targets of one priority: minutes to the first response and to resolution.
public struct ServiceLevelTargets: Hashable, Sendable, Codable {
    public var firstResponseMinutes: Int?
    public var resolutionMinutes: Int?

    public init(firstResponseMinutes: Int?, resolutionMinutes: Int?) {
        self.firstResponseMinutes = firstResponseMinutes
        self.resolutionMinutes = resolutionMinutes
    }

    enum CodingKeys: String, CodingKey {
        case firstResponseMinutes = "first_response_minutes", resolutionMinutes = "resolution_minutes"
    }
}

/// A service level (服务水平): per priority a first-response and a resolution target, the
/// statuses that stop the clock, and when to warn before a breach.
public struct ServiceLevelPolicy: Hashable, Sendable, Codable {
    public var mode: TargetMode
    public var targets: [Priority: ServiceLevelTargets]
    /// The clock does not run while a need is in one of these statuses.
    public var pausingStatuses: Set<NeedStatus>
    /// Warn when this share of a target is used (80 means 80%).
    public var warningPercent: Int
    /// Raise the need's priority by one step when its resolution target is breached.
    public var raisePriorityOnBreach: Bool

    public init(
        mode: TargetMode, targets: [Priority: ServiceLevelTargets], pausingStatuses: Set<NeedStatus> = [.waitingOnRequester],
        warningPercent: Int = 80, raisePriorityOnBreach: Bool = false
    ) throws {
        guard (1...99).contains(warningPercent) else {
            throw TandemError.invalid("warning_percent", "warning_percent must be between 1 and 99")
        }
        for (priority, target) in targets {
            for minutes in [target.firstResponseMinutes, target.resolutionMinutes].compactMap({ $0 }) where !(1...1_000_000).contains(minutes) {
                throw TandemError.invalid("targets.\(priority.rawValue)", "targets must be between 1 and 1000000 minutes")
            }
        }
        guard pausingStatuses.isDisjoint(with: [.new, .accepted, .inProgress]) else {
            throw TandemError.invalid("pausing_statuses", "only waiting and finished statuses can pause the clock")
        }
        self.mode = mode
        self.targets = targets
        self.pausingStatuses = pausingStatuses
        self.warningPercent = warningPercent
        self.raisePriorityOnBreach = raisePriorityOnBreach
    }
}
