import Foundation

/// The phrases that recur in a set of texts, found without a dictionary: Chinese strings grown
/// from recurring character pairs to the longest strings that recur, kept only where they stand
/// as a phrase; Latin words and pairs of words.
///
/// A string stands as a phrase when what comes before it and what comes after it vary: its
/// accessor variety (Feng et al., 2004) — the number of different characters next to it, each
/// text boundary or punctuation counting on its own — is at least two on each side. 名销售代 is
/// always followed by 表 and 请尽快处 by 理, so neither is kept; 销售代表 and 请尽快处理 are. A
/// phrase that is only one of the places a shorter phrase stands in (区销售数据) is left out too.
public enum PhraseMining {
    /// A recurring phrase and the texts (by index) that hold it.
    public struct Phrase: Hashable, Sendable {
        public var text: String
        public var documents: Set<Int>
    }

    /// The longest Chinese string grown.
    public static let longest = 10

    /// The phrases held by at least `minimumDocuments` of the texts.
    public static func phrases(in texts: [String], minimumDocuments: Int) -> [Phrase] {
        let segments = texts.map(segments(of:))
        return chinesePhrases(segments, minimumDocuments: minimumDocuments) + latinPhrases(segments, minimumDocuments: minimumDocuments)
    }

    /// A text as runs of ideographs (folded as the tokenizer folds them) and the Latin tokens
    /// between them.
    struct Segments {
        var runs: [[Character]] = []
        var latin: [[String]] = []
    }

    static func segments(of text: String) -> Segments {
        var segments = Segments()
        var run: [Character] = []
        var other = ""
        func flushRun() {
            if run.count >= 2 { segments.runs.append(run) }
            run = []
        }
        func flushOther() {
            let words = Tokenizer.tokens(other)
            if !words.isEmpty { segments.latin.append(words) }
            other = ""
        }
        for character in text.precomposedStringWithCompatibilityMapping {
            if character.isIdeographicScript {
                flushOther()
                run.append(SimplifiedChinese.folded(character))
            } else {
                flushRun()
                other.append(character)
            }
        }
        flushRun()
        flushOther()
        return segments
    }

    /// Where a string occurs: the text, the run and the start in it.
    struct Occurrence: Hashable {
        var document: Int
        var run: Int
        var start: Int
    }

    static func chinesePhrases(_ segments: [Segments], minimumDocuments: Int) -> [Phrase] {
        // Level by level: the strings of each length that recur, from the occurrences of the
        // recurring strings one shorter (a string recurs only if both its shorter halves do).
        var level: [String: [Occurrence]] = [:]
        for (document, text) in segments.enumerated() {
            for (index, run) in text.runs.enumerated() {
                for start in 0..<(run.count - 1) {
                    level[String(run[start..<start + 2]), default: []].append(Occurrence(document: document, run: index, start: start))
                }
            }
        }
        var kept: [Phrase] = []
        var length = 2
        while !level.isEmpty {
            level = level.filter { Set($0.value.map(\.document)).count >= minimumDocuments }
            for (text, occurrences) in level where standsAsPhrase(occurrences, length: length, segments) {
                kept.append(Phrase(text: text, documents: Set(occurrences.map(\.document))))
            }
            guard length < longest else { break }
            var longer: [String: [Occurrence]] = [:]
            for occurrences in level.values {
                for occurrence in occurrences {
                    let run = segments[occurrence.document].runs[occurrence.run]
                    guard occurrence.start + length < run.count else { continue }
                    let suffix = String(run[occurrence.start + 1...occurrence.start + length])
                    guard level[suffix] != nil else { continue }
                    longer[String(run[occurrence.start...occurrence.start + length]), default: []].append(occurrence)
                }
            }
            level = longer
            length += 1
        }
        return withoutOneSidedContexts(kept)
    }

    /// Leaves out a phrase that is a phrase kept with one character more on one side, when it
    /// stands in at most half of that phrase's texts: 区销售数据 is one of the places 销售数据
    /// stands in (华东区销售数据, 的销售数据 …), not a phrase of its own.
    static func withoutOneSidedContexts(_ phrases: [Phrase]) -> [Phrase] {
        let counts = Dictionary(phrases.map { ($0.text, $0.documents.count) }, uniquingKeysWith: max)
        return phrases.filter { phrase in
            guard phrase.text.count >= 3 else { return true }
            let shorter = [String(phrase.text.dropFirst()), String(phrase.text.dropLast())]
            return !shorter.contains { (counts[$0] ?? 0) >= 2 * phrase.documents.count }
        }
    }

