import Foundation
import Testing

@testable import TandemCore

@Suite("Search text: tokens with places, terms, marking, duplicate hints")
struct SearchTextTests {
    @Test func tokensKnowWhereTheyStandInTheOriginalText() {
        let text = "请开通ＣＲＭ账号!"
        let tokens = Tokenizer.scan(text)
        #expect(tokens.map(\.text) == ["请开", "开通", "crm", "账号"])
        #expect(tokens.map { String(text[$0.range]) } == ["请开", "开通", "ＣＲＭ", "账号"])
    }

    @Test func theIndexAlsoKeepsTheLastCharacterOfEachRun() {
        #expect(Tokenizer.indexTokens("季度销售 vpn 人") == ["季度", "度销", "销售", "售", "vpn", "人"])
        #expect(NeedSearchDocument.terms("个人所得税") == "个人 人所 所得 得税 税")
    }

    @Test func termsAreDistinctAndALoneCharacterIsAPrefix() {
        let terms = SearchTerm.terms(of: "税 VPN vpn 申请", max: 10)
        #expect(
            terms == [
                SearchTerm(token: "税", isPrefix: true, segment: 0), SearchTerm(token: "vpn", isPrefix: false, segment: 1),
                SearchTerm(token: "申请", isPrefix: false, segment: 2),
            ])
        #expect(terms[0].matches("税务") && !terms[0].matches("个税"))
        #expect(SearchTerm.terms(of: "a b c d", max: 2).count == 2)
    }

    @Test func markingFindsEveryMatchInTheOriginalSpelling() {
        let marked = HighlightedText.marking(SearchTerm.terms(of: "vpn账号", max: 10), in: "申请 VPN 账号, vpn")
        #expect(
            marked.parts == [
                .init("申请 ", isMatch: false), .init("VPN", isMatch: true), .init(" ", isMatch: false),
                .init("账号", isMatch: true), .init(", ", isMatch: false), .init("vpn", isMatch: true),
            ])
        #expect(marked.text == "申请 VPN 账号, vpn")
        let lone = HighlightedText.marking(SearchTerm.terms(of: "税", max: 10), in: "个人所得税申报")
        #expect(lone.parts == [.init("个人所得", isMatch: false), .init("税", isMatch: true), .init("申报", isMatch: false)])
        let none = HighlightedText.marking(SearchTerm.terms(of: "打印机", max: 10), in: "申请 VPN")
        #expect(!none.hasMatch && none.parts.count == 1)
    }

    @Test func overlappingBigramsMergeIntoOneMark() {
        let marked = HighlightedText.marking(SearchTerm.terms(of: "销售数据", max: 10), in: "导出季度销售数据报表")
        #expect(marked.parts.filter(\.isMatch).map(\.text) == ["销售数据"])
    }

    @Test func aSnippetIsCutAroundTheFirstMatch() throws {
        let text = String(repeating: "前面的话。", count: 40) + "这里提到\n打印机  卡纸" + String(repeating: "后面的话。", count: 40)
        let snippet = try #require(HighlightedText.snippet(SearchTerm.terms(of: "打印机", max: 10), in: text, width: 60))
        #expect(snippet.parts.first?.text == "…" && snippet.parts.last?.text == "…")
        #expect(snippet.parts.filter(\.isMatch).map(\.text) == ["打印机"])
        #expect(snippet.text.contains("这里提到 打印机 卡纸"), "line breaks and runs of spaces become one space")
        #expect(snippet.text.count <= 62)
        #expect(HighlightedText.snippet(SearchTerm.terms(of: "vpn", max: 10), in: text) == nil)
        let short = try #require(HighlightedText.snippet(SearchTerm.terms(of: "vpn", max: 10), in: "need VPN"))
        #expect(short.text == "need VPN", "no ellipsis when nothing was cut")
    }

    @Test func duplicateHintsRankByTheTokensTheTitlesShare() {
        let requester = Fixtures.person(1, Fixtures.sales, [.employee])
        let need = { (title: String, description: String) -> Need in
            var need = Fixtures.need(requester: requester)
            need.title = title
            need.description = description
            return need
        }
        let candidates = [
            need("三楼打印机卡纸", ""), need("打印机卡纸", "三楼"), need("申请 VPN 账号", "打印机"), need("打印机驱动安装", ""),
        ]
        let hints = DuplicateHints.rank("三楼打印机卡纸了", among: candidates)
        #expect(hints.map(\.need.title) == ["三楼打印机卡纸", "打印机卡纸", "打印机驱动安装"])
        #expect(hints[0].similarity > 0.9 && hints.allSatisfy { $0.similarity >= DuplicateHints.threshold })
        #expect(DuplicateHints.rank("——", among: candidates).isEmpty)
    }
}
