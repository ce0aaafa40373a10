import Foundation

/// Where one service-level target stands for a need.
public struct ServiceLevelMeasure: Hashable, Sendable {
    public enum State: String, Hashable, Sendable, Codable, CaseIterable {
        /// Running, less than the warning share used.
        case running
        /// Stopped for now (e.g. waiting on the requester).
        case paused
        /// Running, past the warning share.
        case warning
        /// Reached within the target.
        case met
        /// More than the target used, reached or not.
        case breached
        /// The need ended unserved (rejected, or withdrawn by its requester) before the target was
        /// reached and inside it: neither met nor missed.
        case stopped
    }

    public var targetMinutes: Int
    /// When the target runs out if nothing pauses the clock from now on (`nil` when the calendar
    /// has no working time).
    public var dueAt: Date?
    /// When the warning share of the target is used, on the same terms as `dueAt`.
    public var warningAt: Date?
    /// When the target was reached (the first response given, the need resolved).
    public var achievedAt: Date?
    /// When the need ended unserved (rejected or withdrawn) before the target was reached: the
    /// clock stopped there. A stop inside the target is `stopped`; past it, `breached`.
    public var stoppedAt: Date?
    /// Counted time used so far (business or calendar seconds, as the policy says).
    public var usedSeconds: TimeInterval
    public var state: State

    public var leftSeconds: TimeInterval { max(0, Double(targetMinutes) * 60 - usedSeconds) }
}

/// The service-level clocks of a need, derived from its events alone: they can be recomputed at
/// any time and always give the same answer.
public struct ServiceLevelClock: Hashable, Sendable {
    public var firstResponse: ServiceLevelMeasure?
    public var resolution: ServiceLevelMeasure?

    /// Derives the clocks.
    /// - Parameters:
    ///   - events: the need's history, in order.
    ///   - priority: the need's current priority; a change of priority recomputes the targets
    ///     over the whole history.
    ///   - providers: who counts as the provider (agents and managers of the providing department,
    ///     assignees, administrators): their first public reply or transition is the first response.
    ///   - policy, calendar: the service level and the provider's business calendar.
    ///   - now: the moment the clocks are read at.
    public static func derive(
        events: [NeedEvent], priority: Priority, providers: Set<Person.ID>, policy: ServiceLevelPolicy,
        calendar: BusinessCalendar, now: Date
    ) -> ServiceLevelClock {
        guard let raised = events.first(where: { $0.kind == .raised }) else { return ServiceLevelClock() }
        let clock = BusinessClock(calendar: policy.mode == .business ? calendar : .roundTheClock)
        let timeline = StatusTimeline(events: events, now: now)
        let paused = timeline.intervals { policy.pausingStatuses.contains($0) }
        let targets = policy.targets[priority]
        // NB: a need rejected, or withdrawn by its requester, stops every clock not yet reached: a
        // rejection by the provider is itself the first response; a stop inside a target is
        // neither met nor missed, a stop after it is missed (docs/SERVICE-LEVELS.md).
        let stoppedAt = timeline.finishedStatus.map { $0 != .resolved } == true ? timeline.finishedAt : nil

        var result = ServiceLevelClock()
        if let minutes = targets?.firstResponseMinutes {
            // NB: the first response is the first public reply or lifecycle step by a provider;
            // whatever happens later never moves it.
            let response = firstResponse(in: events, providers: providers)
            result.firstResponse = measure(
                minutes: minutes, start: raised.at, achievedAt: response?.at, stoppedAt: stoppedAt, paused: paused,
                pausedNow: timeline.current.map(policy.pausingStatuses.contains) ?? false,
                warningPercent: policy.warningPercent, clock: clock, now: now)
        }
        if let minutes = targets?.resolutionMinutes {
            // Reopening resumes the clock: the time a need spent resolved or closed does not count.
            let stopped = timeline.intervals { !$0.isOpen }
            let resolved = stoppedAt == nil && timeline.current.map { !$0.isOpen } ?? false
            result.resolution = measure(
                minutes: minutes, start: raised.at, achievedAt: resolved ? timeline.finishedAt : nil,
                stoppedAt: stoppedAt, paused: paused + stopped,
                pausedNow: timeline.current.map(policy.pausingStatuses.contains) ?? false,
                warningPercent: policy.warningPercent, clock: clock, now: now)
        }
        return result
    }

