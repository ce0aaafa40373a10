import Foundation
import TandemCore

/// The supply-chain map drawn on the server as inline SVG: departments on a circle, each "A
/// needs from B" a curved arrow from A to B — wider with more needs, coloured by health — that
/// links to the pair's scorecard.
struct SupplyChainChart: Encodable {
    struct Node: Encodable {
        var x: Int
        var y: Int
        var r: Int
        var labelX: Int
        var labelY: Int
        var anchor: String
        var name: String
        var title: String
    }

    struct Edge: Encodable {
        var path: String
        var width: String
        var health: String
        var link: String
        var title: String
    }

    static let size = 720.0
    static let radius = 250.0

    var id = "supply-chain"
    var title: String
    var width = Int(size)
    var height = Int(size)
    var nodes: [Node]
    var edges: [Edge]
    var healths = SupplyChainEdge.Health.allCases.map(\.rawValue)

    /// - Parameters:
    ///   - name: a department's name; `link`: where an edge leads; `describe`: an edge's hover text.
    init(
        _ map: SupplyChainMap, title: String, name: (Department.ID) -> String, link: (SupplyChainEdge) -> String,
        describe: (SupplyChainEdge) -> String, describeNode: (String, Int, Int) -> String
    ) {
        self.title = title
        let centre = CircleLayout.Point(x: Self.size / 2, y: Self.size / 2)
        let points = CircleLayout.points(count: map.departmentIDs.count, centre: centre, radius: Self.radius)
        let place = Dictionary(zip(map.departmentIDs, points), uniquingKeysWith: { first, _ in first })
        let most = Double(max(map.edges.map(\.volume).max() ?? 1, 1))
        var asked: [Department.ID: Int] = [:], served: [Department.ID: Int] = [:]
        for edge in map.edges {
            asked[edge.requestingDepartmentID, default: 0] += edge.volume
            served[edge.providingDepartmentID, default: 0] += edge.volume
        }
        let busiest = Double(max(map.departmentIDs.map { (asked[$0] ?? 0) + (served[$0] ?? 0) }.max() ?? 1, 1))
        nodes = map.departmentIDs.compactMap { id in
            guard let point = place[id] else { return nil }
            let total = Double((asked[id] ?? 0) + (served[id] ?? 0))
            let outward = CircleLayout.Point(x: point.x - centre.x, y: point.y - centre.y)
            let length = max((outward.x * outward.x + outward.y * outward.y).squareRoot(), 1)
            let r = 6 + 12 * (total / busiest).squareRoot()
            return Node(
                x: Int(point.x), y: Int(point.y), r: Int(r), labelX: Int(point.x + outward.x / length * (r + 8)),
                labelY: Int(point.y + outward.y / length * (r + 8) + 4),
                anchor: abs(outward.x) < 20 ? "middle" : (outward.x > 0 ? "start" : "end"), name: name(id),
                title: describeNode(name(id), asked[id] ?? 0, served[id] ?? 0))
        }
        edges = map.edges.compactMap { edge in
            guard let from = place[edge.requestingDepartmentID], let to = place[edge.providingDepartmentID] else { return nil }
            let control = CircleLayout.control(from: from, to: to, centre: centre)
            let width = 1 + 9 * Double(edge.volume) / most
            return Edge(
                path: String(format: "M %.0f %.0f Q %.0f %.0f %.0f %.0f", from.x, from.y, control.x, control.y, to.x, to.y),
                width: String(format: "%.1f", width), health: edge.health.rawValue, link: link(edge), title: describe(edge))
        }
    }
}
