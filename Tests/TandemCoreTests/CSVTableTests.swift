import Foundation
import Testing

@testable import TandemCore

@Suite("CSV files as spreadsheets write them")
struct CSVTableTests {
    @Test("quotes, doubled quotes, commas and line breaks inside quotes, CRLF and LF, blank lines; each record knows its line")
    func parsesRecords() throws {
        let text = " Code , NAME \r\nA,\"x, \"\"y\"\"\"\r\n\r\nB,\"two\nlines\"\nC,plain \"inner\" quote\nD,\"\"\n,\n"
        let table = try CSVTable.parse(text)
        #expect(table.header == ["code", "name"])
        #expect(table.records.map(\.line) == [2, 4, 6, 7, 8])
        #expect(
            table.records.map(\.fields) == [
                ["A", "x, \"y\""], ["B", "two\nlines"], ["C", "plain \"inner\" quote"], ["D", ""], ["", ""],
            ])
    }

    @Test("the last record needs no line end; a quote left open names the line it opened on; an empty file is refused")
    func edges() throws {
        #expect(try CSVTable.parse("a,b\n1,2").records == [.init(line: 2, fields: ["1", "2"])])
        #expect(throws: TandemError.invalid("file", "a quote opened on line 3 is never closed", .lineFormat, "3")) {
            try CSVTable.parse("a,b\n1,2\n3,\"open\n4,5\n")
        }
        #expect(throws: TandemError.self) { try CSVTable.parse("\r\n\n") }
    }

    @Test("UTF-8 with or without its byte-order mark, and GB18030 (GBK) as Chinese Excel saves it, four-byte characters too")
    func decodesText() throws {
        let text = "名称,代码\n信息技术部,IT\n𠮷野家,Y\n"
        #expect(try ImportText.decode(Array(text.utf8)) == (text, .utf8))
        #expect(try ImportText.decode([0xEF, 0xBB, 0xBF] + Array(text.utf8)) == (text, .utf8))
        let gb = try #require(text.data(using: ImportText.gb18030))
        #expect(Array(gb.prefix(4)) == [0xC3, 0xFB, 0xB3, 0xC6], "名称 in GBK")
        #expect(try ImportText.decode(Array(gb)) == (text, .gb18030))
    }
}

@Suite("Import headers")
struct ImportHeaderTests {
    @Test("the pages' Chinese labels name the columns as the English names do, in any order")
    func pageLabels() {
        let people = ImportSchema.resolve(["界面语言", "姓名", "登录名", "部门代码"], kind: .people)
        #expect(people.problems.isEmpty && people.columns == [0: "language", 1: "display_name", 2: "login", 3: "department_code"])
        let needs = ImportSchema.resolve(["标题", "需求类型", "提供部门代码", "提出人登录名", "需求说明", "期望完成日期"], kind: .needs)
        #expect(
            needs.problems.isEmpty && needs.columns[1] == "kind" && needs.columns[4] == "description" && needs.columns[5] == "desired_date")
        #expect(!ImportSchema.resolve(["标题", "提出人"], kind: .needs).problems.isEmpty, "a required column missing is named")
    }
}
