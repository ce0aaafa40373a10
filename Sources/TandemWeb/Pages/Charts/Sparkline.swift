import Foundation

/// A word-sized line (a sparkline) drawn on the server as inline SVG: one value per period,
/// oldest first, scaled from zero to the largest; the last period is marked. Its label reads
/// the values out (`3 → 5 → 9 → 20`) for screen readers and as a tooltip.
struct Sparkline: Encodable {
    static let width = 96
    static let height = 24
    /// Room left at the edges so the line and its end mark are not cut.
    static let inset = 3

    var width = Sparkline.width
    var height = Sparkline.height
    /// The polyline's points (`x,y x,y …`).
    var points: String
    var lastX: Int
    var lastY: Int
    var label: String

    init(_ values: [Int]) {
        let largest = max(values.max() ?? 0, 1)
        let span = Double(Self.width - 2 * Self.inset)
        let rise = Double(Self.height - 2 * Self.inset)
        let step = values.count > 1 ? span / Double(values.count - 1) : 0
        let coordinates = values.enumerated().map { index, value in
            (
                x: Self.inset + Int((Double(index) * step).rounded()),
                y: Self.height - Self.inset - Int((Double(value) / Double(largest) * rise).rounded())
            )
        }
        points = coordinates.map { "\($0.x),\($0.y)" }.joined(separator: " ")
        lastX = coordinates.last?.x ?? Self.inset
        lastY = coordinates.last?.y ?? Self.height - Self.inset
        label = values.map(String.init).joined(separator: " → ")
    }
}