    /// Whether the string varies on both sides: at least two different neighbours each side, a
    /// text's edge (or punctuation) counting as a new neighbour every time.
    static func standsAsPhrase(_ occurrences: [Occurrence], length: Int, _ segments: [Segments]) -> Bool {
        var before: Set<Character> = [], after: Set<Character> = []
        var edgesBefore = 0, edgesAfter = 0
        for occurrence in occurrences {
            let run = segments[occurrence.document].runs[occurrence.run]
            if occurrence.start == 0 { edgesBefore += 1 } else { before.insert(run[occurrence.start - 1]) }
            let end = occurrence.start + length
            if end == run.count { edgesAfter += 1 } else { after.insert(run[end]) }
        }
        return before.count + edgesBefore >= 2 && after.count + edgesAfter >= 2
    }

    /// Latin words (two letters or more, not only digits, not stop words) and pairs of
    /// neighbouring words without a stop word.
    static func latinPhrases(_ segments: [Segments], minimumDocuments: Int) -> [Phrase] {
        var documents: [String: Set<Int>] = [:]
        for (document, text) in segments.enumerated() {
            for words in text.latin {
                let useful = words.map { $0.count >= 2 && !$0.allSatisfy(\.isNumber) && !stopWords.contains($0) }
                for (index, word) in words.enumerated() where useful[index] { documents[word, default: []].insert(document) }
                for index in words.indices.dropLast() where useful[index] && useful[index + 1] {
                    documents[words[index] + " " + words[index + 1], default: []].insert(document)
                }
            }
        }
        return documents.filter { $0.value.count >= minimumDocuments }.map { Phrase(text: $0.key, documents: $0.value) }
    }

    /// English words that say nothing about a need.
    static let stopWords: Set<String> = [
        "the", "a", "an", "and", "or", "of", "for", "to", "in", "on", "at", "by", "with", "is", "are", "be", "it", "this", "that",
        "please", "we", "our", "us", "i", "my", "me", "need", "needs", "can", "could", "would", "should", "will", "from", "about", "as",
        "has", "have", "was", "were", "not", "no", "its", "there", "they", "you", "your", "all", "any", "some", "so", "but",
        "new", "next", "help", "when", "how", "what", "who", "get", "got", "do", "does", "did", "into", "out", "up", "more",
    ]
}

/// A set of texts read once so that how many hold a phrase is answered quickly: the texts
/// holding a Chinese phrase's first pair, checked for the whole phrase; Latin words and pairs
/// looked up.
public struct PhraseCounter: Sendable {
    private let segments: [PhraseMining.Segments]
    private var pairs: [String: [Int]] = [:]
    private var latin: [String: Set<Int>] = [:]

    public init(_ texts: [String]) {
        segments = texts.map(PhraseMining.segments(of:))
        for (document, text) in segments.enumerated() {
            for run in text.runs {
                for start in 0..<(run.count - 1) {
                    let pair = String(run[start..<start + 2])
                    if pairs[pair]?.last != document { pairs[pair, default: []].append(document) }
                }
            }
            for words in text.latin {
                for word in words { latin[word, default: []].insert(document) }
                for (first, second) in zip(words, words.dropFirst()) { latin[first + " " + second, default: []].insert(document) }
            }
        }
    }

    public var count: Int { segments.count }

    /// How many of the texts hold the phrase.
    public func holding(_ phrase: String) -> Int {
        let characters = Array(phrase)
        guard let first = characters.first, first.isIdeographicScript else { return latin[phrase]?.count ?? 0 }
        guard characters.count >= 2, let candidates = pairs[String(characters[0..<2])] else { return 0 }
        return candidates.filter { document in
            segments[document].runs.contains { run in
                guard run.count >= characters.count else { return false }
                return (0...(run.count - characters.count)).contains { start in
                    run[start..<start + characters.count].elementsEqual(characters)
                }
            }
        }.count
    }
}
