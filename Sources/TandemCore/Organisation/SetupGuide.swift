import Foundation

/// What a new company still has to set up, in order: its departments, its people, the catalogs
/// of the providing departments, the working calendar, the service levels. The administrator's
/// home shows the steps with what is done until every one is.
public enum SetupGuide {
    public enum Step: String, CaseIterable, Sendable {
        case departments, people, catalogs, calendar, serviceLevels = "service_levels"
    }

    /// What the guide reads of the company.
    public struct Facts: Sendable {
        public var departments: Int
        public var people: Int
        public var offerings: Int
        public var hasCalendar: Bool
        public var hasPolicy: Bool

        public init(departments: Int, people: Int, offerings: Int, hasCalendar: Bool, hasPolicy: Bool) {
            self.departments = departments
            self.people = people
            self.offerings = offerings
            self.hasCalendar = hasCalendar
            self.hasPolicy = hasPolicy
        }
    }

    /// Whether a step is done: two departments (one asks, one provides), someone besides the
    /// first administrator, an offering, a company calendar and service levels saved.
    public static func isDone(_ step: Step, _ facts: Facts) -> Bool {
        switch step {
        case .departments: return facts.departments >= 2
        case .people: return facts.people >= 2
        case .catalogs: return facts.offerings >= 1
        case .calendar: return facts.hasCalendar
        case .serviceLevels: return facts.hasPolicy
        }
    }

    /// The steps with what is done; nil when all are.
    public static func steps(_ facts: Facts) -> [(step: Step, done: Bool)]? {
        let steps = Step.allCases.map { ($0, isDone($0, facts)) }
        return steps.allSatisfy(\.1) ? nil : steps
    }
}
