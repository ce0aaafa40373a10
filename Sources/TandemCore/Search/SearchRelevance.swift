import Foundation

/// How much of a query a need may miss, and the order search results come in.
///
/// Chinese is indexed as overlapping bigrams, so a query typed with a word left out between its
/// words (招聘销售代表 for 招聘两名销售代表), across a word boundary (华东销量 for 华东区季度销量),
/// in another order, or with a character too few or too many, holds bigrams the need lacks (聘销,
/// 东销). A need therefore matches when it holds most of the query's words, a word counting when
/// the need holds most of its terms (`relaxed`): a long word (北京分公司: four pairs) then counts
/// as one word, and cannot alone outweigh the other words of the query.
///
/// The order, best first:
/// 1. The needs holding every term, then those holding most of the words.
/// 2. Within each, the needs holding them in their title, then the others.
/// 3. Within each of these groups, the newest `window` needs by score — the binary independence
///    model BM25 grew from, with field weights: Σ idf(term) × (2 in the title, 1 elsewhere) over
///    the terms the need holds — then newest first, which also orders the rest of the group.
///
/// NB: term frequency and length do not count (BM25 with k1 = 0): a need that repeats a word in
/// a long description is not more relevant for it, and needs holding the same terms in the same
/// places tie, so the newest comes first. Scoring every match of a common word instead of the
/// newest window of each group cost 89 ms at a million needs (see docs/SEARCH.md).
public enum SearchRelevance {
    /// How many of a group's newest needs are ordered by score.
    public static let window = 50
    /// The most ways one choice ("most of these") may be written (an OR of ANDs): beyond, more
    /// of them are required.
    public static let maxCombinations = 36

    /// Which terms a need must hold: one term, all of some rules, or any of them.
    public indirect enum Rule: Hashable, Sendable {
        case term(Int)
        case all([Rule])
        case any([Rule])
    }

    /// Every term.
    public static func strict(_ terms: [SearchTerm]) -> Rule { .all(terms.indices.map(Rule.term)) }

    /// Most of the words (half or more), each word held when most of its terms are; nil for a
    /// single term.
    public static func relaxed(_ terms: [SearchTerm]) -> Rule? {
        guard terms.count > 1 else { return nil }
        let words = Dictionary(grouping: terms.indices, by: { terms[$0].segment }).sorted { $0.key < $1.key }.map(\.value)
        return most(words.map { indices in most(indices.map(Rule.term)) })
    }

    /// The rules a search reads, fullest first: every term, then most of the words.
    public static func levels(_ terms: [SearchTerm]) -> [Rule] {
        guard !terms.isEmpty else { return [] }
        return [strict(terms)] + (relaxed(terms).map { [$0] } ?? [])
    }

    /// The fewest a match holds: the last level.
    public static func loosest(_ terms: [SearchTerm]) -> Rule { levels(terms).last ?? strict(terms) }

    /// At least half of the rules (more when half could be chosen in too many ways).
    static func most(_ rules: [Rule]) -> Rule {
        guard rules.count > 1 else { return rules.first ?? .all([]) }
        var required = (rules.count + 1) / 2
        while combinations(rules.count, required) > maxCombinations { required += 1 }
        let choices = Self.choices(of: rules.count, size: required).map { choice in
            choice.count == 1 ? rules[choice[0]] : Rule.all(choice.map { rules[$0] })
        }
        return choices.count == 1 ? choices[0] : .any(choices)
    }

    /// The ways to choose `size` of `count` terms, as index lists in order: a level is matched
    /// by any of them.
    public static func choices(of count: Int, size: Int) -> [[Int]] {
        guard size > 0, size <= count else { return size == 0 ? [[]] : [] }
        var result: [[Int]] = []
        var chosen: [Int] = []
        func choose(from start: Int) {
            if chosen.count == size {
                result.append(chosen)
                return
            }
            let left = size - chosen.count
            guard start <= count - left else { return }
            for index in start...(count - left) {
                chosen.append(index)
                choose(from: index + 1)
                chosen.removeLast()
            }
        }
        choose(from: 0)
        return result
    }

    static func combinations(_ count: Int, _ size: Int) -> Int {
        guard size >= 0, size <= count else { return 0 }
        var result = 1
        for step in 0..<size { result = result * (count - step) / (step + 1) }
        return result
    }

    /// How telling a term is: BM25's inverse document frequency, from the number of documents
    /// holding it and the number of documents.
    public static func idf(holding: Int, of documents: Int) -> Double {
        let total = Double(max(documents, holding)), found = Double(holding)
        return log(1 + (total - found + 0.5) / (found + 0.5))
    }

    /// A need's score for terms weighted by `idf` (in the terms' order): `title` and `elsewhere`
    /// are the indexed tokens of its title and of the rest of its public text. Each ideograph of
    /// the query the need holds adds a little (`characterWeight`): between needs holding the same
    /// terms, the one that also holds 搬 comes first for 搬办公室 (搬迁到新办公室), though no term
    /// holds 搬 alone.
    public static func score(_ terms: [SearchTerm], idf: [Double], title: Set<String>, elsewhere: Set<String>) -> Double {
        let held = zip(terms, idf).reduce(0) { total, pair in
            let (term, weight) = pair
            if term.isIn(title) { return total + 2 * weight }
            if term.isIn(elsewhere) { return total + weight }
            return total
        }
        let ideographs = Set(terms.flatMap(\.token).filter(\.isIdeographicScript))
        guard !ideographs.isEmpty else { return held }
        let inTitle = Set(title.joined()), inElsewhere = Set(elsewhere.joined())
        return ideographs.reduce(held) { total, character in
            total + (inTitle.contains(character) ? 2 : inElsewhere.contains(character) ? 1 : 0) * characterWeight
        }
    }

    /// What each ideograph of the query a need holds adds to its score (a term weighs 1 or more).
    static let characterWeight = 0.1

    /// A group of matches newest first, its first `window` reordered by score (highest first,
    /// then newest); `score` is asked only for those.
    public static func ordered<Match>(_ newestFirst: [Match], score: (ArraySlice<Match>) -> [Double]) -> [Match] {
        let head = newestFirst.prefix(window)
        let scores = score(head)
        let rescored = zip(head, scores).enumerated()
            .sorted { $0.element.1 != $1.element.1 ? $0.element.1 > $1.element.1 : $0.offset < $1.offset }
            .map(\.element.0)
        return rescored + newestFirst.dropFirst(window)
    }
}
