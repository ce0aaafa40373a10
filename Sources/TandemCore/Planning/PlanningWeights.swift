import Foundation

/// How a need's planning score is made, and how its effort is counted. The score is
///
///     score = priority points (P1 … P4)
///           + goal factor × the weight of its strategic goal (0–100; 0 without a goal)
///           + min(age cap, points per day × days since it was raised)
///
/// so urgent-and-important work comes first, work for the company's goals next, and nothing
/// waits for ever. Effort is estimated in person-hours; capacity is declared in person-days of
/// `hoursPerDay` hours. Administrators set the weights.
public struct PlanningWeights: Hashable, Sendable, Codable {
    public var p1: Double
    public var p2: Double
    public var p3: Double
    public var p4: Double
    public var goalFactor: Double
    public var pointsPerDay: Double
    public var ageCap: Double
    public var hoursPerDay: Double

    public init(
        p1: Double, p2: Double, p3: Double, p4: Double, goalFactor: Double, pointsPerDay: Double, ageCap: Double, hoursPerDay: Double
    ) {
        self.p1 = p1
        self.p2 = p2
        self.p3 = p3
        self.p4 = p4
        self.goalFactor = goalFactor
        self.pointsPerDay = pointsPerDay
        self.ageCap = ageCap
        self.hoursPerDay = hoursPerDay
    }

    public static let standard = PlanningWeights(
        p1: 100, p2: 60, p3: 30, p4: 10, goalFactor: 0.5, pointsPerDay: 1, ageCap: 60, hoursPerDay: 8)

    enum CodingKeys: String, CodingKey {
        case p1, p2, p3, p4, goalFactor = "goal_factor", pointsPerDay = "points_per_day", ageCap = "age_cap", hoursPerDay = "hours_per_day"
    }

    public func points(for priority: Priority) -> Double {
        switch priority {
        case .p1: return p1
        case .p2: return p2
        case .p3: return p3
        case .p4: return p4
        }
    }

    /// The three parts of a need's score.
    public func score(priority: Priority, goalWeight: Int?, raisedAt: Date, now: Date) -> PlanningScore {
        let days = max(0, now.timeIntervalSince(raisedAt) / 86_400)
        return PlanningScore(
            priority: points(for: priority), goal: goalFactor * Double(goalWeight ?? 0), age: min(ageCap, pointsPerDay * days))
    }

    /// Checks every weight (all ≥ 0, at most 1,000; a day of 1–24 hours), naming each bad one.
    public func validated() throws -> PlanningWeights {
        var problems = InputProblems()
        for (field, value) in [
            ("p1", p1), ("p2", p2), ("p3", p3), ("p4", p4), ("goal_factor", goalFactor), ("points_per_day", pointsPerDay),
            ("age_cap", ageCap),
        ] where !(0...1_000).contains(value) || !value.isFinite {
            problems.add(TandemError.invalid(field, "\(field) must be between 0 and 1000", .outOfRange, "0", "1000"))
        }
        if !(1...24).contains(hoursPerDay) {
            problems.add(TandemError.invalid("hours_per_day", "hours_per_day must be between 1 and 24", .outOfRange, "1", "24"))
        }
        try problems.throwIfAny()
        return self
    }
}

/// A need's planning score and where it comes from.
public struct PlanningScore: Hashable, Sendable, Codable {
    public var priority: Double
    public var goal: Double
    public var age: Double

    public var total: Double { priority + goal + age }
}
