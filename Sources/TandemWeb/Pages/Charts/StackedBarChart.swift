import Foundation

/// Horizontal stacked bars drawn on the server as inline SVG: one row per category, its parts
/// side by side in legend order, the longest row full width, its total at the end.
struct StackedBarChart: Encodable {
    struct Row: Encodable {
        var label: String
        var y: Int
        var textY: Int
        var total: Int
        var totalX: Int
        var parts: [Part]
    }

    struct Part: Encodable {
        var x: Int
        var width: Int
        var colour: Int
        var title: String
    }

    struct Legend: Encodable {
        var name: String
        var colour: Int
        var x: Int
        var textX: Int
    }

    static let rowHeight = 22
    static let barWidth = 360

    var id: String
    var title: String
    var labelWidth: Int
    var width: Int
    var height: Int
    var rows: [Row]
    var legend: [Legend]
    var legendY: Int
    var legendTextY: Int

    init(id: String, title: String, parts names: [String], rows values: [(label: String, counts: [Int])], labelWidth: Int = 110) {
        let most = max(values.map { $0.counts.reduce(0, +) }.max() ?? 0, 1)
        self.id = id
        self.title = title
        self.labelWidth = labelWidth
        width = labelWidth + Self.barWidth + 60
        rows = values.enumerated().map { index, row in
            var x = labelWidth
            let parts = row.counts.enumerated().map { part, count -> Part in
                defer { x += count * Self.barWidth / most }
                return Part(
                    x: x, width: count * Self.barWidth / most, colour: part % 4,
                    title: "\(row.label) · \(names[safe: part] ?? ""): \(count)")
            }
            let total = row.counts.reduce(0, +)
            return Row(
                label: row.label, y: index * Self.rowHeight, textY: index * Self.rowHeight + 13, total: total,
                totalX: labelWidth + total * Self.barWidth / most + 6, parts: parts)
        }
        legendY = max(values.count, 1) * Self.rowHeight + 14
        legendTextY = legendY + 10
        height = legendY + 16
        var x = labelWidth
        legend = names.enumerated().map { index, name in
            defer { x += 24 + name.count * 13 }
            return Legend(name: name, colour: index % 4, x: x, textX: x + 16)
        }
    }
}
