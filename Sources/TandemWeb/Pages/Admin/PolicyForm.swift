import Foundation
import TandemCore

/// A service-level policy as a form: for each priority the first-response and resolution
/// targets in minutes (empty for none), business or calendar minutes, the statuses that stop
/// the clock, the warning share, and whether a breach raises the priority.
struct PolicyForm: Encodable {
    struct Row: Encodable {
        var priority: String
        var label: String
        var firstResponse: String
        var resolution: String
    }

    var business: Bool
    var rows: [Row]
    var pausing: Set<String>
    var warningPercent: String
    var raisePriorityOnBreach: Bool

    /// The statuses a policy may let stop the clock (waiting and finished ones).
    static let pausable: [NeedStatus] = NeedStatus.allCases.filter { ![.new, .accepted, .inProgress].contains($0) }

    init(_ policy: ServiceLevelPolicy, labels: (Priority) -> String) {
        business = policy.mode == .business
        rows = Priority.allCases.map { priority in
            Row(
                priority: priority.rawValue, label: labels(priority),
                firstResponse: policy.targets[priority]?.firstResponseMinutes.map(String.init) ?? "",
                resolution: policy.targets[priority]?.resolutionMinutes.map(String.init) ?? "")
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
                resolution: form.text("resolution_\(priority.rawValue)"))
        }
        pausing = Set(form.values("pausing_statuses"))
        warningPercent = form.text("warning_percent")
        raisePriorityOnBreach = form.flag("raise_priority_on_breach")
    }

    /// The policy the form describes; every mistake is named at once.
    func policy() throws -> ServiceLevelPolicy {
        var problems = InputProblems()
        var targets: [Priority: ServiceLevelTargets] = [:]
        func minutes(_ text: String, _ field: String) -> Int? {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { return nil }
            guard let value = Int(trimmed), (1...1_000_000).contains(value) else {
                problems.add(.invalid(field, "minutes must be a whole number from 1 to 1000000", .notANumber))
                return nil
            }
            return value
        }
        for (priority, row) in zip(Priority.allCases, rows) {
            let first = minutes(row.firstResponse, "first_response_\(priority.rawValue)")
            let resolution = minutes(row.resolution, "resolution_\(priority.rawValue)")
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
