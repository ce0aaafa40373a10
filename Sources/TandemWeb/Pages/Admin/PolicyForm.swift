import Foundation
import TandemCore

/// A service-level policy as a form: for each priority the first-response and resolution
/// targets as an amount and a unit — minutes, hours, or days (a working day of the calendar when
/// the clock runs in working time, 24 hours otherwise); empty for none — business or calendar
/// time, the statuses that stop the clock, the warning share, and whether a breach raises the
/// priority. The API keeps minutes.
struct PolicyForm: Encodable {
    struct Row: Encodable {
        var priority: String
        var label: String
        var firstResponse: String
        var firstResponseUnit: String
        var resolution: String
        var resolutionUnit: String
    }

    /// The units a target is entered in.
    enum Unit: String, CaseIterable {
        case minutes, hours, days

        func minutes(dayMinutes: Int) -> Int {
            switch self {
            case .minutes: return 1
            case .hours: return 60
            case .days: return dayMinutes
            }
        }
    }

    var business: Bool
    var rows: [Row]
    var pausing: Set<String>
    var warningPercent: String
    var raisePriorityOnBreach: Bool

    /// The statuses a policy may let stop the clock (waiting and finished ones).
    static let pausable: [NeedStatus] = NeedStatus.allCases.filter { ![.new, .accepted, .inProgress].contains($0) }

    /// `workingDay`: the working minutes of a day of the calendar the policy's clock runs on.
    init(_ policy: ServiceLevelPolicy, workingDay: Int, labels: (Priority) -> String) {
        business = policy.mode == .business
        let day = business ? workingDay : 24 * 60
        rows = Priority.allCases.map { priority in
            let first = Self.amount(policy.targets[priority]?.firstResponseMinutes, dayMinutes: day)
            let resolution = Self.amount(policy.targets[priority]?.resolutionMinutes, dayMinutes: day)
            return Row(
                priority: priority.rawValue, label: labels(priority), firstResponse: first.amount, firstResponseUnit: first.unit.rawValue,
                resolution: resolution.amount, resolutionUnit: resolution.unit.rawValue)
        }
        pausing = Set(policy.pausingStatuses.map(\.rawValue))
        warningPercent = String(policy.warningPercent)
        raisePriorityOnBreach = policy.raisePriorityOnBreach
    }

    init(_ form: PageForm, labels: (Priority) -> String) {
        business = form.string("mode") != "calendar"
        rows = Priority.allCases.map { priority in
            Row(
                priority: priority.rawValue, label: labels(priority), firstResponse: form.text("first_response_\(priority.rawValue)"),
                firstResponseUnit: form.text("first_response_\(priority.rawValue)_unit"),
                resolution: form.text("resolution_\(priority.rawValue)"), resolutionUnit: form.text("resolution_\(priority.rawValue)_unit"))
        }
        pausing = Set(form.values("pausing_statuses"))
        warningPercent = form.text("warning_percent")
        raisePriorityOnBreach = form.flag("raise_priority_on_breach")
    }

    /// A stored target in the largest unit that holds it exactly (`2` days, `90` minutes).
    static func amount(_ minutes: Int?, dayMinutes: Int) -> (amount: String, unit: Unit) {
        guard let minutes else { return ("", .hours) }
        if minutes % dayMinutes == 0 { return (String(minutes / dayMinutes), .days) }
        if minutes % 60 == 0 { return (String(minutes / 60), .hours) }
        return (String(minutes), .minutes)
    }

    /// The policy the form describes; every mistake is named at once.
    func policy(workingDay: Int) throws -> ServiceLevelPolicy {
        var problems = InputProblems()
        var targets: [Priority: ServiceLevelTargets] = [:]
        let day = business ? workingDay : 24 * 60
        /// An amount (`1.5`, `１．５`) in a unit, as whole minutes from 1 to 1,000,000.
        func minutes(_ text: String, unit: String, _ field: String) -> Int? {
            let trimmed = text.applyingTransform(.fullwidthToHalfwidth, reverse: false)?.trimmingCharacters(in: .whitespaces) ?? ""
            guard !trimmed.isEmpty else { return nil }
            let factor = (Unit(rawValue: unit) ?? .minutes).minutes(dayMinutes: day)
            guard let amount = Decimal(string: trimmed), amount > 0 else {
                problems.add(.invalid(field, "a target is a number", .notANumber))
                return nil
            }
            let exact = amount * Decimal(factor)
            var whole = Decimal()
            var rounding = exact
            NSDecimalRound(&whole, &rounding, 0, .plain)
            guard whole == exact, whole >= 1, whole <= 1_000_000 else {
                problems.add(.invalid(field, "a target is whole minutes from 1 to 1000000", .targetRange))
                return nil
            }
            return NSDecimalNumber(decimal: whole).intValue
        }
        for (priority, row) in zip(Priority.allCases, rows) {
            let first = minutes(row.firstResponse, unit: row.firstResponseUnit, "first_response_\(priority.rawValue)")
            let resolution = minutes(row.resolution, unit: row.resolutionUnit, "resolution_\(priority.rawValue)")
            if first != nil || resolution != nil {
                targets[priority] = ServiceLevelTargets(firstResponseMinutes: first, resolutionMinutes: resolution)
            }
        }
        let warning = Int(warningPercent.trimmingCharacters(in: .whitespaces))
        if warning == nil || !(1...99).contains(warning!) {
            problems.add(.invalid("warning_percent", "warning_percent must be between 1 and 99", .notANumber))
        }
        let statuses = Set(pausing.compactMap(NeedStatus.init(rawValue:)).filter(Self.pausable.contains))
        try problems.throwIfAny()
        return try ServiceLevelPolicy(
            mode: business ? .business : .calendar, targets: targets, pausingStatuses: statuses,
            warningPercent: warning ?? 80, raisePriorityOnBreach: raisePriorityOnBreach)
    }
}
