import Foundation

/// How a need was served, as scorecards count it: business time from raising to the first
/// response and to resolution (on the provider's calendar, the policy's pausing statuses left
/// out, and for resolution the time it spent resolved before a reopening), and whether each
/// service-level target was met. Derived from the events with the clocks and stored with them.
public struct ServiceLevelOutcome: Hashable, Sendable {
    /// Business seconds to the first response; nil until a provider responded.
    public var responseSeconds: TimeInterval?
    /// Business seconds to resolution; nil unless the need is resolved (or closed after it).
    public var resolutionSeconds: TimeInterval?
    /// Met (true) or missed (false, responded late or not yet responded past the target); nil
    /// when there is no target or it is still running.
    public var responseMet: Bool?
    /// As `responseMet`, for resolution; a need rejected or withdrawn in time has none.
    public var resolutionMet: Bool?

    public init(
        responseSeconds: TimeInterval? = nil, resolutionSeconds: TimeInterval? = nil, responseMet: Bool? = nil,
        resolutionMet: Bool? = nil
    ) {
        self.responseSeconds = responseSeconds
        self.resolutionSeconds = resolutionSeconds
        self.responseMet = responseMet
        self.resolutionMet = resolutionMet
    }

    /// The outcome of a need from its history and clocks (see `ServiceLevelClock.derive` for the
    /// terms: providers, policy, calendar).
    public static func derive(
        events: [NeedEvent], clock: ServiceLevelClock, providers: Set<Person.ID>, policy: ServiceLevelPolicy,
        calendar: BusinessCalendar, now: Date
    ) -> ServiceLevelOutcome {
        guard let raised = events.first(where: { $0.kind == .raised }) else { return ServiceLevelOutcome() }
        let business = BusinessClock(calendar: calendar)
        let timeline = StatusTimeline(events: events, now: now)
        let paused = timeline.intervals { policy.pausingStatuses.contains($0) }
        var outcome = ServiceLevelOutcome()
        if let response = ServiceLevelClock.firstResponse(in: events, providers: providers) {
            outcome.responseSeconds = business.businessSeconds(from: raised.at, to: response.at, paused: paused)
        }
        let resolved = timeline.current == .resolved || (timeline.current == .closed && timeline.finishedStatus == .resolved)
        if resolved, let finishedAt = timeline.finishedAt {
            let stopped = timeline.intervals { !$0.isOpen }
            outcome.resolutionSeconds = business.businessSeconds(from: raised.at, to: finishedAt, paused: paused + stopped)
        }
        outcome.responseMet = verdict(clock.firstResponse)
        switch clock.resolution?.state {
        case .breached: outcome.resolutionMet = false
        case .met: outcome.resolutionMet = resolved ? true : nil
        default: outcome.resolutionMet = nil
        }
        return outcome
    }

    private static func verdict(_ measure: ServiceLevelMeasure?) -> Bool? {
        switch measure?.state {
        case .met: return true
        case .breached: return false
        default: return nil
        }
    }
}
