import Foundation

/// What characterises the needs of a period, found without a dictionary: key phrases of their
/// titles (`PhraseMining`: Chinese strings grown to the longest that recur and stand as a phrase,
/// Latin words and pairs), weighed by how distinctive they are (df × ln(N / df): a phrase in most
/// needs weighs little) and how much they are about one subject (× `focus`²: 申请 or 部门 go to
/// every provider), with what is said about everything left out (held by a quarter of all the
/// different titles or more);
/// themes rising against the periods before; recurring needs (groups of needs with alike
/// titles) — candidates for a standard offering or an improvement plan. Each phrase carries its
/// trend: how many needs held it in each period, oldest first.
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
        /// Needs that held it in each period analysed, oldest first (the period itself last).
        public var trend: [Int]
    }

    public struct RisingTheme: Hashable, Sendable, Codable {
        public var term: String
        public var count: Int
        /// Needs that held it in the periods before, on average (rounded).
        public var previousCount: Int
        /// Its share of the period's needs against its average share in the periods before
        /// (∞ as 99 when new).
        public var growth: Double
        public var trend: [Int]

        enum CodingKeys: String, CodingKey { case term, count, previousCount = "previous_count", growth, trend }
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

    /// The analysis of `current` against `earlier` periods (the needs raised in each, the
    /// period just before first).
    public static func analyse(
        _ current: [Document], earlier: [[Document]], keyTermCount: Int = 20, risingCount: Int = 10,
        minimumGroup: Int = 3, similarity: Double = 0.5
    ) -> Result {
        let candidates = phrases(of: current)
        let total = Double(max(current.count, 1))
        let counters = earlier.reversed().map { PhraseCounter($0.map(\.title)) }
        func trend(_ phrase: PhraseMining.Phrase) -> [Int] { counters.map { $0.holding(phrase.text) } + [phrase.documents.count] }

        func score(_ phrase: PhraseMining.Phrase) -> Double {
            let count = Double(phrase.documents.count)
            return count * log(total / count) * pow(focus(phrase, current), 2)
        }
        // NB: scored once each, not in every comparison of the sort (focus reads each phrase's needs).
        let scores = Dictionary(candidates.map { ($0.text, score($0)) }, uniquingKeysWith: { first, _ in first })
        let byScore = candidates.sorted { (first: PhraseMining.Phrase, second: PhraseMining.Phrase) -> Bool in
            let a = scores[first.text] ?? 0, b = scores[second.text] ?? 0
            return a != b ? a > b : first.text < second.text
        }
        let keyTerms = dropSubsumed(byScore).prefix(keyTermCount).map { (phrase: PhraseMining.Phrase) -> KeyTerm in
            KeyTerm(term: phrase.text, count: phrase.documents.count, score: scores[phrase.text] ?? 0, trend: trend(phrase))
        }

        let growing = dropSubsumed(
            candidates.filter { $0.documents.count >= minimumGroup }.sorted { $0.documents.count > $1.documents.count }
        )
        .prefix(risingCandidates)
        let rising = growing.compactMap { phrase -> (PhraseMining.Phrase, RisingTheme)? in
            let history = trend(phrase)
            let before = zip(history.dropLast(), counters).filter { $0.1.count > 0 }
            let share = Double(phrase.documents.count) / total
            let earlierShare = before.isEmpty ? 0 : before.map { Double($0.0) / Double($0.1.count) }.reduce(0, +) / Double(before.count)
            let growth = earlierShare == 0 ? 99 : share / earlierShare
            guard growth >= 1.5 else { return nil }
            let average = before.isEmpty ? 0 : Int((Double(before.map(\.0).reduce(0, +)) / Double(before.count)).rounded())
            return (
                phrase,
                RisingTheme(term: phrase.text, count: phrase.documents.count, previousCount: average, growth: growth, trend: history)
            )
        }
        .sorted {
            $0.1.growth != $1.1.growth
                ? $0.1.growth > $1.1.growth : ($0.1.count != $1.1.count ? $0.1.count > $1.1.count : $0.1.term < $1.1.term)
        }
        // NB: one theme per group of needs: phrases most of whose needs an earlier one names
        // (year end, end bonus, bonus paid …) would fill the list with one subject.
        var named: [Set<Int>] = []
        var themes: [RisingTheme] = []
        for (phrase, theme) in rising where themes.count < risingCount {
            guard !named.contains(where: { $0.intersection(phrase.documents).count * 2 >= min($0.count, phrase.documents.count) }) else {
                continue
            }
            named.append(phrase.documents)
            themes.append(theme)
        }

        return Result(
            needs: current.count, previousNeeds: earlier.first?.count ?? 0, keyTerms: Array(keyTerms), rising: themes,
            recurring: recurring(current, minimumGroup: minimumGroup, similarity: similarity))
    }

    /// How much a phrase is about one subject rather than said of many: the share of its needs
    /// that go to the provider most of them go to. A subject (打印机, 年终奖) goes mostly to one
    /// department; a word every department's needs use (申请, 部门, 安排) spreads over many.
    static func focus(_ phrase: PhraseMining.Phrase, _ documents: [Document]) -> Double {
        var byProvider: [Department.ID: Int] = [:]
        for index in phrase.documents { byProvider[documents[index].providingDepartmentID, default: 0] += 1 }
        return Double(byProvider.values.max() ?? 0) / Double(max(phrase.documents.count, 1))
    }

    /// How many of the most common phrases are looked at for rising themes.
    static let risingCandidates = 300

    /// The phrases of a period worth naming: in the titles of at least 0.2% of its needs (two at
    /// least), not said about everything. NB: titles say what needs are about; descriptions add
    /// the reasons and closing words every need has (用于月度经营会议, 请尽快处理, "next week"),
    /// which outnumbered every subject when they were read too.
    static func phrases(of documents: [Document]) -> [PhraseMining.Phrase] {
        let found = PhraseMining.phrases(in: documents.map(\.title), minimumDocuments: max(2, documents.count / 500))
        let titles = documents.map { Tokenizer.tokens($0.title).joined(separator: " ") }
        let distinctTitles = Set(titles).count
        let boilerplate = max(8, distinctTitles / 4)
        return found.filter { phrase in Set(phrase.documents.map { titles[$0] }).count < boilerplate }
    }

    /// Leaves out a phrase that is part of a longer one kept before it held by nearly as many
    /// needs (so 销售代表 stands for 销售 when they mostly come together).
    static func dropSubsumed(_ phrases: [PhraseMining.Phrase]) -> [PhraseMining.Phrase] {
        var kept: [PhraseMining.Phrase] = []
        for phrase in phrases.sorted(by: { $0.text.count > $1.text.count }) {
            let covered = kept.contains {
                $0.text.contains(phrase.text) && Double($0.documents.count) >= 0.8 * Double(phrase.documents.count)
            }
            if !covered { kept.append(phrase) }
        }
        let order = Dictionary(uniqueKeysWithValues: phrases.enumerated().map { ($1.text, $0) })
        return kept.sorted { order[$0.text]! < order[$1.text]! }
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
