import Foundation

/// The one tokenizer behind search, themes and duplicate hints (Chinese and English alike).
///
/// Text is first normalised (NFKC: full-width letters and digits become ASCII), then split into
/// runs. Latin and other alphabetic words and numbers become lower-case tokens; Chinese,
/// Japanese and Korean text, which has no spaces between words, becomes overlapping character
/// bigrams (`季度销售` → `季度`, `度销`, `销售`), as Lucene's CJK analyzer does — a query's
/// bigrams then match wherever its words appear, without a dictionary. A lone CJK character is
/// a token by itself.
public enum Tokenizer {
    /// The tokens of `text`, in order (repeats kept: callers count or deduplicate as they need).
    public static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var word = ""
        var ideographs: [Character] = []

        func flushWord() {
            if !word.isEmpty { tokens.append(word) }
            word = ""
        }
        func flushIdeographs() {
            if ideographs.count == 1 {
                tokens.append(String(ideographs[0]))
            } else {
                for index in 0..<max(0, ideographs.count - 1) { tokens.append(String(ideographs[index...index + 1])) }
            }
            ideographs = []
        }

        for character in text.precomposedStringWithCompatibilityMapping {
            if character.isIdeographicScript {
                flushWord()
                ideographs.append(character)
            } else if character.isLetter || character.isNumber {
                flushIdeographs()
                word += character.lowercased()
            } else {
                flushWord()
                flushIdeographs()
            }
        }
        flushWord()
        flushIdeographs()
        return tokens
    }

    /// The distinct tokens of `text`, in first-seen order: what a query must match.
    public static func distinctTokens(_ text: String) -> [String] {
        var seen: Set<String> = []
        return tokens(text).filter { seen.insert($0).inserted }
    }
}

extension Character {
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
