import Foundation

/// A heatmap drawn on the server as inline SVG: rows × columns of cells whose shade grows with
/// the value (five steps, the largest value darkest), each cell with its number and a title.
struct Heatmap: Encodable {
    struct Cell: Encodable {
        var x: Int
        var y: Int
        var textX: Int
        var textY: Int
        var shade: Int
        var value: Int
        var title: String
    }

    struct Label: Encodable {
        var text: String
        var x: Int
        var y: Int
    }

    static let cell = 34
    var id: String
    var title: String
    var width: Int
    var height: Int
    var cells: [Cell]
    var rowLabels: [Label]
    var columnLabels: [Label]

    init(id: String, title: String, rows: [String], columns: [String], values: [[Int]], labelWidth: Int = 110, headerHeight: Int = 90) {
        let most = max(values.flatMap { $0 }.max() ?? 0, 1)
        self.id = id
        self.title = title
        width = labelWidth + columns.count * Self.cell + 10
        height = headerHeight + rows.count * Self.cell + 10
        cells = values.enumerated().flatMap { row, line in
            line.enumerated().map { column, value in
                let x = labelWidth + column * Self.cell, y = headerHeight + row * Self.cell
                return Cell(
                    x: x, y: y, textX: x + Self.cell / 2, textY: y + Self.cell / 2 + 4,
                    shade: value == 0 ? 0 : 1 + min(4, value * 4 / most), value: value,
                    title: "\(rows[safe: row] ?? "") → \(columns[safe: column] ?? ""): \(value)")
            }
        }
        rowLabels = rows.enumerated().map { Label(text: $1, x: labelWidth - 6, y: headerHeight + $0 * Self.cell + Self.cell / 2 + 4) }
        columnLabels = columns.enumerated().map { Label(text: $1, x: labelWidth + $0 * Self.cell + Self.cell / 2, y: headerHeight - 6) }
    }
}
