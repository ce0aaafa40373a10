import Foundation
import Testing

@testable import TandemCore

@Suite("The supply-chain map")
struct SupplyChainTests {
    static func edge(met: Int, decided: Int, ratingSum: Int = 0, ratings: Int = 0, volume: Int = 10) -> SupplyChainEdge {
        SupplyChainEdge(
            requestingDepartmentID: Fixtures.sales, providingDepartmentID: Fixtures.it, volume: volume, resolutionMet: met,
            resolutionDecided: decided, ratingSum: ratingSum, ratingCount: ratings)
    }

    @Test(
        "health from resolution targets met and satisfaction",
        arguments: [
            (9, 10, 0, 0, SupplyChainEdge.Health.good), (9, 10, 8, 2, .good), (9, 10, 7, 2, .fair), (8, 10, 0, 0, .fair),
            (6, 10, 10, 2, .poor), (10, 10, 5, 2, .poor), (0, 0, 0, 0, .unknown), (0, 0, 9, 2, .good),
        ])
    func health(met: Int, decided: Int, ratingSum: Int, ratings: Int, expected: SupplyChainEdge.Health) {
        #expect(Self.edge(met: met, decided: decided, ratingSum: ratingSum, ratings: ratings).health == expected)
    }

    @Test func departmentsWithoutAnEdgeAreLeftOutAndEdgesGoBusiestFirst() {
        let small = Self.edge(met: 1, decided: 1, volume: 2)
        var big = Self.edge(met: 1, decided: 1, volume: 7)
        big.requestingDepartmentID = Fixtures.hr
        let map = SupplyChainMap(
            period: ReportingPeriod("2026-Q4")!, order: [Fixtures.hr, Fixtures.sales, UUIDDepartment.other, Fixtures.it],
            pairs: [small, big])
        #expect(map.departmentIDs == [Fixtures.hr, Fixtures.sales, Fixtures.it])
        #expect(map.edges.map(\.volume) == [7, 2])
    }

    @Test func theCircleStartsAtTheTopAndCurvesBendInwardsAndApart() {
        let centre = CircleLayout.Point(x: 100, y: 100)
        let points = CircleLayout.points(count: 4, centre: centre, radius: 50)
        #expect(points.map { [Int($0.x.rounded()), Int($0.y.rounded())] } == [[100, 50], [150, 100], [100, 150], [50, 100]])
        let there = CircleLayout.control(from: points[0], to: points[2], centre: centre)
        let back = CircleLayout.control(from: points[2], to: points[0], centre: centre)
        #expect(there.x != back.x && abs(there.x - 100) == abs(back.x - 100), "A → B and B → A are two curves, mirrored")
    }
}

enum UUIDDepartment {
    static let other = Department.ID(UUID(uuidString: "00000000-0000-0000-0000-0000000000A9")!)
}
