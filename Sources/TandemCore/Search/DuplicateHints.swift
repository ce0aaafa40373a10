import Foundation

/// Open needs that look like the one being written: offered at intake, so a requester can
/// follow an existing need instead of raising the same one again.
public enum DuplicateHints {
    /// One candidate and how alike it is (0–1).
    public struct Hint: Sendable {
        public var need: Need
        public var similarity: Double
    }

    /// Below this share of shared tokens a need is not offered.
    public static let threshold = 0.3

    /// The candidates whose title (and, more lightly, description) shares enough tokens with
    /// `title`, most alike first, at most `limit`. Likeness is the Dice coefficient of the
    /// distinct tokens: 2·|shared| / (|typed| + |candidate's|), on the title, raised a little
    /// when the description shares tokens too.
    public static func rank(_ title: String, among candidates: [Need], limit: Int = 5) -> [Hint] {
        let typed = Set(Tokenizer.tokens(title))
        guard !typed.isEmpty else { return [] }
        return candidates.compactMap { need -> Hint? in
            let titleScore = dice(typed, Set(Tokenizer.tokens(need.title)))
            let descriptionTokens = Set(Tokenizer.tokens(need.description))
            let covered = descriptionTokens.isEmpty ? 0 : Double(typed.intersection(descriptionTokens).count) / Double(typed.count)
            let score = min(1, titleScore + 0.2 * covered)
            return score >= threshold ? Hint(need: need, similarity: score) : nil
        }
        .sorted { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.need.createdAt > $1.need.createdAt }
        .prefix(limit).map { $0 }
    }

    static func dice(_ first: Set<String>, _ second: Set<String>) -> Double {
        guard !first.isEmpty || !second.isEmpty else { return 0 }
        return 2 * Double(first.intersection(second).count) / Double(first.count + second.count)
    }
}
