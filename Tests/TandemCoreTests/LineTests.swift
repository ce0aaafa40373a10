import Foundation
import TandemCore
import Testing

@Suite("Lines of typed text")
struct LineTests {
    @Test(
        "CRLF, LF and a lone CR all end a line; blank lines keep the numbering",
        arguments: [
            "2026-01-01 元旦\r\n\r\n2026-10-01..2026-10-07 国庆节\r\n", "2026-01-01 元旦\n\n2026-10-01..2026-10-07 国庆节\n",
            "2026-01-01 元旦\r\r2026-10-01..2026-10-07 国庆节\r",
        ])
    func lineEnds(text: String) {
        #expect(text.numberedLines.map(\.number) == [1, 3])
        #expect(text.nonBlankLines == ["2026-01-01 元旦", "2026-10-01..2026-10-07 国庆节"])
        #expect(text.withLineFeeds == "2026-01-01 元旦\n\n2026-10-01..2026-10-07 国庆节\n")
    }

    @Test func firstLineSkipsBlankOnes() {
        #expect("\r\n  打印机坏了  \r\n请尽快".firstLine(max: 200) == "打印机坏了")
        #expect("一二三四五".firstLine(max: 3) == "一二三")
    }
}
