import Foundation
import Testing

@testable import TandemCore

@Suite("Key needs and themes: TF-IDF terms, rising themes, recurring needs on fixed data")
struct ThemeTests {
    static let sequence = Counter()
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int {
            lock.withLock {
                value += 1; return value
            }
        }
    }

    static func document(_ title: String, _ description: String = "", provider: Department.ID = Fixtures.it) -> ThemeAnalysis.Document {
        let sequence = Self.sequence.next()
        return ThemeAnalysis.Document(
            needID: .init(UUID(number: sequence)), number: NeedNumber(year: 2026, sequence: sequence), title: title,
            description: description, providingDepartmentID: provider)
    }

    @Test func termsAreChineseStringsAndLatinWordsAndPairs() {
        let terms = ThemeAnalysis.terms(of: "请导出销售数据 for the VPN access 2026")
        #expect(terms.isSuperset(of: ["导出", "销售", "销售数据", "出销售", "vpn", "access", "vpn access"]))
        #expect(!terms.contains("for") && !terms.contains("the") && !terms.contains("for the") && !terms.contains("2026"))
        #expect(!terms.contains("请导出销售"), "at most four characters")
        #expect(!terms.contains("the vpn"), "a pair with a stop word says nothing")
    }

    @Test func keyTermsRiseAndRecurringNeedsAreFoundWithKnownAnswers() {
        let current = [
            Self.document("导出华东区销售数据", "月度经营会议要用"), Self.document("导出华南区销售数据", "月度经营会议要用"),
            Self.document("导出华北区销售数据"), Self.document("导出西部区销售数据"),
            Self.document("VPN 账号开通"), Self.document("VPN 账号开通 新员工"), Self.document("VPN 账号开通 外包"),
            Self.document("打印机卡纸"),
        ]
        let previous = [
            Self.document("打印机卡纸"), Self.document("打印机维修"), Self.document("VPN 账号开通"), Self.document("会议室预订"),
            Self.document("会议室预订"), Self.document("笔记本电脑更换"),
        ]
        let result = ThemeAnalysis.analyse(current, previous: previous)
        #expect(result.needs == 8 && result.previousNeeds == 6)
        // 销售数据 and 导出 stand for their parts; the four-character phrase wins over its pieces
        let top = result.keyTerms.prefix(3).map(\.term)
        #expect(top.contains("销售数据") && !result.keyTerms.contains { $0.term == "售数" })
        #expect(result.keyTerms.first { $0.term == "销售数据" }?.count == 4)
        // rising: 销售数据 is new (4 now, 0 before); vpn grew from 1 of 6 to 3 of 8 (×2.25); 打印机 fell
        let rising = Dictionary(uniqueKeysWithValues: result.rising.map { ($0.term, $0) })
        #expect(rising["销售数据"]?.growth == 99 && rising["销售数据"]?.previousCount == 0)
        #expect(rising["vpn 账号开通"] == nil, "a Latin word and a Chinese run are not one phrase")
        #expect(abs((rising["vpn"]?.growth ?? 0) - (3.0 / 8) / (1.0 / 6)) < 1e-9)
        #expect(rising["打印机"] == nil)
        // recurring: the four sales-data exports and the three VPN accounts; the printer is alone
        #expect(result.recurring.map(\.count) == [4, 3])
        #expect(result.recurring[0].title == "导出华东区销售数据" && result.recurring[1].title == "VPN 账号开通")
        #expect(result.recurring[1].numbers == current[4...6].map(\.number))
    }

    @Test func nothingToSayAboutAnEmptyPeriod() {
        let result = ThemeAnalysis.analyse([], previous: [Self.document("打印机卡纸")])
        #expect(result.keyTerms.isEmpty && result.rising.isEmpty && result.recurring.isEmpty)
    }
}
