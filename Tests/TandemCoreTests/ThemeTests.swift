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

    static func phrases(_ texts: [String], minimum: Int = 2) -> Set<String> {
        Set(PhraseMining.phrases(in: texts, minimumDocuments: minimum).map(\.text))
    }

    @Test func phrasesGrowToTheLongestThatStandAsPhrases() {
        let texts = [
            "招聘两名销售代表，请尽快处理", "华东区招聘销售代表。请尽快处理", "急招销售代表 请尽快处理！", "销售代表离职了，请尽快处理",
            "导出 VPN access log for the audit", "VPN access for the new staff",
        ]
        let found = Self.phrases(texts)
        #expect(found.isSuperset(of: ["销售代表", "请尽快处理", "vpn", "access", "vpn access"]))
        // fragments that cross a word: always followed by 表 / 理, or always preceded by 销 / 快
        #expect(found.isDisjoint(with: ["名销售代", "销售代", "请尽快处", "售代表", "尽快处理", "售代"]))
        #expect(!found.contains("the") && !found.contains("for the") && !found.contains("access log"), "stop words; held once")
        #expect(Self.phrases(["報銷流程", "报销流程说明"]).contains("报销流程"), "traditional characters read as simplified")
    }

    @Test func keyTermsRiseAndRecurringNeedsAreFoundWithKnownAnswers() {
        let current = [
            Self.document("导出华东区销售数据", "月度经营会议要用"), Self.document("导出华南区的销售数据", "月度经营会议要用"),
            Self.document("导出华北区最新销售数据"), Self.document("导出西部区销售数据"),
            Self.document("VPN 账号开通"), Self.document("VPN 账号开通 新员工"), Self.document("VPN 账号开通 外包"),
            Self.document("打印机卡纸"),
        ]
        let previous = [
            Self.document("打印机卡纸"), Self.document("打印机维修"), Self.document("VPN 账号开通"), Self.document("会议室预订"),
            Self.document("会议室预订"), Self.document("笔记本电脑更换"),
        ]
        let result = ThemeAnalysis.analyse(current, earlier: [previous])
        #expect(result.needs == 8 && result.previousNeeds == 6)
        // 销售数据 stands for its parts; no fragment of it is named
        let terms = result.keyTerms.map(\.term)
        #expect(terms.contains("销售数据") && !terms.contains("售数") && !terms.contains("区销售数据"))
        #expect(result.keyTerms.first { $0.term == "销售数据" }?.count == 4)
        #expect(result.keyTerms.first { $0.term == "销售数据" }?.trend == [0, 4])
        #expect(result.keyTerms.first { $0.term == "账号开通" }?.trend == [1, 3])
        // rising: the sales-data exports are new (4 now, 0 before), named once (导出 and 销售数据 name the
        // same needs); vpn grew from 1 of 6 to 3 of 8 (×2.25); 打印机 fell
        let rising = Dictionary(uniqueKeysWithValues: result.rising.map { ($0.term, $0) })
        let sales = result.rising.filter { ["导出", "销售数据"].contains($0.term) }
        #expect(sales.count == 1 && sales.first?.growth == 99 && sales.first?.previousCount == 0 && sales.first?.trend == [0, 4])
        #expect(rising["vpn 账号开通"] == nil, "a Latin word and a Chinese run are not one phrase")
        #expect(abs((rising["vpn"]?.growth ?? 0) - (3.0 / 8) / (1.0 / 6)) < 1e-9)
        #expect(rising["打印机卡纸"] == nil)
        // recurring: the four sales-data exports and the three VPN accounts; the printer is alone
        #expect(result.recurring.map(\.count) == [4, 3])
        #expect(result.recurring[0].title == "导出华东区销售数据" && result.recurring[1].title == "VPN 账号开通")
        #expect(result.recurring[1].numbers == current[4...6].map(\.number))
    }

    @Test func whatIsSaidAboutEverythingIsNoTheme() {
        // 请尽快处理 closes needs about twelve different things; 打印机卡纸 is one thing
        let subjects = ["打印机卡纸", "VPN 账号", "差旅报销", "会议室预订", "合同审核", "投影仪", "门禁卡", "邮箱容量", "招聘计划", "预算调整", "发票", "培训"]
        let current = subjects.flatMap { subject in
            (0..<3).map { _ in Self.document(subject, "需求说明：\(subject)，请尽快处理，谢谢！") }
        }
        let result = ThemeAnalysis.analyse(current, earlier: [])
        let terms = result.keyTerms.map(\.term)
        #expect(!terms.contains("请尽快处理") && !terms.contains("需求说明") && !terms.contains("谢谢"))
        #expect(terms.contains("打印机卡纸") && terms.contains("差旅报销"))
    }

    @Test func aTermInMostNeedsWeighsLittle() {
        let current =
            (0..<20).map { Self.document("报表 \($0 % 2 == 0 ? "华东" : "华南")", "") } + [Self.document("打印机卡纸"), Self.document("打印机卡纸")]
        let result = ThemeAnalysis.analyse(current, earlier: [])
        let score = { (term: String) in result.keyTerms.first { $0.term == term }?.score ?? 0 }
        #expect(score("打印机卡纸") > 0 && score("报表") < score("打印机卡纸"), "\(result.keyTerms.map { ($0.term, $0.score) })")
    }

    @Test func nothingToSayAboutAnEmptyPeriod() {
        let result = ThemeAnalysis.analyse([], earlier: [[Self.document("打印机卡纸")]])
        #expect(result.keyTerms.isEmpty && result.rising.isEmpty && result.recurring.isEmpty)
    }
}
