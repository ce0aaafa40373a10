import Foundation
import TandemCore
import Vapor

/// The language a page is shown in: the signed-in person's setting, else the language cookie
/// a visitor chose, else the browser's `Accept-Language`, else Chinese.
enum PageLanguage {
    static let cookie = "tandem_lang"

    static func resolve(_ request: Request) -> Language {
        if let person = request.signedInPerson { return person.language }
        if let chosen = request.cookies[cookie]?.string, let language = Language(rawValue: chosen) { return language }
        return fromAcceptLanguage(request.headers.first(name: .acceptLanguage) ?? "")
    }

    /// The best of our languages for an `Accept-Language` header (`en-US,en;q=0.9,zh;q=0.8`).
    static func fromAcceptLanguage(_ header: String) -> Language {
        var best: (language: Language, quality: Double)?
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first?.lowercased(), !tag.isEmpty else { continue }
            var quality = 1.0
            for parameter in pieces.dropFirst() where parameter.hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            let language: Language?
            if tag == "zh" || tag.hasPrefix("zh-") {
                language = .zhCN
            } else if tag == "en" || tag.hasPrefix("en-") {
                language = .en
            } else {
                language = nil
            }
            if let language, quality > 0, quality > (best?.quality ?? -1) { best = (language, quality) }
        }
        return best?.language ?? .zhCN
    }
}

extension Request {
    private struct LanguageKey: StorageKey { typealias Value = Language }

    /// The language of this request's page, resolved once.
    var pageLanguage: Language {
        if let language = storage[LanguageKey.self] { return language }
        let language = PageLanguage.resolve(self)
        storage[LanguageKey.self] = language
        return language
    }

    /// Shows this request's page in a given language (a rating link's page, in its requester's).
    func setPageLanguage(_ language: Language) { storage[LanguageKey.self] = language }

    /// A text of the translation tables in this request's language.
    func t(_ key: String, _ arguments: String...) -> String {
        tandem.translator.text(key, pageLanguage, arguments)
    }

    func t(_ key: String, _ arguments: [String]) -> String {
        tandem.translator.text(key, pageLanguage, arguments)
    }

    /// What a core error says, in this request's language.
    func message(of error: TandemError) -> String {
        tandem.translator.text(of: error, pageLanguage)
    }

    /// Items as a list in the page's language: `甲、乙` or `A, B`.
    func listed(_ items: [String]) -> String {
        items.joined(separator: pageLanguage == .zhCN ? "、" : ", ")
    }
}
