import Foundation

/// Keeping the stored deadlines right and announcing each warning and breach exactly once.
/// Every change of a need asks for a refresh (a job in the same transaction); the watcher asks
/// for one when a need's next warning or breach comes due. Any number of refreshes, in any
/// number of processes, announce each alert once: the alert's row and its event are one write.
extension ServiceLevelWorkflow {
    public static let refreshKind = "sla.refresh"

    public struct Refresh: Codable, Sendable {
        public var needID: Need.ID
        /// Records the alerts already due without announcing them: an imported need's past.
        public var quiet: Bool
        public init(needID: Need.ID, quiet: Bool = false) {
            self.needID = needID
            self.quiet = quiet
        }
        enum CodingKeys: String, CodingKey { case needID = "need_id", quiet }
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            needID = try container.decode(Need.ID.self, forKey: .needID)
            quiet = try container.decodeIfPresent(Bool.self, forKey: .quiet) ?? false
        }
    }

    /// The refresh a change of the need asks for; `quiet` for a need brought in with its past.
    public static func refreshJob(for need: Need.ID, id: Job.ID, at now: Date, dedupKey: String? = nil, quiet: Bool = false) throws -> Job {
        try Job.make(refreshKind, Refresh(needID: need, quiet: quiet), id: id, at: now, dedupKey: dedupKey)
    }

    /// The refreshes the watcher asks for: one per need whose next warning or breach has come.
    /// Their keys name the need and the moment, so watchers in several processes ask once.
    public func dueRefreshes(limit: Int = 500) async throws -> [Job] {
        let now = needs.clock.now()
        return try await store.needsToCheck(at: now, limit: limit).map { entry in
            try Self.refreshJob(
                for: entry.need, id: needs.ids.next(), at: now,
                dedupKey: "sla:\(entry.need):\(entry.checkAt.timeIntervalSince1970)")
        }
    }

    /// Announces the alerts the need's clocks call for and stores its deadlines. A `quiet`
    /// refresh records the alerts due now as announced and tells no one: the warnings and
    /// breaches of an imported need's past are history, not news (its later ones are announced).
    public func refresh(_ needID: Need.ID, quiet: Bool = false) async throws {
        // NB: at most four alerts a need (two targets, warning and breach), each one write; the
        // rest of the rounds absorb writes of others that came in between.
        for _ in 0..<12 {
            guard let need = try await needs.needs.need(needID) else { return }
            let now = needs.clock.now()
            let policy = try await effectivePolicy(of: need.offeringID)
            let events = try await needs.needs.events(of: need.id)
            let (providers, calendar) = try await terms(of: need, events: events)
            let clock = ServiceLevelClock.derive(
                events: events, priority: need.priority, providers: providers, policy: policy,
                calendar: calendar, now: now)
            let announced = try await store.alerts(of: needID)
            let due = ServiceLevelDeadlines.alerts(clock, of: needID).filter { !announced.contains($0) }
            if quiet, !due.isEmpty {
                try await store.recordQuietly(due, at: now)
                continue
            }
            guard let alert = due.first else {
                let outcome = ServiceLevelOutcome.derive(
                    events: events, clock: clock, providers: providers, policy: policy,
                    calendar: calendar, now: now)
                try await store.setDeadlines(ServiceLevelDeadlines(clock, now: now), outcome: outcome, of: needID, version: need.version)
                return
            }
            try await announce(alert, on: need, raisePriority: policy.raisePriorityOnBreach, at: now)
        }
        throw TandemError(.conflict, "the need kept changing while its service level was refreshed; the job tries again")
    }

    /// The clocks of a need as of `now`.
    public func derive(_ need: Need, policy: ServiceLevelPolicy, now: Date) async throws -> ServiceLevelClock {
        try await derive(need, events: try await needs.needs.events(of: need.id), policy: policy, now: now)
    }

    /// The clocks of a need whose history is at hand.
    func derive(_ need: Need, events: [NeedEvent], policy: ServiceLevelPolicy, now: Date) async throws -> ServiceLevelClock {
        let (providers, calendar) = try await terms(of: need, events: events)
        return ServiceLevelClock.derive(
            events: events, priority: need.priority, providers: providers, policy: policy,
            calendar: calendar, now: now)
    }

    /// Who counts as the provider among the people in the history, and the provider's calendar.
    private func terms(of need: Need, events: [NeedEvent]) async throws -> (providers: Set<Person.ID>, calendar: BusinessCalendar) {
        let actors = Array(Set(events.map(\.actorID)))
        let providers = Set(
            try await needs.organisation.people(actors).filter { person in
                AccessPolicy.answersForProvider(of: need, person)
            }.map(\.id))
        return (providers, try await effectiveCalendar(of: need.providingDepartmentID))
    }

    /// One alert as one event by Tandem itself; a resolution breach raises the priority one
    /// step when the policy says so. A conflict means another writer was first: with the alert
    /// (then it is done) or with another change (then the caller looks again).
    private func announce(_ alert: ServiceLevelAlert, on current: Need, raisePriority: Bool, at now: Date) async throws {
        var need = current
        var changes = [NeedEvent.Change(field: "target", old: nil, new: alert.target.rawValue)]
        if alert.level == .breach, alert.target == .resolution, raisePriority, need.priority.raised != need.priority {
            changes.append(NeedEvent.Change(field: "priority", old: need.priority.rawValue, new: need.priority.raised.rawValue))
            need.priority = need.priority.raised
        }
        need.updatedAt = now
        need.version = current.version + 1
        let event = NeedEvent(
            id: needs.ids.next(), needID: need.id, actorID: NeedEvent.systemActor, at: now,
            kind: alert.level == .warning ? .serviceLevelWarning : .serviceLevelBreach, changes: changes)
        var write = NeedWrite(need: need, events: [event])
        write.serviceLevelAlerts = [alert]
        write.jobs = [try NeedWorkflow.followUpJob(for: write, id: needs.ids.next(), at: now)]
        do {
            try await needs.needs.apply(write, over: current)
        } catch let error as TandemError where error.code == .conflict {
            // NB: announced by someone else, or the need changed meanwhile: the loop reads it again.
        }
    }
}
