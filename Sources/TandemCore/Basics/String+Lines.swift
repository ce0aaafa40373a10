import Foundation

extension StringProtocol {
    /// The text's lines, however they were ended: CRLF (what a browser sends for a textarea), LF or
    /// a lone CR. Empty lines are kept, so line numbers match what the person typed.
    ///
    /// NB: `"\r\n"` is one `Character` in Swift, so splitting on the `Character` LF never splits
    /// a browser's text; `Character.isNewline` is true for CRLF, CR, LF and the other line breaks.
    public var lines: [SubSequence] {
        split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    }

    /// The non-blank lines, trimmed, with their numbers (from 1) as the person counts them.
    public var numberedLines: [(number: Int, text: String)] {
        lines.enumerated().compactMap { index, line in
            let text = line.trimmingCharacters(in: .whitespaces)
            return text.isEmpty ? nil : (index + 1, text)
        }
    }

    /// The non-blank lines, trimmed: a list typed one entry per line.
    public var nonBlankLines: [String] { numberedLines.map(\.text) }

    /// The text with every line ending written as LF: what is stored of multi-line input.
    public var withLineFeeds: String { lines.joined(separator: "\n") }
}

extension String {
    /// The first non-blank line, cut to at most `max` characters: a title made from a longer text
    /// (a survey answer, a suggestion).
    public func firstLine(max: Int) -> String {
        String((numberedLines.first?.text ?? "").prefix(max))
    }
}
