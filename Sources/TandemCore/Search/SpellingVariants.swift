import Foundation

/// The words one typing slip away from a word nothing contains (pritner, projecter, bugdet): two
/// letters swapped, one changed, one missing or one too many — Damerau's single edits. The store
/// keeps those its index holds (`NeedSearchStore.spellingVariants`), and a term then matches them
/// too (`SearchTerm.variants`).
public enum SpellingVariants {
    /// Words shorter than this are left alone: a slip in a short word leads anywhere.
    public static let shortestWord = 4
    /// At most this many variants are kept, the commonest first.
    public static let kept = 3

    /// Whether a term is a word worth correcting: Latin letters only, long enough, not a prefix.
    public static func corrects(_ term: SearchTerm) -> Bool {
        !term.isPrefix && term.token.count >= shortestWord && term.token.allSatisfy { $0.isASCII && $0.isLetter }
    }

    /// Every word one edit away, in order of how often people make the slip: swaps, changes,
    /// missing letters (a letter inserted), letters too many (one deleted).
    public static func candidates(of word: String) -> [String] {
        let letters = Array(word)
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz")
        var seen: Set<String> = [word]
        var result: [String] = []
        func add(_ candidate: [Character]) {
            let text = String(candidate)
            if seen.insert(text).inserted { result.append(text) }
        }
        for index in 0..<(letters.count - 1) where letters[index] != letters[index + 1] {
            var swapped = letters
            swapped.swapAt(index, index + 1)
            add(swapped)
        }
        for index in letters.indices {
            for letter in alphabet where letter != letters[index] {
                var changed = letters
                changed[index] = letter
                add(changed)
            }
        }
        for index in 0...letters.count {
            for letter in alphabet {
                var longer = letters
                longer.insert(letter, at: index)
                add(longer)
            }
        }
        for index in letters.indices {
            var shorter = letters
            shorter.remove(at: index)
            add(shorter)
        }
        return result
    }
}
