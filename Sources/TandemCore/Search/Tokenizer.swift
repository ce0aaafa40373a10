import Foundation

/// The one tokenizer behind search, themes and duplicate hints (Chinese and English alike).
///
/// Each character is first normalised (NFKC: full-width letters and digits become ASCII;
/// traditional Chinese characters become simplified, `SimplifiedChinese`), then
/// the text is split into runs. Latin and other alphabetic words and numbers become lower-case
/// tokens; Chinese, Japanese and Korean text, which has no spaces between words, becomes
/// overlapping character bigrams (`季度销售` → `季度`, `度销`, `销售`), as Lucene's CJK analyzer
/// does — a query's bigrams then match wherever its words appear, without a dictionary. A lone
/// CJK character is a token by itself.
public enum Tokenizer {
    /// One token and where it stands in the text it was read from.
    public struct Token: Hashable, Sendable {
        public var text: String
        public var range: Range<String.Index>
        /// A lone ideograph, or the last ideograph of a run (only with `runEnds`).
        public var isIdeograph: Bool
    }

    /// The tokens of `text`, in order (repeats kept: callers count or deduplicate as they need).
    public static func tokens(_ text: String) -> [String] {
        scan(text).map(\.text)
    }

    /// The distinct tokens of `text`, in first-seen order: what a query must match.
    public static func distinctTokens(_ text: String) -> [String] {
        var seen: Set<String> = []
        return tokens(text).filter { seen.insert($0).inserted }
    }

    /// The tokens a search index keeps: `tokens` plus, for every run of two or more ideographs,
    /// its last character alone. Every ideograph then begins some indexed token, so a query of
    /// one character finds it by prefix, wherever it stands in a word.
    public static func indexTokens(_ text: String) -> [String] {
        scan(text, runEnds: true).map(\.text)
    }

    /// The tokens of `text` with their ranges in `text` itself (not in its normalised form).
    public static func scan(_ text: String, runEnds: Bool = false) -> [Token] {
        var tokens: [Token] = []
        var word = ""
        var wordRange: Range<String.Index>?
        var ideographs: [(character: Character, range: Range<String.Index>)] = []

        func flushWord() {
            if let range = wordRange, !word.isEmpty { tokens.append(Token(text: word, range: range, isIdeograph: false)) }
            word = ""
            wordRange = nil
        }
        func flushIdeographs() {
            if ideographs.count == 1 {
                tokens.append(Token(text: String(ideographs[0].character), range: ideographs[0].range, isIdeograph: true))
            } else if ideographs.count > 1 {
                for index in 0..<ideographs.count - 1 {
                    let pair = String([ideographs[index].character, ideographs[index + 1].character])
                    tokens.append(
                        Token(
                            text: pair, range: ideographs[index].range.lowerBound..<ideographs[index + 1].range.upperBound,
                            isIdeograph: false))
                }
                if runEnds, let last = ideographs.last {
                    tokens.append(Token(text: String(last.character), range: last.range, isIdeograph: true))
                }
            }
            ideographs = []
        }

        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(after: index)
            let range = index..<next
            func read(_ character: Character) {
                if character.isIdeographicScript {
                    flushWord()
                    ideographs.append((SimplifiedChinese.folded(character), range))
                } else if character.isLetter || character.isNumber {
                    flushIdeographs()
                    word += character.lowercased()
                    wordRange = (wordRange?.lowerBound ?? index)..<next
                } else {
                    flushWord()
                    flushIdeographs()
                }
            }
            let character = text[index]
            if character.isOwnCompatibilityForm {
                read(character)
            } else {
                for normalised in String(character).precomposedStringWithCompatibilityMapping { read(normalised) }
            }
            index = next
        }
        flushWord()
        flushIdeographs()
        return tokens
    }
}

extension Character {
    /// ASCII and the CJK Unified Ideographs: characters that NFKC leaves as they are, read without
    /// asking Foundation (a new string per character: a sixth of a search's time, in the snippets).
    var isOwnCompatibilityForm: Bool {
        let scalars = unicodeScalars
        guard let scalar = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex else { return false }
        switch scalar.value {
        case 0x00...0x7F, 0x3400...0x4DBF, 0x4E00...0x9FFF: return true
        default: return false
        }
    }

    /// Han, Hiragana, Katakana and Hangul: scripts written without spaces between words.
    var isIdeographicScript: Bool {
        guard let scalar = unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x3040...0x30FF,  // Hiragana, Katakana
            0x3400...0x4DBF,  // CJK Extension A
            0x4E00...0x9FFF,  // CJK Unified Ideographs
            0xAC00...0xD7AF,  // Hangul syllables
            0xF900...0xFAFF,  // CJK Compatibility Ideographs
            0x20000...0x2FA1F:  // CJK Extensions B–F and supplements
            return true
        default:
            return false
        }
    }
}
