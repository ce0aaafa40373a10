import Foundation

/// What characterises the needs of a period, found without a dictionary: key terms and phrases
/// (TF-IDF over the shared tokenizer's text: Chinese runs as 2–4 character strings, Latin words and
/// pairs of words), themes rising against the previous period, and recurring needs (groups of
/// needs with alike titles) — candidates for a standard offering or an improvement plan.
public enum ThemeAnalysis {
    /// A need as the analysis reads it.
    public struct Document: Hashable, Sendable {
        public var needID: Need.ID
        public var number: NeedNumber
        public var title: String
        public var description: String
        public var providingDepartmentID: Department.ID

        public init(needID: Need.ID, number: NeedNumber, title: String, description: String, providingDepartmentID: Department.ID) {
            self.needID = needID
            self.number = number
            self.title = title
            self.description = description
            self.providingDepartmentID = providingDepartmentID
        }
    }

    public struct KeyTerm: Hashable, Sendable, Codable {
        public var term: String
        /// Needs of the period that contain it.
        public var count: Int
        public var score: Double
    }

    public struct RisingTheme: Hashable, Sendable, Codable {
        public var term: String
        public var count: Int
        public var previousCount: Int
        /// Its share of the period's needs against its share of the previous period's (∞ as 99 when new).
        public var growth: Double

        enum CodingKeys: String, CodingKey { case term, count, previousCount = "previous_count", growth }
    }

    public struct RecurringNeed: Hashable, Sendable, Codable {
        /// The title of the group's first need.
        public var title: String
        public var count: Int
        public var needIDs: [Need.ID]
        public var numbers: [NeedNumber]
        public var providingDepartmentIDs: [Department.ID]

        enum CodingKeys: String, CodingKey {
            case title, count, needIDs = "need_ids", numbers, providingDepartmentIDs = "providing_department_ids"
        }
    }

    public struct Result: Hashable, Sendable, Codable {
        public var needs: Int
        public var previousNeeds: Int
        public var keyTerms: [KeyTerm]
        public var rising: [RisingTheme]
        public var recurring: [RecurringNeed]

        enum CodingKeys: String, CodingKey { case needs, previousNeeds = "previous_needs", keyTerms = "key_terms", rising, recurring }
    }

    /// Words that say nothing about a need (English function words, Chinese fillers of requests).
    static let stopTerms: Set<String> = [
        "the", "a", "an", "and", "or", "of", "for", "to", "in", "on", "at", "by", "with", "is", "are", "be", "it", "this", "that",
        "please", "we", "our", "us", "i", "my", "need", "needs", "can", "could", "would", "should", "will", "from", "about", "as",
        "需要", "请在", "请尽", "尽快", "我们", "一下", "帮忙", "谢谢", "麻烦", "之前", "以前",
    ]

    /// The candidate terms of a text, each once: Chinese (and other ideographic) runs give every
    /// substring of 2–4 characters; Latin text gives its words (2 letters or more, or numbers of
    /// letters and digits) and each pair of neighbouring words.
    public static func terms(of text: String) -> Set<String> {
        var terms: Set<String> = []
        var run: [Character] = []
        var other = ""
        func flushRun() {
            if run.count >= 2 {
                for length in 2...min(4, run.count) {
                    for start in 0...(run.count - length) { terms.insert(String(run[start..<start + length])) }
                }
            }
            run = []
        }
        func flushOther() {
            let words = Tokenizer.tokens(other).filter { $0.count >= 2 && !$0.allSatisfy(\.isNumber) }
            terms.formUnion(words)
            for (first, second) in zip(words, words.dropFirst()) { terms.insert(first + " " + second) }
            other = ""
        }
        for character in text.precomposedStringWithCompatibilityMapping {
            if character.isIdeographicScript {
                flushOther()
                run.append(character)
            } else {
                flushRun()
                other.append(character)
            }
        }
        flushRun()
        flushOther()
        return terms.filter { !stopTerms.contains($0) && !hasStopWord($0) }
    }

    /// A pair of words with a stop word in it says nothing either.
    static func hasStopWord(_ term: String) -> Bool {
        let words = term.split(separator: " ").map(String.init)
        return words.count > 1 && words.contains { stopTerms.contains($0) }
    }

