import Foundation

/// A line chart drawn on the server as inline SVG: one polyline per series over labelled
/// points on the x axis, a y axis from zero to a rounded maximum with three grid lines, a legend.
/// A missing value (nil) breaks its line.
struct LineChart: Encodable {
    struct Series: Encodable {
        var name: String
        var colour: Int
        /// Polylines (`x,y x,y …`), one per unbroken run of values.
        var runs: [String]
        var points: [Point]
        var legendX: Int
        var legendTextX: Int
    }

    struct Point: Encodable {
        var x: Int
        var y: Int
        var label: String
    }

    struct Tick: Encodable {
        var x: Int
        var label: String
    }

    struct Grid: Encodable {
        var y: Int
        var textY: Int
        var label: String
    }

    static let plotLeft = 44
    static let plotTop = 24
    static let plotWidth = 560
    static let plotHeight = 160

    var id: String
    var title: String
    var width: Int
    var height: Int
    var series: [Series]
    var ticks: [Tick]
    var grid: [Grid]
    var axisY: Int
    var axisLeft = Self.plotLeft
    var axisRight: Int
    var tickY: Int

    /// - Parameters:
    ///   - labels: the x axis, one per value of every series.
    ///   - every: label only every n-th point (long series).
    init(
        id: String, title: String, labels: [String], series: [(name: String, values: [Double?])], every: Int = 1, format: (Double) -> String
    ) {
        let top = Self.niceMaximum(series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0)
        let step = labels.count > 1 ? Double(Self.plotWidth) / Double(labels.count - 1) : 0
        let x = { (index: Int) in Self.plotLeft + Int((Double(index) * step).rounded()) }
        let y = { (value: Double) in Self.plotTop + Self.plotHeight - Int((value / top * Double(Self.plotHeight)).rounded()) }
        self.id = id
        self.title = title
        width = Self.plotLeft + Self.plotWidth + 30
        height = Self.plotTop + Self.plotHeight + 26
        axisY = Self.plotTop + Self.plotHeight
        axisRight = Self.plotLeft + Self.plotWidth
        tickY = Self.plotTop + Self.plotHeight + 16
        var legendX = Self.plotLeft
        self.series = series.enumerated().map { colour, one in
            var runs: [String] = []
            var run: [String] = []
            var points: [Point] = []
            for (index, value) in one.values.enumerated() {
                guard let value else {
                    if !run.isEmpty { runs.append(run.joined(separator: " ")) }
                    run = []
                    continue
                }
                run.append("\(x(index)),\(y(value))")
                points.append(Point(x: x(index), y: y(value), label: "\(labels[safe: index] ?? ""): \(format(value))"))
            }
            if !run.isEmpty { runs.append(run.joined(separator: " ")) }
            defer { legendX += 24 + one.name.count * 13 }
            return Series(name: one.name, colour: colour % 4, runs: runs, points: points, legendX: legendX, legendTextX: legendX + 16)
        }
        ticks = labels.enumerated().filter { $0.offset % max(1, every) == 0 }.map { Tick(x: x($0.offset), label: $0.element) }
        grid = [0.0, 0.5, 1.0].map { share in
            let value = top * share
            return Grid(y: y(value), textY: y(value) + 4, label: format(value))
        }
    }

    /// 1, 2 or 5 times a power of ten, at least `value` (and at least 1).
    static func niceMaximum(_ value: Double) -> Double {
        guard value > 1 else { return 1 }
        let power = pow(10, floor(log10(value)))
        for factor in [1.0, 2.0, 5.0, 10.0] where factor * power >= value { return factor * power }
        return 10 * power
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
