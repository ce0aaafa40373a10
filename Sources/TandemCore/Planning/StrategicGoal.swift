import Foundation

/// A company goal (战略目标) that needs can serve, for a period; its weight feeds the planning score.
public struct StrategicGoal: Hashable, Sendable, Codable, Identifiable {
    public typealias ID = Identifier<StrategicGoal>

    public var id: ID
    public var title: String
    public var description: String
    /// 0–100; how strongly serving this goal raises a need's planning score.
    public var weight: Int
    /// The days the goal runs; open-ended on either side when nil.
    public var startsOn: CalendarDate?
    public var endsOn: CalendarDate?
    public var isActive: Bool

    public init(
        id: ID, title: String, description: String = "", weight: Int, startsOn: CalendarDate? = nil, endsOn: CalendarDate? = nil,
        isActive: Bool = true
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.weight = weight
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.isActive = isActive
    }

    /// The JSON spelling (snake_case), written out so that no key conversion runs per value.
    enum CodingKeys: String, CodingKey {
        case id, title, description, weight, startsOn = "starts_on", endsOn = "ends_on", isActive = "is_active"
    }

    /// Whether needs can be linked to it on `day`: active, and the day within its period.
    public func isOpen(on day: CalendarDate) -> Bool {
        isActive && (startsOn.map { $0 <= day } ?? true) && (endsOn.map { day <= $0 } ?? true)
    }
}

/// What a goal is set to (new or changed).
public struct GoalInput: Sendable {
    public var title: String
    public var description: String
    public var weight: Int
    public var startsOn: CalendarDate?
    public var endsOn: CalendarDate?
    public var isActive: Bool

    public init(
        title: String, description: String = "", weight: Int, startsOn: CalendarDate? = nil, endsOn: CalendarDate? = nil,
        isActive: Bool = true
    ) {
        self.title = title
        self.description = description
        self.weight = weight
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.isActive = isActive
    }

    /// The goal it describes; every bad field named at once.
    public func goal(id: StrategicGoal.ID) throws -> StrategicGoal {
        var problems = InputProblems()
        let title = try problems.check { try Validate.requiredText(self.title, field: "title", max: 200) }
        let description = try problems.check { try Validate.optionalText(self.description, field: "description", max: 5_000) }
        if !(0...100).contains(weight) {
            problems.add(TandemError.invalid("weight", "weight must be between 0 and 100", .outOfRange, "0", "100"))
        }
        if let startsOn, let endsOn, endsOn < startsOn {
            problems.add(TandemError.invalid("ends_on", "ends_on must not be before starts_on", .outOfRange, startsOn.description, "—"))
        }
        try problems.throwIfAny()
        return StrategicGoal(
            id: id, title: title ?? "", description: (description ?? nil) ?? "", weight: weight, startsOn: startsOn,
            endsOn: endsOn, isActive: isActive)
    }
}

/// Effort and outcomes of the needs linked to a goal.
public struct GoalFigures: Hashable, Sendable, Codable {
    public var goalID: StrategicGoal.ID
    public var needs: Int
    public var open: Int
    public var resolved: Int
    /// Estimated person-hours of every linked need, and of those resolved.
    public var effortHours: Double
    public var resolvedEffortHours: Double
    public var resolutionMet: Int
    public var resolutionDecided: Int
    public var ratingSum: Int
    public var ratingCount: Int

    public init(
        goalID: StrategicGoal.ID, needs: Int = 0, open: Int = 0, resolved: Int = 0, effortHours: Double = 0,
        resolvedEffortHours: Double = 0,
        resolutionMet: Int = 0, resolutionDecided: Int = 0, ratingSum: Int = 0, ratingCount: Int = 0
    ) {
        self.goalID = goalID
        self.needs = needs
        self.open = open
        self.resolved = resolved
        self.effortHours = effortHours
        self.resolvedEffortHours = resolvedEffortHours
        self.resolutionMet = resolutionMet
        self.resolutionDecided = resolutionDecided
        self.ratingSum = ratingSum
        self.ratingCount = ratingCount
    }

    enum CodingKeys: String, CodingKey {
        case goalID = "goal_id", needs, open, resolved, effortHours = "effort_hours", resolvedEffortHours = "resolved_effort_hours"
        case resolutionMet = "resolution_met", resolutionDecided = "resolution_decided", ratingSum = "rating_sum", ratingCount =
            "rating_count"
    }
}
