import Foundation
import TandemCore
import Testing

@Suite("Search relevance: how much a query may miss, and the order")
struct SearchRelevanceRulesTests {
    @Test(
        "about half the terms may be missed, fewer when they could be missed in too many ways",
        arguments: [(1, 1), (2, 1), (3, 2), (4, 2), (5, 3), (6, 3), (7, 4), (8, 6), (9, 7), (10, 9), (24, 23)])
    func required(count: Int, required: Int) {
        #expect(SearchRelevance.required(of: count) == required)
        #expect(SearchRelevance.choices(of: count, size: required).count <= max(SearchRelevance.maxCombinations, count))
    }

    @Test func choicesAreEveryWayToPick() {
        #expect(SearchRelevance.choices(of: 4, size: 2) == [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]])
        #expect(SearchRelevance.choices(of: 3, size: 3) == [[0, 1, 2]])
        #expect(SearchRelevance.levels(of: 5) == [5, 4, 3])
        #expect(SearchRelevance.levels(of: 0).isEmpty)
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
