import Foundation
import Testing

@testable import TandemWeb

@Suite("Translations")
struct TranslationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every text the pages use: `#t("…")` in the views, string literals in the page code.
    static func usedKeys() throws -> (templates: Set<String>, swiftLiterals: Set<String>) {
        var templates: Set<String> = []
        let views = root.appendingPathComponent("Resources/Views")
        for file in try FileManager.default.contentsOfDirectory(atPath: views.path) where file.hasSuffix(".leaf") {
            let text = try String(contentsOf: views.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: /#t\("([a-z_.\-A-Z]+)"/) { templates.insert(String(match.1)) }
        }
        var literals: Set<String> = []
        let sources = root.appendingPathComponent("Sources/TandemWeb")
        let enumerator = FileManager.default.enumerator(atPath: sources.path)!
        while let file = enumerator.nextObject() as? String {
            guard file.hasSuffix(".swift") else { continue }
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: /"([a-z_]+\.[a-z_.\-A-Z]+)"/) { literals.insert(String(match.1)) }
        }
        return (templates, literals)
    }

    @Test("both languages have the same keys, none empty, and the placeholders agree")
    func sameKeys() throws {
        let translator = try Translator.load(from: Self.root.appendingPathComponent("Resources/Translations"))
        let chinese = try #require(translator.tables[.zhCN])
        let english = try #require(translator.tables[.en])
        #expect(Set(chinese.keys).subtracting(english.keys).sorted() == [], "missing in en")
        #expect(Set(english.keys).subtracting(chinese.keys).sorted() == [], "missing in zh-CN")
        for (key, text) in chinese {
            #expect(!text.isEmpty && !(english[key] ?? "").isEmpty, "\(key) is empty")
            let placeholders = { (text: String) in Set(text.matches(of: /\{[0-9]\}/).map { String($0.0) }) }
            #expect(placeholders(text) == placeholders(english[key] ?? ""), "\(key): placeholders differ")
        }
    }

    @Test("every key the pages use exists, and every key is used")
    func usedAndUnused() throws {
        let translator = try Translator.load(from: Self.root.appendingPathComponent("Resources/Translations"))
        let keys = Set(try #require(translator.tables[.zhCN]).keys)
        let (templates, literals) = try Self.usedKeys()
        #expect(templates.subtracting(keys).sorted() == [], "used in a view but not translated")
        var families: Set<String> = []
        for (family, values) in TranslatedEnumerations.families {
            for value in values { families.insert("\(family).\(value)") }
        }
        #expect(families.subtracting(keys).sorted() == [], "an enumeration value has no translation")
        let familyNames = Set(TranslatedEnumerations.families.keys)
        let unused = keys.filter { key in
            let family = String(key.split(separator: ".")[0])
            if familyNames.contains(family) { return !families.contains(key) }
            return !templates.contains(key) && !literals.contains(key)
        }
        #expect(unused.sorted() == [], "translated but never used")
        // NB: literals in Swift that look like keys of page families must exist too.
        let pageFamilies = Set(keys.map { String($0.split(separator: ".")[0]) })
        let missingLiterals = literals.filter { pageFamilies.contains(String($0.split(separator: ".")[0])) && !keys.contains($0) }
        #expect(missingLiterals.sorted() == [], "used in page code but not translated")
    }

    @Test(
        "Accept-Language picks the best of our languages",
        arguments: [
            ("en-US,en;q=0.9,zh;q=0.8", "en"), ("zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"), ("fr-FR,fr;q=0.9", "zh-CN"),
            ("fr;q=1, en;q=0.5", "en"), ("", "zh-CN"), ("zh-TW", "zh-CN"), ("en;q=0, zh;q=0.1", "zh-CN"),
        ])
    func acceptLanguage(header: String, expected: String) {
        #expect(PageLanguage.fromAcceptLanguage(header).rawValue == expected)
    }
}
