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
public struct ServiceLevelPolicy: Hashable, Sendable {
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
            for minutes in [target.firstResponseMinutes, target.resolutionMinutes].compactMap({ $0 })
            where !(1...1_000_000).contains(minutes) {
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

extension ServiceLevelPolicy: Codable {
    enum CodingKeys: String, CodingKey {
        case mode, targets, pausingStatuses = "pausing_statuses", warningPercent = "warning_percent"
        case raisePriorityOnBreach = "raise_priority_on_breach"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var targets: [Priority: ServiceLevelTargets] = [:]
        for (name, target) in try container.decode([String: ServiceLevelTargets].self, forKey: .targets) {
            guard let priority = Priority(rawValue: name) else {
                throw DecodingError.dataCorruptedError(forKey: .targets, in: container, debugDescription: "'\(name)' is not p1 … p4")
            }
            targets[priority] = target
        }
        try self.init(
            mode: try container.decode(TargetMode.self, forKey: .mode), targets: targets,
            pausingStatuses: try container.decodeIfPresent(Set<NeedStatus>.self, forKey: .pausingStatuses) ?? [.waitingOnRequester],
            warningPercent: try container.decodeIfPresent(Int.self, forKey: .warningPercent) ?? 80,
            raisePriorityOnBreach: try container.decodeIfPresent(Bool.self, forKey: .raisePriorityOnBreach) ?? false)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(mode, forKey: .mode)
        try container.encode(Dictionary(uniqueKeysWithValues: targets.map { ($0.key.rawValue, $0.value) }), forKey: .targets)
        try container.encode(pausingStatuses.map(\.rawValue).sorted(), forKey: .pausingStatuses)
        try container.encode(warningPercent, forKey: .warningPercent)
        try container.encode(raisePriorityOnBreach, forKey: .raisePriorityOnBreach)
    }

    /// The company default until an administrator sets another: business minutes, P1 answered
    /// in 30 minutes and resolved in 4 hours … P4 in a day and a week (a working day is 7.5 hours).
    public static var standard: ServiceLevelPolicy {
        try! ServiceLevelPolicy(
            mode: .business,
            targets: [
                .p1: ServiceLevelTargets(firstResponseMinutes: 30, resolutionMinutes: 240),
                .p2: ServiceLevelTargets(firstResponseMinutes: 120, resolutionMinutes: 450),
                .p3: ServiceLevelTargets(firstResponseMinutes: 240, resolutionMinutes: 3 * 450),
                .p4: ServiceLevelTargets(firstResponseMinutes: 450, resolutionMinutes: 5 * 450),
            ])
    }
}
