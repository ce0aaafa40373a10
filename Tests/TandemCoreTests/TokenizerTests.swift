import Foundation
import TandemCore
import Testing

@Suite("Tokenizer")
struct TokenizerTests {
    @Test(
        "Chinese, English and mixed text",
        arguments: [
            ("季度销售数据", ["季度", "度销", "销售", "售数", "数据"]),
            ("开通CRM账号", ["开通", "crm", "账号"]),
            ("VPN access 申请", ["vpn", "access", "申请"]),
            ("ＣＲＭ系统，请尽快！", ["crm", "系统", "请尽", "尽快"]),
            ("N-2026-000123", ["n", "2026", "000123"]),
            ("Printer on floor 3 is BROKEN.", ["printer", "on", "floor", "3", "is", "broken"]),
            ("人", ["人"]),
            ("Café déjà-vu", ["café", "déjà", "vu"]),
            ("カタカナ", ["カタ", "タカ", "カナ"]),
            ("\u{F900}\u{F901}", ["岂更"]),  // compatibility ideographs read as the unified ones (豈更), then simplified
            ("ﬁle ①号", ["file", "1", "号"]),  // a ligature, a circled digit
            ("报表\u{3000}导出", ["报表", "导出"]),  // an ideographic space separates
            ("e\u{301}te\u{301}", ["été"]),  // combining accents are composed
            ("", []),
            ("   ——   ", []),
        ])
    func tokens(text: String, expected: [String]) {
        #expect(Tokenizer.tokens(text) == expected)
    }

    @Test func aQueryMatchesInsideLongerText() {
        let document = Set(Tokenizer.tokens("请帮忙导出华东区季度销售数据报表"))
        let query = Tokenizer.distinctTokens("销售数据")
        #expect(query == ["销售", "售数", "数据"])
        #expect(query.allSatisfy(document.contains))
        #expect(!Tokenizer.distinctTokens("采购数据").allSatisfy(document.contains))
    }

    @Test func distinctKeepsFirstSeenOrder() {
        #expect(Tokenizer.distinctTokens("crm CRM 账号 账号") == ["crm", "账号"])
    }
}
