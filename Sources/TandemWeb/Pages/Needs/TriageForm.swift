import Foundation
import TandemCore
import Vapor

/// How the providing department judges a need, as its page shows the form: urgency, importance,
/// the estimated effort (person-hours, what the planner counts) and the strategic goal it serves.
struct TriageForm: Encodable {
    var urgencies: [Choice]
    var importances: [Choice]
    var effort: String
    var goals: [Choice]
    var errors: [String: String]

    static let fields = ["urgency", "importance", "effort_hours", "strategic_goal_id"]

    /// - Parameter goals: the goals open today (the need's own is kept in the list even when it has ended).
    init(_ need: Need, goals: [StrategicGoal], errors: FieldErrors, _ request: Request) {
        let t = { (key: String) in request.t(key) }
        urgencies = Urgency.allCases.map { Choice(value: $0.rawValue, label: t("urgency.\($0.rawValue)"), selected: $0 == need.urgency) }
        importances = Importance.allCases.map {
            Choice(value: $0.rawValue, label: t("importance.\($0.rawValue)"), selected: $0 == need.importance)
        }
        effort = need.effortHours.map { "\($0)" } ?? ""
        self.goals =
            [Choice(value: "", label: t("triage.no_goal"), selected: need.strategicGoalID == nil)]
            + goals.map { Choice(value: $0.id.description, label: "\($0.title) (\($0.weight))", selected: $0.id == need.strategicGoalID) }
        self.errors = errors.messages(for: Self.fields)
    }

    /// The change the form asks for.
    static func patch(_ form: PageForm) throws -> NeedPatch {
        var patch = NeedPatch()
        var problems = InputProblems()
        patch.urgency = try problems.check { try form.enumValue("urgency", Urgency.self) } ?? nil
        patch.importance = try problems.check { try form.enumValue("importance", Importance.self) } ?? nil
        let effort = form.text("effort_hours").trimmingCharacters(in: .whitespaces)
        if effort.isEmpty {
            patch.effortHours = .some(nil)
        } else if let hours = Decimal(string: effort, locale: Locale(identifier: "en_US_POSIX")), hours >= 0, hours <= 10_000 {
            patch.effortHours = .some(hours)
        } else {
            problems.add(
                TandemError.invalid("effort_hours", "effort_hours must be a number of hours from 0 to 10000", .outOfRange, "0", "10000"))
        }
        patch.strategicGoalID = .some(try problems.check { try form.id("strategic_goal_id") as StrategicGoal.ID? } ?? nil)
        try problems.throwIfAny()
        return patch
    }
}
