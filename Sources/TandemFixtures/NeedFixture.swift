import Foundation
import TandemCore

extension Need {
    /// A need for tests that build one without a database or a workflow: every field has a plain
    /// default, so a test names only what it is about. (A new field of `Need` gets its default
    /// here once, not in every test.)
    public static func fixture(
        id: ID = ID(UUID()), number: NeedNumber = NeedNumber(year: 2026, sequence: 1), title: String = "t", description: String = "",
        kind: NeedKind = .technology, requester: Person, provider: Department.ID, offeringID: ServiceOffering.ID? = nil,
        urgency: Urgency = .medium, importance: Importance = .medium, priority: Priority = .p3, effortHours: Decimal? = nil,
        desiredDate: CalendarDate? = nil, strategicGoalID: StrategicGoal.ID? = nil, confidential: Bool = false,
        status: NeedStatus = .new, assignees: [Person.ID] = [], formAnswers: [String: FormAnswer] = [:],
        createdAt: Date = Fixture.epoch, resolvedAt: Date? = nil, closedAt: Date? = nil, version: Int = 1
    ) -> Need {
        Need(
            id: id, number: number, title: title, description: description, kind: kind,
            requesterID: requester.id, requestingDepartmentID: requester.departmentID, providingDepartmentID: provider,
            offeringID: offeringID, urgency: urgency, importance: importance, priority: priority, effortHours: effortHours,
            desiredDate: desiredDate, strategicGoalID: strategicGoalID, isConfidential: confidential, status: status,
            assigneeIDs: assignees, formAnswers: formAnswers, createdAt: createdAt, updatedAt: createdAt,
            resolvedAt: resolvedAt, closedAt: closedAt, version: version)
    }
}

extension Person {
    /// Person number `n` of a department, for tests: login `p<n>`, an id that spells `n`.
    public static func fixture(_ n: Int, in department: Department.ID, roles: Set<Role>) -> Person {
        Person(
            id: ID(UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", n))!), login: "p\(n)",
            displayName: "P\(n)", email: nil, departmentID: department, roles: roles, language: .zhCN, createdAt: Fixture.epoch)
    }
}

/// The fixtures' shared values.
public enum Fixture {
    /// The moment fixtures are made at (2026-11-18).
    public static let epoch = Date(timeIntervalSince1970: 1_795_000_000)
}
