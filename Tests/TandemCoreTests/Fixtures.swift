import Foundation
import TandemCore
import TandemFixtures

/// Plain values for core tests: two departments and a need between them.
enum Fixtures {
    static let sales = Department.ID(UUID(uuidString: "00000000-0000-0000-0000-0000000000A1")!)
    static let it = Department.ID(UUID(uuidString: "00000000-0000-0000-0000-0000000000A2")!)
    static let hr = Department.ID(UUID(uuidString: "00000000-0000-0000-0000-0000000000A3")!)
    static let epoch = Fixture.epoch

    static func person(_ n: Int, _ department: Department.ID, _ roles: Set<Role>) -> Person {
        Person.fixture(n, in: department, roles: roles)
    }

    static func need(
        requester: Person, provider: Department.ID = it, confidential: Bool = false,
        assignees: [Person.ID] = [], status: NeedStatus = .new
    ) -> Need {
        Need.fixture(requester: requester, provider: provider, confidential: confidential, status: status, assignees: assignees)
    }
}
