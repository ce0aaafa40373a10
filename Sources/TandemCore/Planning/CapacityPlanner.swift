import Foundation

/// Proposes which open needs a provider takes on in a period: in score order, as long as their
/// estimated effort fits the declared capacity; every need left out says why. A manager may pin
/// needs in (planned first, whatever the capacity) or out (set aside). Pure: the same inputs give
/// the same plan.
public enum CapacityPlanner {
    /// An open need to plan, with the weight of its goal (if it serves one).
    public struct Candidate: Sendable {
        public var need: Need
        public var goalWeight: Int?

        public init(need: Need, goalWeight: Int?) {
            self.need = need
            self.goalWeight = goalWeight
        }
    }

    public enum Pin: String, Hashable, Sendable, Codable, CaseIterable { case include, exclude }

    public static func plan(
        _ candidates: [Candidate], capacityDays: Double, weights: PlanningWeights, now: Date,
        pins: [Need.ID: Pin] = [:]
    ) -> PlanProposal {
        let scored = candidates.map { candidate in
            (
                candidate,
                weights.score(
                    priority: candidate.need.priority, goalWeight: candidate.goalWeight, raisedAt: candidate.need.createdAt, now: now)
            )
        }.sorted { first, second in
            if first.1.total != second.1.total { return first.1.total > second.1.total }
            if first.0.need.createdAt != second.0.need.createdAt { return first.0.need.createdAt < second.0.need.createdAt }
            return first.0.need.number.description < second.0.need.number.description
        }
        func effortDays(_ need: Need) -> Double? {
            need.effortHours.map { NSDecimalNumber(decimal: $0).doubleValue / weights.hoursPerDay }
        }
        var decisions: [Need.ID: PlanLine.Decision] = [:]
        var left = capacityDays
        // Pinned in first: the manager's word stands, even past the capacity.
        for (candidate, _) in scored where pins[candidate.need.id] == .include {
            left -= effortDays(candidate.need) ?? 0
            decisions[candidate.need.id] = .planned
        }
        for (candidate, _) in scored where decisions[candidate.need.id] == nil {
            let need = candidate.need
            if pins[need.id] == .exclude {
                decisions[need.id] = .deferred(.setAside)
            } else if let days = effortDays(need) {
                if days <= left + 1e-9 {
                    left -= days
                    decisions[need.id] = .planned
                } else {
                    decisions[need.id] = .deferred(.overCapacity(neededDays: days, leftDays: max(0, left)))
                }
            } else {
                decisions[need.id] = .deferred(.noEstimate)
            }
        }
        let lines = scored.map { candidate, score in
            PlanLine(
                needID: candidate.need.id, number: candidate.need.number, title: candidate.need.title, priority: candidate.need.priority,
                score: score, effortDays: effortDays(candidate.need), decision: decisions[candidate.need.id]!, pin: pins[candidate.need.id])
        }
        return PlanProposal(capacityDays: capacityDays, lines: lines)
    }
}

/// One need in a plan.
public struct PlanLine: Hashable, Sendable, Codable {
    public enum Decision: Hashable, Sendable {
        case planned
        case deferred(DeferReason)
    }

    /// Why a need is not in the plan.
    public enum DeferReason: Hashable, Sendable {
        /// Its effort is not estimated: estimate it to plan it.
        case noEstimate
        /// It needs more person-days than the higher-scored needs left.
        case overCapacity(neededDays: Double, leftDays: Double)
        /// The manager set it aside.
        case setAside

        public var code: String {
            switch self {
            case .noEstimate: return "no_estimate"
            case .overCapacity: return "over_capacity"
            case .setAside: return "set_aside"
            }
        }
    }

    /// The need and its number, title, priority and score when it was planned; nil on a line
    /// the reader sees only as "a confidential need" (`NeedDisclosure.confidential`).
    public var needID: Need.ID?
    public var number: NeedNumber?
    public var title: String?
    public var priority: Priority?
    public var score: PlanningScore?
    public var effortDays: Double?
    public var decision: Decision
    public var pin: CapacityPlanner.Pin?
    /// Whether the line stands for a confidential need the reader may not read.
    public var isWithheld = false

    public var isPlanned: Bool { decision == .planned }

