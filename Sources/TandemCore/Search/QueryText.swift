import Foundation

/// What a person types into search, read as what they look for: the words people put around it
/// in a sentence (帮我查一下华东区上个季度的销量) are read as spaces, so the bigrams that span them
/// (我查, 度的, 的销) do not count against the needs that hold the rest.
///
/// NB: only runs of six or more ideographs — sentences — lose their filler words: in a shorter
/// run they are more often part of a word (目的, 需要求). Particles that end a sentence go
/// everywhere.
public enum QueryText {
    static let sentenceLength = 6
    /// Longest first, so 能不能 goes before 能.
    static let fillers = [
        "能不能", "查一下", "帮我", "帮忙", "麻烦", "一下", "请问", "我的", "我们", "我想", "想要", "需要", "怎么", "如何", "什么", "能否",
        "可以", "一个", "一台", "这个", "那个", "上个", "请", "的", "又", "很", "想", "要", "在",
    ]
    static let particles: Set<Character> = ["了", "吗", "呢", "吧", "啊"]

    /// The text with filler words and particles turned into spaces.
    public static func essentials(of text: String) -> String {
        var result = ""
        var run = ""
        func flush() {
            guard !run.isEmpty else { return }
            result += run.count >= sentenceLength ? withoutFillers(run) : run
            run = ""
        }
        for character in text {
            if particles.contains(character) {
                flush()
                result += " "
            } else if character.isIdeographicScript {
                run.append(character)
            } else {
                flush()
                result.append(character)
            }
        }
        flush()
        return result
    }

    static func withoutFillers(_ run: String) -> String {
        var text = run
        for filler in fillers { text = text.replacingOccurrences(of: filler, with: " ") }
        return text
    }
}
