import Foundation

extension String {
    /// The first line, cut to at most `max` characters: a title made from a longer text (a survey
    /// answer, a suggestion).
    public func firstLine(max: Int) -> String {
        String((split(whereSeparator: \.isNewline).first.map(String.init) ?? self).prefix(max))
    }
}
