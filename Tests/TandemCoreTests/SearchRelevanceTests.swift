import Foundation
import TandemCore
import Testing

@Suite("Search relevance: how much a query may miss, and the order")
struct SearchRelevanceRulesTests {
    /// The rule written with the terms' tokens, as a test reads it.
    static func text(_ rule: SearchRelevance.Rule?, _ terms: [SearchTerm]) -> String {
        guard let rule else { return "—" }
        switch rule {
        case .term(let index): return terms[index].token
        case .all(let rules): return "(" + rules.map { text($0, terms) }.joined(separator: " ") + ")"
        case .any(let rules): return "[" + rules.map { text($0, terms) }.joined(separator: " | ") + "]"
        }
    }

    @Test(
        "most of the words, a word held when most of its terms are; a long word counts once",
        arguments: [
            ("华东销量", "[(华东 东销) | (华东 销量) | (东销 销量)]"),
            ("VPN 权限", "[vpn | 权限]"),
            ("打印机", "[打印 | 印机]"),
            (
                "ERP 权限 北京分公司",
                "[(erp 权限) | (erp [(北京 京分) | (北京 分公) | (北京 公司) | (京分 分公) | (京分 公司) | (分公 公司)]) | (权限 [(北京 京分) | (北京 分公) | (北京 公司) | (京分 分公) | (京分 公司) | (分公 公司)])]"
            ),
            ("税", "—"),
        ])
    func relaxed(query: String, expected: String) {
        let terms = SearchTerm.terms(of: query, max: 24)
        #expect(Self.text(SearchRelevance.relaxed(terms), terms) == expected)
    }

    @Test func wordsAreTheRunsAndLatinWordsTheTermsComeFrom() {
        let terms = SearchTerm.terms(of: "ERP 权限 北京分公司 CRM报表", max: 24)
        #expect(terms.map(\.segment) == [0, 1, 2, 2, 2, 2, 3, 4])
        #expect(SearchRelevance.levels(terms).count == 2 && SearchRelevance.levels(terms).first == SearchRelevance.strict(terms))
        #expect(SearchRelevance.levels(SearchTerm.terms(of: "税", max: 24)).count == 1)
        // a long run needs more than half of its pairs when half could be chosen in too many ways
        let long = SearchTerm.terms(of: "季度销售数据汇总报表导出", max: 24)
        if case .any(let ways) = SearchRelevance.relaxed(long) { #expect(ways.count <= SearchRelevance.maxCombinations) }
    }

    @Test func choicesAreEveryWayToPick() {
        #expect(SearchRelevance.choices(of: 4, size: 2) == [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]])
        #expect(SearchRelevance.choices(of: 3, size: 3) == [[0, 1, 2]])
    }

    @Test func rarerTermsWeighMoreAndTheTitleDouble() {
        #expect(SearchRelevance.idf(holding: 1, of: 1000) > SearchRelevance.idf(holding: 100, of: 1000))
        #expect(SearchRelevance.idf(holding: 1000, of: 1000) > 0)
        let terms = SearchTerm.terms(of: "VPN 权限", max: 10)
        let idf = [3.0, 1.0]
        // each term's idf, doubled in the title; each of the query's ideographs held adds 0.1 (0.2 in the title)
        #expect(abs(SearchRelevance.score(terms, idf: idf, title: ["vpn"], elsewhere: ["权限"]) - 7.2) < 1e-9)
        #expect(abs(SearchRelevance.score(terms, idf: idf, title: [], elsewhere: ["vpn", "权限"]) - 4.2) < 1e-9)
        #expect(abs(SearchRelevance.score(terms, idf: idf, title: ["权限"], elsewhere: []) - 2.4) < 1e-9)
        #expect(abs(SearchRelevance.score(terms, idf: idf, title: ["权"], elsewhere: ["限制"]) - 0.3) < 1e-9, "characters alone")
    }

    @Test func onlyTheNewestWindowIsReorderedByScore() {
        let newestFirst = Array(0..<(SearchRelevance.window + 3))
        var asked: [Int] = []
        let ordered = SearchRelevance.ordered(newestFirst) { head in
            asked = Array(head)
            return head.map { $0 % 2 == 0 ? 1.0 : 2.0 }
        }
        #expect(asked == Array(0..<SearchRelevance.window))
        let odd = stride(from: 1, to: SearchRelevance.window, by: 2), even = stride(from: 0, to: SearchRelevance.window, by: 2)
        #expect(ordered == Array(odd) + Array(even) + [50, 51, 52], "higher scores first, newest first among equals, the rest as read")
    }

    @Test func aVariantMeetsItsTerm() {
        let term = SearchTerm(token: "recruitmnet", isPrefix: false, variants: ["recruitment"])
        #expect(term.matches("recruitment") && term.isIn(["recruitment", "plan"]) && !term.isIn(["recruit"]))
        #expect(SearchTerm(token: "税", isPrefix: true).isIn(["税务", "表"]))
    }
}

@Suite("Query text and traditional characters")
struct QueryTextTests {
    @Test(
        "a sentence loses its filler words, a short query keeps them, particles go everywhere",
        arguments: [
            ("帮我查一下华东区上个季度的销量", ["华东", "东区", "季度", "销量"]),
            ("三楼的打印机又卡纸了", ["三楼", "打印", "印机", "卡纸"]),
            ("邮箱满了", ["邮箱", "箱满"]),
            ("目的地", ["目的", "的地"]),
            ("麻烦开通一下VPN", ["开通", "vpn"]),
        ])
    func essentials(query: String, terms: [String]) {
        #expect(SearchTerm.terms(of: query, max: 24).map(\.token) == terms)
    }

    @Test func traditionalCharactersReadAsSimplified() {
        #expect(Tokenizer.tokens("會議室預訂") == ["会议", "议室", "室预", "预订"])
        #expect(Tokenizer.tokens("報銷 發票") == Tokenizer.tokens("报销 发票"))
        #expect(Tokenizer.tokens("乾隆 著作") == ["乾隆", "著作"], "characters that are their own simplified form stay")
        #expect(SimplifiedChinese.holdsTraditional("客戶") && !SimplifiedChinese.holdsTraditional("客户 abc"))
    }
}

@Suite("Typing slips")
struct SpellingVariantsTests {
    @Test func oneEditAway() {
        let candidates = SpellingVariants.candidates(of: "bugdet")
        #expect(candidates.first == "ubgdet", "swaps first")
        #expect(candidates.contains("budget") && candidates.contains("bugdeta") && candidates.contains("bgdet"))
        #expect(!candidates.contains("bugdet") && Set(candidates).count == candidates.count)
    }

    @Test func onlyLongLatinWordsAreCorrected() {
        #expect(SpellingVariants.corrects(SearchTerm(token: "pritner", isPrefix: false)))
        #expect(!SpellingVariants.corrects(SearchTerm(token: "vpn", isPrefix: false)))
        #expect(!SpellingVariants.corrects(SearchTerm(token: "2026", isPrefix: false)))
        #expect(!SpellingVariants.corrects(SearchTerm(token: "打印", isPrefix: false)))
    }
}