    /// The analysis of `current` against `previous` (both: the needs raised in their period).
    public static func analyse(
        _ current: [Document], previous: [Document], keyTermCount: Int = 20, risingCount: Int = 10,
        minimumGroup: Int = 3, similarity: Double = 0.5
    ) -> Result {
        let currentTerms = current.map { terms(of: $0.title + "\n" + $0.description) }
        let previousTerms = previous.map { terms(of: $0.title + "\n" + $0.description) }
        let currentCounts = frequencies(currentTerms), previousCounts = frequencies(previousTerms)
        let all = current.count + previous.count
        // TF-IDF: how many of the period's needs hold the term × how rare it is over both periods.
        var scored = currentCounts.compactMap { term, count -> KeyTerm? in
            guard count >= 2 else { return nil }
            let idf = log(Double(1 + all) / Double(1 + count + (previousCounts[term] ?? 0))) + 1
            return KeyTerm(term: term, count: count, score: Double(count) * idf)
        }
        scored.sort {
            $0.score != $1.score
                ? $0.score > $1.score : ($0.term.count != $1.term.count ? $0.term.count > $1.term.count : $0.term < $1.term)
        }
        let keyTerms = Array(dropSubsumed(scored).prefix(keyTermCount))

        let rising = dropSubsumed(
            currentCounts.compactMap { term, count -> KeyTerm? in
                count >= minimumGroup ? KeyTerm(term: term, count: count, score: Double(count)) : nil
            }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.term < $1.term }
        )
        .compactMap { candidate -> RisingTheme? in
            let before = previousCounts[candidate.term] ?? 0
            let share = Double(candidate.count) / Double(max(current.count, 1))
            let previousShare = Double(before) / Double(max(previous.count, 1))
            let growth = previousShare == 0 ? 99 : share / previousShare
            return growth >= 1.5 ? RisingTheme(term: candidate.term, count: candidate.count, previousCount: before, growth: growth) : nil
        }
        .sorted { $0.growth != $1.growth ? $0.growth > $1.growth : ($0.count != $1.count ? $0.count > $1.count : $0.term < $1.term) }

        return Result(
            needs: current.count, previousNeeds: previous.count, keyTerms: keyTerms, rising: Array(rising.prefix(risingCount)),
            recurring: recurring(current, minimumGroup: minimumGroup, similarity: similarity))
    }

    static func frequencies(_ documents: [Set<String>]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for terms in documents { for term in terms { counts[term, default: 0] += 1 } }
        return counts
    }

    /// Leaves out a term that is part of a longer one kept before it with as many needs (so
    /// 销售数据 stands for 销售, 售数 and 数据 when they always come together).
    static func dropSubsumed(_ terms: [KeyTerm]) -> [KeyTerm] {
        var kept: [KeyTerm] = []
        for term in terms.sorted(by: { $0.term.count > $1.term.count }) {
            if !kept.contains(where: { $0.term.contains(term.term) && $0.count >= term.count }) { kept.append(term) }
        }
        let order = Dictionary(uniqueKeysWithValues: terms.enumerated().map { ($1.term, $0) })
        return kept.sorted { order[$0.term]! < order[$1.term]! }
    }

    /// Groups of needs whose titles share most of their tokens (Dice ≥ `similarity` with the
    /// group's first need), largest first; groups smaller than `minimumGroup` are left out.
    static func recurring(_ documents: [Document], minimumGroup: Int, similarity: Double) -> [RecurringNeed] {
        var groups: [(leader: Set<String>, members: [Document])] = []
        for document in documents {
            let tokens = Set(Tokenizer.tokens(document.title))
            guard !tokens.isEmpty else { continue }
            if let index = groups.firstIndex(where: { DuplicateHints.dice($0.leader, tokens) >= similarity }) {
                groups[index].members.append(document)
            } else {
                groups.append((tokens, [document]))
            }
        }
        return groups.filter { $0.members.count >= minimumGroup }
            .sorted {
                $0.members.count != $1.members.count ? $0.members.count > $1.members.count : $0.members[0].number < $1.members[0].number
            }
            .map { group in
                RecurringNeed(
                    title: group.members[0].title, count: group.members.count, needIDs: group.members.map(\.needID),
                    numbers: group.members.map(\.number),
                    providingDepartmentIDs: Array(Set(group.members.map(\.providingDepartmentID))).sorted())
            }
    }
}
