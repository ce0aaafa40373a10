import Foundation

/// What the search index keeps of a need: the tokens of each part, joined by spaces (the form
/// both SQLite FTS5's `ascii` tokenizer and PostgreSQL's `simple` configuration split back into
/// the same tokens). Replies and notes are appended as they come.
public struct NeedSearchDocument: Hashable, Sendable {
    public var title: String
    /// The description and the form's answers.
    public var description: String

    public init(_ need: Need) {
        title = Self.terms(need.title)
        description = Self.terms(Self.describedText(of: need))
    }

    /// The index form of a text.
    public static func terms(_ text: String) -> String {
        Tokenizer.indexTokens(text).joined(separator: " ")
    }

    /// The description followed by the form's answers, in field order of their keys.
    public static func describedText(of need: Need) -> String {
        let answers = need.formAnswers.sorted { $0.key < $1.key }.map { $0.value.searchText }
        return ([need.description] + answers).joined(separator: "\n")
    }
}

extension FormAnswer {
    /// The answer as words a search can find.
    var searchText: String {
        switch self {
        case .text(let value), .date(let value), .choice(let value): return value
        case .number(let value): return "\(value)"
        case .choices(let values): return values.joined(separator: " ")
        }
    }
}