    /// The JSON spelling: `decision` is `planned` or `deferred`, with its `reason` and, when over
    /// capacity, the days it `needed` and the days `left`.
    enum CodingKeys: String, CodingKey {
        case needID = "need_id", number, title, priority, score, effortDays = "effort_days", decision, reason
        case neededDays = "needed_days", leftDays = "left_days", pin, isWithheld = "confidential"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(needID, forKey: .needID)
        try container.encode(number, forKey: .number)
        try container.encode(title, forKey: .title)
        try container.encode(priority, forKey: .priority)
        try container.encode(score, forKey: .score)
        try container.encode(effortDays, forKey: .effortDays)
        try container.encode(pin, forKey: .pin)
        if isWithheld { try container.encode(true, forKey: .isWithheld) }
        switch decision {
        case .planned:
            try container.encode("planned", forKey: .decision)
        case .deferred(let reason):
            try container.encode("deferred", forKey: .decision)
            try container.encode(reason.code, forKey: .reason)
            if case .overCapacity(let needed, let left) = reason {
                try container.encode(needed, forKey: .neededDays)
                try container.encode(left, forKey: .leftDays)
            }
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        needID = try container.decodeIfPresent(Need.ID.self, forKey: .needID)
        number = try container.decodeIfPresent(NeedNumber.self, forKey: .number)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        priority = try container.decodeIfPresent(Priority.self, forKey: .priority)
        score = try container.decodeIfPresent(PlanningScore.self, forKey: .score)
        isWithheld = try container.decodeIfPresent(Bool.self, forKey: .isWithheld) ?? false
        effortDays = try container.decodeIfPresent(Double.self, forKey: .effortDays)
        pin = try container.decodeIfPresent(CapacityPlanner.Pin.self, forKey: .pin)
        switch (try container.decode(String.self, forKey: .decision), try container.decodeIfPresent(String.self, forKey: .reason)) {
        case ("planned", _): decision = .planned
        case (_, "no_estimate"): decision = .deferred(.noEstimate)
        case (_, "set_aside"): decision = .deferred(.setAside)
        default:
            decision = .deferred(
                .overCapacity(
                    neededDays: try container.decodeIfPresent(Double.self, forKey: .neededDays) ?? 0,
                    leftDays: try container.decodeIfPresent(Double.self, forKey: .leftDays) ?? 0))
        }
    }

    public init(
        needID: Need.ID?, number: NeedNumber?, title: String?, priority: Priority?, score: PlanningScore?, effortDays: Double?,
        decision: Decision, pin: CapacityPlanner.Pin?
    ) {
        self.needID = needID
        self.number = number
        self.title = title
        self.priority = priority
        self.score = score
        self.effortDays = effortDays
        self.decision = decision
        self.pin = pin
    }
}

extension PlanLine {
    /// The line as a reader sees it, who sees `disclosure` of its need: whole, as "a confidential
    /// need" (the effort and the decision, which the capacity needs, and nothing that names it),
    /// or not at all.
    public func seen(_ disclosure: NeedDisclosure) -> PlanLine? {
        switch disclosure {
        case .full: return self
        case .none: return nil
        case .confidential:
            var line = PlanLine(
                needID: nil, number: nil, title: nil, priority: nil, score: nil, effortDays: effortDays, decision: decision, pin: nil)
            line.isWithheld = true
            return line
        }
    }
}

/// A proposed (or committed) plan: the needs in score order, each planned or deferred.
public struct PlanProposal: Hashable, Sendable, Codable {
    public var capacityDays: Double
    public var lines: [PlanLine]

    public init(capacityDays: Double, lines: [PlanLine]) {
        self.capacityDays = capacityDays
        self.lines = lines
    }

    public var plannedDays: Double { lines.filter(\.isPlanned).compactMap(\.effortDays).reduce(0, +) }

    /// The plan as a reader sees it: each line as `disclosure` says of its need (`needs`: the
    /// lines' needs as they are now; a line whose need is gone only for administrators).
    public func seen(by visibility: NeedVisibility, needs: [Need.ID: Need]) -> PlanProposal {
        PlanProposal(
            capacityDays: capacityDays,
            lines: lines.compactMap { line in
                guard let id = line.needID else { return line }
                guard let need = needs[id] else { return visibility == .everything ? line : nil }
                return line.seen(visibility.disclosure(of: need))
            })
    }
    /// Capacity left after the planned needs (negative when pinned needs overbook it).
    public var leftDays: Double { capacityDays - plannedDays }

    enum CodingKeys: String, CodingKey { case capacityDays = "capacity_days", lines, plannedDays = "planned_days", leftDays = "left_days" }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(capacityDays, forKey: .capacityDays)
        try container.encode(lines, forKey: .lines)
        try container.encode(plannedDays, forKey: .plannedDays)
        try container.encode(leftDays, forKey: .leftDays)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        capacityDays = try container.decode(Double.self, forKey: .capacityDays)
        lines = try container.decode([PlanLine].self, forKey: .lines)
    }
}
