import Foundation
import TandemCore
import Testing

@testable import TandemWeb

@Suite("Error messages in every language")
struct ErrorMessageTranslationTests {
    static let root = TranslationTests.root

    static func scanned() throws -> ErrorMessageScanner {
        var scanner = ErrorMessageScanner()
        let sources = root.appendingPathComponent("Sources")
        let enumerator = try #require(FileManager.default.enumerator(atPath: sources.path))
        while let file = enumerator.nextObject() as? String {
            guard file.hasSuffix(".swift") else { continue }
            scanner.scan(try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8), file: file)
        }
        return scanner
    }

    @Test("the scanner reads templates, placeholders and records as written")
    func scannerReadsCalls() {
        var scanner = ErrorMessageScanner()
        scanner.scan(
            #"""
            throw TandemError.invalid("file", "line \(line): '\(value ?? "none")' is not a date")
            throw TandemError(
                .conflict, "the need was changed meanwhile")
            throw TandemError.invalid("title", "title is required", .required)
            throw TandemError(.invalidInput, "taken", field: "code", reason: .taken)
            // throw TandemError.forbidden("a comment")
            throw TandemError.forbidden("you may not \(word: action.rawValue, family: "action") this need")
            throw TandemError.notFound("saved filter")
            let id = try request.id("needID", "need")
            """#, file: "Example.swift")
        #expect(
            Set(scanner.templates.keys) == [
                "line {0}: '{1}' is not a date", "the need was changed meanwhile", "you may not {0} this need",
            ])
        #expect(scanner.records == ["saved filter", "need"])
    }

    @Test("every message the code writes has a Chinese translation with the same placeholders, and none is left over")
    func everyMessageIsTranslated() throws {
        let translator = try Translator.load(from: Self.root.appendingPathComponent("Resources/Translations"))
        let chinese = try #require(translator.messages[.zhCN])
        let scanner = try Self.scanned()
        #expect(scanner.templates.count > 100, "the scanner finds the messages")
        let missing = scanner.templates.filter { chinese[$0.key] == nil }.map { "\($0.value): \($0.key)" }.sorted()
        #expect(missing == [], "no Chinese for these messages (Resources/Translations/messages/zh-CN.json)")
        #expect(Set(chinese.keys).subtracting(scanner.templates.keys).sorted() == [], "translated but never written")
        let placeholders = { (text: String) in Set(text.matches(of: /\{[0-9]\}/).map { String($0.0) }) }
        for (template, text) in chinese {
            #expect(placeholders(template) == placeholders(text), "\(template): placeholders differ")
            #expect(text.firstMatch(of: /[\u{4E00}-\u{9FFF}]/) != nil || template == "{0}", "\(template): not Chinese")
        }
    }

    @Test("every record an error names is in the record family")
    func everyRecordIsTranslated() throws {
        let records = Set(TranslatedEnumerations.families["record"] ?? [])
        #expect(try Self.scanned().records.subtracting(records).sorted() == [])
    }

    @Test("a page shows a core error in the reader's language, enumeration values translated")
    func pagesTranslateCoreErrors() throws {
        let translator = try Translator.load(from: Self.root.appendingPathComponent("Resources/Translations"))
        let action = NeedAction.accept
        let refused = TandemError.forbidden("you may not \(word: action.rawValue, family: "action") this need")
        #expect(translator.text(of: refused, .zhCN) == "你不能对这个需求执行“受理”")
        #expect(translator.text(of: refused, .en) == "you may not accept this need")
        #expect(translator.text(of: .notFound("saved filter"), .zhCN) == "保存的筛选条件不存在")
        let line = 12
        let value = "2026-02-30"
        let calendar = TandemError.invalid("file", "line \(line): '\(value)' is not a date")
        #expect(translator.text(of: calendar, .zhCN) == "第 12 行：“2026-02-30”不是日期")
        let braces = "{1}"
        let named = TandemError.invalid("file", "line \(braces): '\(value)' is not a date")
        #expect(translator.text(of: named, .zhCN) == "第 {1} 行：“2026-02-30”不是日期", "values are put in once, as they are")
        #expect(TandemError.Words.fill("{0} {x} {9}", ["a"]) == "a {x} {9}")
        let withReason = TandemError.invalid("title", "title is required", .required)
        #expect(translator.text(of: withReason, .zhCN) == translator.text("reason.required", .zhCN))
    }
}
