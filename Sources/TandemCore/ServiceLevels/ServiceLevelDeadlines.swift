import Foundation

/// Which target a service-level alert is about.
public enum ServiceLevelTarget: String, Hashable, Sendable, Codable, CaseIterable {
    case firstResponse = "first_response"
    case resolution
}

/// A warning or a breach of one target of one need: announced exactly once.
public struct ServiceLevelAlert: Hashable, Sendable {
    public enum Level: String, Hashable, Sendable, Codable, CaseIterable { case warning, breach }

    public var needID: Need.ID
    public var target: ServiceLevelTarget
    public var level: Level

    public init(needID: Need.ID, target: ServiceLevelTarget, level: Level) {
        self.needID = needID
        self.target = target
        self.level = level
    }
}

/// What is stored of a need's clocks: when each running target runs out (for sorting a queue
/// by due time and marking what is close), and the next moment the watcher must look at the
/// need (its next warning or breach). A paused or reached target has no due time: it cannot be
/// known before the clock runs again. Derived from the clocks alone, so stored and recomputed
/// values are equal.
public struct ServiceLevelDeadlines: Hashable, Sendable {
    public var responseDueAt: Date?
    public var resolutionDueAt: Date?
    /// When the resolution target's warning share is used (the queue marks the need from then on).
    public var resolutionWarningAt: Date?
    public var checkAt: Date?

    public init(responseDueAt: Date? = nil, resolutionDueAt: Date? = nil, resolutionWarningAt: Date? = nil, checkAt: Date? = nil) {
        self.responseDueAt = responseDueAt
        self.resolutionDueAt = resolutionDueAt
        self.resolutionWarningAt = resolutionWarningAt
        self.checkAt = checkAt
    }

    public init(_ clock: ServiceLevelClock, now: Date) {
        func running(_ measure: ServiceLevelMeasure?) -> ServiceLevelMeasure? {
            guard let measure, measure.achievedAt == nil, measure.stoppedAt == nil, measure.state != .paused else { return nil }
            return measure
        }
        let response = running(clock.firstResponse), resolution = running(clock.resolution)
        responseDueAt = response?.dueAt
        resolutionDueAt = resolution?.dueAt
        resolutionWarningAt = resolution?.warningAt
        checkAt = [response?.warningAt, response?.dueAt, resolution?.warningAt, resolution?.dueAt]
            .compactMap { $0 }.filter { $0 > now }.min()
    }

    /// The alerts the clocks call for now (already announced ones included; the store keeps
    /// each only once). A need that ended unserved is news to no one: its clocks announce nothing.
    public static func alerts(_ clock: ServiceLevelClock, of need: Need.ID) -> [ServiceLevelAlert] {
        var alerts: [ServiceLevelAlert] = []
        for (target, measure) in [(ServiceLevelTarget.firstResponse, clock.firstResponse), (.resolution, clock.resolution)] {
            guard let measure, measure.achievedAt == nil, measure.stoppedAt == nil else { continue }
            if measure.state == .warning || measure.state == .breached {
                alerts.append(.init(needID: need, target: target, level: .warning))
            }
            if measure.state == .breached { alerts.append(.init(needID: need, target: target, level: .breach)) }
        }
        return alerts
    }
}
