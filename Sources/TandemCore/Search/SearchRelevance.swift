import Foundation

/// How much of a query a need may miss, and the order search results come in.
///
/// Chinese is indexed as overlapping bigrams, so a query typed with a word left out between its
/// words (招聘销售代表 for 招聘两名销售代表), across a word boundary (华东销量 for 华东区季度销量),
/// in another order, or with a character too many or too few, holds bigrams the need lacks (聘销,
/// 东销). A need therefore matches when it holds most of the query's terms: all but
/// `droppable(of:)` of them.
///
/// The order, best first:
/// 1. Levels by how many of the terms a need holds, all of them first.
/// 2. Within a level, the needs that hold that many in their title, then the others.
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
    /// The most term combinations one level may be written with (an OR of ANDs): beyond, fewer
    /// terms may be missed.
    public static let maxCombinations = 36

    /// How many of `count` distinct terms a need may miss: about half, fewer when that many
    /// could be missed in too many ways, none of one.
    public static func droppable(of count: Int) -> Int {
        var dropped = count / 2
        while dropped > 0, combinations(count, dropped) > maxCombinations { dropped -= 1 }
        return dropped
    }

    /// How many of `count` distinct terms a need must hold.
    public static func required(of count: Int) -> Int { count - droppable(of: count) }

    /// The numbers of terms held, from all of them down to the fewest that match.
    public static func levels(of count: Int) -> [Int] {
        guard count > 0 else { return [] }
        return Array((required(of: count)...count).reversed())
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
