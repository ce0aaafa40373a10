import Foundation
import TandemCore
import TandemTestSupport
import Testing

@testable import TandemWeb

/// Key needs and themes read as a manager reads them, over a year of generated needs written
/// from `NeedTopic` (with the closing words every form is full of, and topics that rise, fall or
/// come up in the last weeks): the last quarter against the three before.
@Suite("Key needs and themes on a generated year")
struct ThemeQualityTests {
    @Test("no boilerplate and no fragment among the key needs; the topics that rose are the rising themes")
    func aYear() throws {
        let company = SyntheticCompany(departmentCount: 30, peopleCount: 300, now: Date())
        let total = 8_000
        var generator = SyntheticNeeds(company: company, total: total, seed: 5, timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        var quarters: [[ThemeAnalysis.Document]] = [[], [], [], []]
        var topics: [Need.ID: String] = [:]
        for index in 0..<total {
            let need = generator.next(index).need
            topics[need.id] = generator.lastTopic
            quarters[index * 4 / total].append(
                ThemeAnalysis.Document(
                    needID: need.id, number: need.number, title: need.title, description: need.description,
                    providingDepartmentID: need.providingDepartmentID))
        }
        let result = ThemeAnalysis.analyse(quarters[3], earlier: [quarters[2], quarters[1], quarters[0]])
        let keyTerms = result.keyTerms.map(\.term), rising = result.rising.map(\.term)
        print("key needs: \(result.keyTerms.map { "\($0.term) \($0.count) \($0.trend)" })")
        print("rising: \(result.rising.map { "\($0.term) \($0.previousCount)→\($0.count)" })")

        let boilerplate = ["请尽快处理", "需求说明", "谢谢", "辛苦了", "麻烦尽快安排", "thanks", "many thanks", "您好"]
        #expect(Set(keyTerms).isDisjoint(with: boilerplate), "\(keyTerms)")
        #expect(Set(rising).isDisjoint(with: boilerplate), "\(rising)")
        let fragments = ["请尽快处", "名销售代", "区销售数据", "尽快处理", "售代表"]
        #expect(Set(keyTerms + rising).isDisjoint(with: fragments), "\(keyTerms) \(rising)")
        #expect(keyTerms.count == 20)
        // words every department's needs use are not key needs; subjects are
        let generic = ["申请", "客户", "部门", "安排", "数据", "产品", "team"]
        #expect(Set(keyTerms).isDisjoint(with: generic), "\(keyTerms)")
        #expect(keyTerms.prefix(5).contains("打印机") && keyTerms.prefix(5).contains("年终奖"), "\(keyTerms)")

        // the topics that rose (AI tools, data privacy, social media) or came up in the last weeks
        // (interns, year-end bonus) are among the rising themes; the falling one (masks) is not
        let risingTopics = Set(NeedTopic.all.filter { [.rising, .recent].contains($0.trend) }.map(\.key))
        let byTerm = Dictionary(grouping: quarters[3], by: { _ in 0 })[0] ?? []
        func topicsOf(_ term: String) -> Set<String> {
            Set(byTerm.filter { ($0.title + $0.description).lowercased().contains(term) }.compactMap { topics[$0.needID] })
        }
        let found = Set(result.rising.prefix(10).flatMap { topicsOf($0.term) })
        #expect(risingTopics.intersection(found).count >= 3, "\(risingTopics) vs \(found)")
        #expect(!rising.contains { topicsOf($0) == ["masks-epidemic"] }, "a falling topic does not rise")
    }
}
