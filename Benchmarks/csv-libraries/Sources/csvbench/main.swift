import CSV
import TandemCore
import Foundation
import SwiftCSV

typealias Rows = [[String]]
let parsers: [(String, (String) throws -> Rows)] = [
    ("Tandem CSVTable", { text in let t = try CSVTable.parse(text); return [t.header] + t.records.map(\.fields) }),
    ("SwiftCSV 0.10.0", { text in let csv = try EnumeratedCSV(string: text, loadColumns: false); return [csv.header] + csv.rows }),
    ("CSV.swift 2.5.2", { text in let reader = try CSVReader(string: text, hasHeaderRow: false); var rows: Rows = []; while let row = reader.next() { rows.append(row) }; return rows }),
]
// What Excel and WPS write, and what a person's edited file holds.
let cases: [(String, String, Rows?)] = [
    ("CRLF line ends", "标题,部门\r\n打印机,IT\r\n投影仪,IT\r\n", [["标题", "部门"], ["打印机", "IT"], ["投影仪", "IT"]]),
    ("a quoted field with a comma, a doubled quote and a CRLF inside", "标题,说明\r\n\"A, B\",\"他说\"\"好\"\"\r\n第二行\"\r\n", [["标题", "说明"], ["A, B", "他说\"好\"\r\n第二行"]]),
    ("blank lines between records", "a,b\n\n1,2\n\n", [["a", "b"], ["1", "2"]]),
    ("last record without a line end", "a,b\n1,2", [["a", "b"], ["1", "2"]]),
    ("an empty last field", "a,b\n1,\n", [["a", "b"], ["1", ""]]),
    ("lone CR line ends (old Mac Excel)", "a,b\r1,2\r", [["a", "b"], ["1", "2"]]),
    ("a quote left open is an error", "a,b\n\"1,2\n3,4\n", nil),
]
for (name, parse) in parsers {
    var passed = 0
    var failures: [String] = []
    for (label, text, expected) in cases {
        let result = Result { try parse(text) }
        switch (result, expected) {
        case (.success(let rows), .some(let want)) where rows == want: passed += 1
        case (.failure, .none): passed += 1
        case (.success(let rows), _): failures.append("\(label): \(rows)")
        case (.failure(let error), _): failures.append("\(label): threw \(error)")
        }
    }
    print("\(name): \(passed)/\(cases.count) cases" + (failures.isEmpty ? "" : "\n  " + failures.joined(separator: "\n  ")))
}
// Speed: 20,000 needs of an import file (the size the browser test and the notes measure).
var text = "标题,类型,提供部门代码,提出人登录名,紧急程度,提出时间,说明\r\n"
for index in 0..<20_000 { text += "导入需求 \(index) 华东区季度销量,技术,IT,u\(index % 2000),中,2026/3/1 9:30,\"请尽快处理, 谢谢\r\n第二行\"\r\n" }
for (name, parse) in parsers {
    var best = Double.infinity
    var count = 0
    for _ in 0..<5 {
        let start = Date()
        count = try parse(text).count
        best = min(best, Date().timeIntervalSince(start))
    }
    print(String(format: "%@: %d rows, best of 5: %.1f ms", name, count, best * 1000))
}
