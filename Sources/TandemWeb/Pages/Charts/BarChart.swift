import Foundation

/// A horizontal bar chart drawn on the server as inline SVG (no script, nothing the page's
/// Content-Security-Policy forbids): one labelled bar per value, the longest bar full width.
struct BarChart: Encodable {
    struct Bar: Encodable {
        var label: String
        var count: Int
        var y: Int
        var textY: Int
        var width: Int
        var countX: Int
    }

    static let rowHeight = 22
    static let barWidth = 180

    var id: String
    var title: String
    var labelWidth: Int
    var width: Int
    var height: Int
    var bars: [Bar]

    /// - Parameter labelWidth: room for the labels, in pixels (longer labels need more).
    init(id: String, title: String, values: [(label: String, count: Int)], labelWidth: Int = 50) {
        let most = max(values.map(\.count).max() ?? 0, 1)
        self.id = id
        self.title = title
        self.labelWidth = labelWidth
        width = labelWidth + Self.barWidth + 50
        height = max(values.count, 1) * Self.rowHeight
        bars = values.enumerated().map { row, value in
            let width = value.count * Self.barWidth / most
            return Bar(
                label: value.label, count: value.count, y: row * Self.rowHeight, textY: row * Self.rowHeight + 13, width: width,
                countX: labelWidth + width + 6)
        }
    }
}
