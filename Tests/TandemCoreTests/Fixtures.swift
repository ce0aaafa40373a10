import Foundation
import TandemCore

/// Plain values for core tests: two departments and a need between them.
enum Fixtures {
    static let sales = Department.ID(UUID(uuidString: "00000000-0000-0000-0000-0000000000A1")!)
    static let it = Department.ID(UUID(uuidString: "00000000-0000-0000-0000-0000000000A2")!)
    static let hr = Department.ID(UUID(uuidString: "00000000-0000-0000-0000-0000000000A3")!)
    static let epoch = Date(timeIntervalSince1970: 1_795_000_000)

    static func person(_ n: Int, _ department: Department.ID, _ roles: Set<Role>) -> Person {
        Person(id: .init(UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", n))!), login: "p\(n)",
               displayName: "P\(n)", email: nil, departmentID: department, roles: roles, language: .zhCN, createdAt: epoch)
    }

    static func need(requester: Person, provider: Department.ID = it, confidential: Bool = false,
                     assignees: [Person.ID] = [], status: NeedStatus = .new) -> Need {
        Need(id: .init(UUID()), number: NeedNumber(year: 2026, sequence: 1), title: "t", description: "", kind: .technology,
             requesterID: requester.id, requestingDepartmentID: requester.departmentID, providingDepartmentID: provider,
             offeringID: nil, urgency: .medium, importance: .medium, priority: .p3, effortHours: nil, desiredDate: nil,
             strategicGoalID: nil, isConfidential: confidential, status: status, assigneeIDs: assignees, formAnswers: [:],
             createdAt: epoch, updatedAt: epoch, resolvedAt: nil, closedAt: nil, version: 1)
    }
}
