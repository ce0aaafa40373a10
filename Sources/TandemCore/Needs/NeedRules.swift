import Foundation

/// The rules of a need's own fields, in one place for raising, changing and importing a need
/// (and for the limits the pages and the API document announce).
public enum NeedRules {
    public static let titleLimit = 200
    public static let descriptionLimit = 20_000
    /// The largest estimate of effort, in hours.
    public static let effortLimit = 100_000

    /// The title, trimmed: required, at most `titleLimit` characters.
    public static func title(_ value: String) throws -> String {
        try Validate.requiredText(value, field: "title", max: titleLimit)
    }

    /// The description, trimmed (empty when none): at most `descriptionLimit` characters.
    public static func description(_ value: String?) throws -> String {
        try Validate.optionalText(value, field: "description", max: descriptionLimit) ?? ""
    }

    /// An estimate of effort in hours, from 0 to `effortLimit`; `nil` is no estimate.
    public static func effort(_ value: Decimal?) throws -> Decimal? {
        if let value, value.isNaN || value < 0 || value > Decimal(effortLimit) {
            throw TandemError.invalid(
                "effort_hours", "effort_hours must be between 0 and \(effortLimit)", .outOfRange,
                "0", "\(effortLimit)")
        }
        return value
    }

    /// A need is linked only to a goal open on the day it is linked (active, and that day within
    /// the goal's dates), whether the link is made when the need is raised or later: a goal that
    /// has ended or not yet begun takes no new needs.
    public static func goal(_ goal: StrategicGoal?, linkedOn day: CalendarDate) throws -> StrategicGoal {
        guard let goal, goal.isOpen(on: day) else {
            throw TandemError.invalid("strategic_goal_id", "no strategic goal open today has this id", .unknownRecord)
        }
        return goal
    }
}
