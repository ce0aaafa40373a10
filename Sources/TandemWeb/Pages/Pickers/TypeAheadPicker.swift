import Foundation
import TandemCore
import Vapor

/// A type-ahead choice in a page's form (`picker.leaf`, `Public/js/picker.js`). The records chosen
/// come back as `field` values (ids). Text typed but not chosen comes as `field_lookup` and counts
/// when it names one record — its handle (login, code), or the only match — so a form sent
/// without the script, or with Enter pressed before a suggestion was taken, still works;
/// otherwise the field is refused.
protocol TypeAheadPicker {
    associatedtype Subject
    var field: String { get }
    /// Up to `limit` records the text finds, each with its handle, best first.
    func find(_ text: String, limit: Int, _ request: Request) async throws -> [(id: Identifier<Subject>, handle: String)]
    /// The refusal when nothing matches the typed text.
    func nothingFound(_ text: String) -> TandemError
    /// The refusal when more than one record matches it.
    func severalFound(_ text: String) -> TandemError
}

extension TypeAheadPicker {
    var lookupField: String { field + "_lookup" }

    /// The records chosen in a sent form, in the order sent, the typed one last.
    func chosen(_ form: PageForm, _ request: Request) async throws -> [Identifier<Subject>] {
        var ids = try form.values(field).map { text -> Identifier<Subject> in
            guard let id = Identifier<Subject>(text) else { throw TandemError.invalid(field, "\(field) is not a valid id", .unknownRecord) }
            return id
        }
        let typed = form.text(lookupField).trimmingCharacters(in: .whitespacesAndNewlines)
        if !typed.isEmpty { ids.append(try await named(typed, request)) }
        var seen = Set<Identifier<Subject>>()
        return ids.filter { seen.insert($0).inserted }
    }

    /// The one record of a single choice: the typed one if any, else the one ticked.
    func one(_ form: PageForm, _ request: Request) async throws -> Identifier<Subject>? {
        try await chosen(form, request).last
    }

    /// The id the typed text names (as sent), or nil when nothing was typed.
    func resolve(typed text: String, _ request: Request) async throws -> String? {
        let typed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return typed.isEmpty ? nil : try await named(typed, request).description
    }

    /// A list filter's choice (a query string's): the record the typed text names when there is
    /// some, else the one chosen.
    func filtered(typed: String?, chosen: Identifier<Subject>?, _ request: Request) async throws -> Identifier<Subject>? {
        let text = (typed ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? chosen : try await named(text, request)
    }

    /// The record the typed text names: the one whose handle it is, or the only one found.
    func named(_ text: String, _ request: Request) async throws -> Identifier<Subject> {
        let found = try await find(text, limit: 2, request)
        if let exact = found.first(where: { $0.handle.lowercased() == text.lowercased() }) { return exact.id }
        switch found.count {
        case 0: throw nothingFound(text)
        case 1: return found[0].id
        default: throw severalFound(text)
        }
    }
}