    /// The first response: the first public reply or lifecycle step by a provider.
    static func firstResponse(in events: [NeedEvent], providers: Set<Person.ID>) -> NeedEvent? {
        events.first { event in
            providers.contains(event.actorID) && event.visibility == .public && (event.kind == .replied || event.kind == .transitioned)
        }
    }

    private static func measure(
        minutes: Int, start: Date, achievedAt: Date?, stoppedAt: Date?, paused: [DateInterval], pausedNow: Bool, warningPercent: Int,
        clock: BusinessClock, now: Date
    ) -> ServiceLevelMeasure {
        let target = Double(minutes) * 60
        let stop = achievedAt == nil ? stoppedAt : nil
        let used = clock.businessSeconds(from: start, to: achievedAt ?? stop ?? now, paused: paused)
        let state: ServiceLevelMeasure.State
        if used > target {
            state = .breached
        } else if achievedAt != nil {
            state = .met
        } else if stop != nil {
            state = .stopped
        } else if pausedNow {
            state = .paused
        } else if used >= target * Double(warningPercent) / 100 {
            state = .warning
        } else {
            state = .running
        }
        return ServiceLevelMeasure(
            targetMinutes: minutes, dueAt: clock.instant(after: target, from: start, paused: paused),
            warningAt: clock.instant(after: target * Double(warningPercent) / 100, from: start, paused: paused),
            achievedAt: achievedAt, stoppedAt: stop, usedSeconds: used, state: state)
    }
}

/// The statuses a need went through, as intervals, read from its events.
struct StatusTimeline {
    /// (status, from) in order.
    private(set) var changes: [(NeedStatus, Date)] = []
    let now: Date

    init(events: [NeedEvent], now: Date) {
        self.now = now
        for event in events {
            guard let change = event.changes.first(where: { $0.field == "status" }), let raw = change.new,
                let status = NeedStatus(rawValue: raw)
            else { continue }
            changes.append((status, event.at))
        }
    }

    var current: NeedStatus? { changes.last?.0 }

    /// When the need last stopped being open (resolved, then closed, is finished at resolution).
    var finishedAt: Date? { finish?.1 }

    /// The status the need last stopped being open with (`resolved` for resolved, then closed).
    var finishedStatus: NeedStatus? { finish?.0 }

    private var finish: (NeedStatus, Date)? {
        var finished: (NeedStatus, Date)?
        for (status, from) in changes.reversed() {
            guard !status.isOpen else { break }
            finished = (status, from)
        }
        return finished
    }

    /// The intervals spent in statuses matching `predicate` (the last one runs until `now`).
    func intervals(where predicate: (NeedStatus) -> Bool) -> [DateInterval] {
        var result: [DateInterval] = []
        for (index, (status, from)) in changes.enumerated() where predicate(status) {
            let until = index + 1 < changes.count ? changes[index + 1].1 : max(now, from)
            if until > from { result.append(DateInterval(start: from, end: until)) }
        }
        return result
    }
}

extension BusinessCalendar {
    /// Every minute of every day counts: for targets in calendar minutes.
    public static var roundTheClock: BusinessCalendar {
        let allDay = [WorkingSpan(TimeOfDay(hour: 0, minute: 0)!, TimeOfDay(hour: 24, minute: 0)!)!]
        return try! BusinessCalendar(
            name: "24×7", timeZoneIdentifier: "UTC",
            weeklyHours: Dictionary(uniqueKeysWithValues: Weekday.allCases.map { ($0, allDay) }))
    }
}
