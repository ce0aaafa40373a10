import Foundation

/// A text cut into pieces, the pieces a search matched marked: what pages render with `<mark>`
/// and the API returns as parts.
public struct HighlightedText: Hashable, Sendable {
    public struct Part: Hashable, Sendable {
        public var text: String
        public var isMatch: Bool

        public init(_ text: String, isMatch: Bool) {
            self.text = text
            self.isMatch = isMatch
        }
    }

    public var parts: [Part]

    public init(parts: [Part]) { self.parts = parts }

    /// The whole text, unmarked.
    public var text: String { parts.map(\.text).joined() }
    public var hasMatch: Bool { parts.contains(where: \.isMatch) }

    /// `text` with every place a term matches marked; no match leaves one unmarked part.
    public static func marking(_ terms: [SearchTerm], in text: String) -> HighlightedText {
        let ranges = matchRanges(of: terms, in: text)
        return HighlightedText(parts: parts(of: text, from: text.startIndex, to: text.endIndex, marked: ranges))
    }

    /// A passage of about `width` characters around the first match, with an ellipsis where it
    /// was cut; `nil` when no term matches.
    public static func snippet(_ terms: [SearchTerm], in text: String, width: Int = 120) -> HighlightedText? {
        let ranges = matchRanges(of: terms, in: text)
        guard let first = ranges.first else { return nil }
        let lead = min(width / 4, text.distance(from: text.startIndex, to: first.lowerBound))
        let start = text.index(first.lowerBound, offsetBy: -lead)
        let end = text.index(start, offsetBy: width, limitedBy: text.endIndex) ?? text.endIndex
        var parts = parts(of: text, from: start, to: end, marked: ranges)
        if start > text.startIndex { parts.insert(Part("…", isMatch: false), at: 0) }
        if end < text.endIndex { parts.append(Part("…", isMatch: false)) }
        return HighlightedText(parts: collapsingWhitespace(parts))
    }

    /// The ranges of `text` the terms match, in order and merged where they touch.
    static func matchRanges(of terms: [SearchTerm], in text: String) -> [Range<String.Index>] {
        guard !terms.isEmpty else { return [] }
        var ranges: [Range<String.Index>] = []
        for token in Tokenizer.scan(text, runEnds: true) {
            for term in terms where term.matches(token.text) {
                // NB: a one-character term marks only that character, not the bigram around it.
                ranges.append(term.isPrefix ? token.range.lowerBound..<text.index(after: token.range.lowerBound) : token.range)
            }
        }
        ranges.sort { $0.lowerBound < $1.lowerBound }
        var merged: [Range<String.Index>] = []
        for range in ranges {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }

    static func parts(of text: String, from start: String.Index, to end: String.Index, marked: [Range<String.Index>]) -> [Part] {
        var parts: [Part] = []
        var position = start
        for range in marked where range.upperBound > start && range.lowerBound < end {
            let lower = max(range.lowerBound, start), upper = min(range.upperBound, end)
            if position < lower { parts.append(Part(String(text[position..<lower]), isMatch: false)) }
            parts.append(Part(String(text[lower..<upper]), isMatch: true))
            position = upper
        }
        if position < end { parts.append(Part(String(text[position..<end]), isMatch: false)) }
        return parts
    }

    /// Line breaks and runs of spaces become one space: a passage is shown on one line.
    static func collapsingWhitespace(_ parts: [Part]) -> [Part] {
        parts.map { part in
            let words = part.text.split(whereSeparator: \.isWhitespace)
            var text = words.joined(separator: " ")
            if part.text.first?.isWhitespace == true, !words.isEmpty { text = " " + text }
            if part.text.last?.isWhitespace == true { text += " " }
            return Part(text, isMatch: part.isMatch)
        }
    }
}
