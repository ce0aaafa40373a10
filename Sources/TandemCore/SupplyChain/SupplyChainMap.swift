import Foundation

/// The company's supply chain of internal services over a period: departments as nodes, "A
/// needs from B" as directed edges with their volume and health. Figures only, like scorecards.
public struct SupplyChainMap: Hashable, Sendable, Codable {
    public var period: ReportingPeriod
    /// Every department on an edge, in the order the map places them.
    public var departmentIDs: [Department.ID]
    public var edges: [SupplyChainEdge]
    /// Pairs with needs in the period that the reader is not shown: too few needs to show
    /// (`PairDisclosure`).
    public var withheldPairs = 0

    public init(period: ReportingPeriod, departmentIDs: [Department.ID], edges: [SupplyChainEdge]) {
        self.period = period
        self.departmentIDs = departmentIDs
        self.edges = edges
    }

    enum CodingKeys: String, CodingKey { case period, departmentIDs = "department_ids", edges, withheldPairs = "withheld_pairs" }

    /// The map of the pairs' figures, departments in the order given (those without an edge left out).
    public init(period: ReportingPeriod, order: [Department.ID], pairs: [SupplyChainEdge]) {
        let onMap = Set(pairs.flatMap { [$0.requestingDepartmentID, $0.providingDepartmentID] })
        self.init(
            period: period, departmentIDs: order.filter(onMap.contains),
            edges: pairs.filter { $0.volume > 0 }.sorted { $0.volume != $1.volume ? $0.volume > $1.volume : $0.key < $1.key })
    }
}

/// "`requesting` needs from `providing`": the needs raised in the period and how they were served.
public struct SupplyChainEdge: Hashable, Sendable, Codable {
    public enum Health: String, Hashable, Sendable, Codable, CaseIterable {
        case good, fair, poor, unknown
    }

    public var requestingDepartmentID: Department.ID
    public var providingDepartmentID: Department.ID
    public var volume: Int
    public var resolutionMet: Int
    public var resolutionDecided: Int
    public var ratingSum: Int
    public var ratingCount: Int

    public init(
        requestingDepartmentID: Department.ID, providingDepartmentID: Department.ID, volume: Int, resolutionMet: Int,
        resolutionDecided: Int, ratingSum: Int, ratingCount: Int
    ) {
        self.requestingDepartmentID = requestingDepartmentID
        self.providingDepartmentID = providingDepartmentID
        self.volume = volume
        self.resolutionMet = resolutionMet
        self.resolutionDecided = resolutionDecided
        self.ratingSum = ratingSum
        self.ratingCount = ratingCount
    }

    enum CodingKeys: String, CodingKey {
        case requestingDepartmentID = "requesting_department_id", providingDepartmentID = "providing_department_id", volume
        case resolutionMet = "resolution_met", resolutionDecided = "resolution_decided", ratingSum = "rating_sum", ratingCount =
            "rating_count"
        case metPercent = "resolution_met_percent", ratingAverage = "rating_average", health
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(requestingDepartmentID, forKey: .requestingDepartmentID)
        try container.encode(providingDepartmentID, forKey: .providingDepartmentID)
        try container.encode(volume, forKey: .volume)
        try container.encode(resolutionMet, forKey: .resolutionMet)
        try container.encode(resolutionDecided, forKey: .resolutionDecided)
        try container.encode(ratingSum, forKey: .ratingSum)
        try container.encode(ratingCount, forKey: .ratingCount)
        try container.encode(metPercent, forKey: .metPercent)
        try container.encode(ratingAverage, forKey: .ratingAverage)
        try container.encode(health, forKey: .health)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        requestingDepartmentID = try container.decode(Department.ID.self, forKey: .requestingDepartmentID)
        providingDepartmentID = try container.decode(Department.ID.self, forKey: .providingDepartmentID)
        volume = try container.decode(Int.self, forKey: .volume)
        resolutionMet = try container.decode(Int.self, forKey: .resolutionMet)
        resolutionDecided = try container.decode(Int.self, forKey: .resolutionDecided)
        ratingSum = try container.decode(Int.self, forKey: .ratingSum)
        ratingCount = try container.decode(Int.self, forKey: .ratingCount)
    }

    var key: String { "\(requestingDepartmentID)>\(providingDepartmentID)" }

    public var metPercent: Double? { resolutionDecided == 0 ? nil : 100 * Double(resolutionMet) / Double(resolutionDecided) }
    public var ratingAverage: Double? { ratingCount == 0 ? nil : Double(ratingSum) / Double(ratingCount) }

    /// Good: resolution targets met for at least 90% and satisfaction (if rated) at least 4.
    /// Poor: met for less than 70%, or satisfaction below 3. Fair: between. Unknown: nothing
    /// decided and nothing rated yet.
    public var health: Health {
        let met = metPercent, rating = ratingAverage
        if met == nil && rating == nil { return .unknown }
        if (met.map { $0 < 70 } ?? false) || (rating.map { $0 < 3 } ?? false) { return .poor }
        if (met.map { $0 >= 90 } ?? true) && (rating.map { $0 >= 4 } ?? true) { return .good }
        return .fair
    }
}

/// Places the departments of a map on a circle (in the order given, starting at the top, going
/// clockwise), so that every edge can be drawn as a curve inside it.
public enum CircleLayout {
    public struct Point: Hashable, Sendable {
        public var x: Double
        public var y: Double

        public init(x: Double, y: Double) {
            self.x = x
            self.y = y
        }
    }

    public static func points(count: Int, centre: Point, radius: Double) -> [Point] {
        (0..<count).map { index in
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(index) / Double(max(count, 1))
            return Point(x: centre.x + radius * cos(angle), y: centre.y + radius * sin(angle))
        }
    }

    /// The control point of the quadratic curve from `from` to `to`: the middle, pulled towards the
    /// centre (so edges bend inwards, off the nodes) and moved aside to the left of the direction of
    /// travel (so A → B and B → A are two curves, not one line).
    public static func control(from: Point, to: Point, centre: Point, pull: Double = 0.3, aside: Double = 18) -> Point {
        let middle = Point(x: (from.x + to.x) / 2, y: (from.y + to.y) / 2)
        let dx = to.x - from.x, dy = to.y - from.y
        let length = max((dx * dx + dy * dy).squareRoot(), 1)
        return Point(
            x: middle.x + (centre.x - middle.x) * pull + dy / length * aside,
            y: middle.y + (centre.y - middle.y) * pull - dx / length * aside)
    }
}
