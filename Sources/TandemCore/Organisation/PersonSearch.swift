import Foundation

/// Finding a colleague (or a department) as people type: by name (王小明), login (or code), full
/// pinyin (`wangxiaoming`, `xiaoming`) or pinyin initials (`wxm`). Each person keeps one search key
/// holding all of them; a query matches a person whose key contains it.
public enum PersonSearch {
    /// At most this many people per answer.
    public static let maxLimit = 100

    /// The key a person (a department) is found by: login (code), name, the name's pinyin and
    /// initials, lower case.
    public static func key(handle: String, name: String) -> String {
        let read = Pinyin.readings(of: name)
        let folded = String(name.lowercased().map(SimplifiedChinese.folded).filter { !$0.isWhitespace })
        return [handle.lowercased(), folded, read.full, read.initials].joined(separator: " ")
    }

    /// `key(handle:name:)`, remembered: departments are found among all of them at every
    /// keystroke, and their names change rarely.
    public static func rememberedKey(handle: String, name: String) -> String { memo.key(handle: handle, name: name) }

    private static let memo = KeyMemo()

    private final class KeyMemo: @unchecked Sendable {
        // NB: every access holds the lock.
        private let lock = NSLock()
        private var keys: [String: String] = [:]

        func key(handle: String, name: String) -> String {
            let id = handle + "\u{1F}" + name
            lock.lock()
            defer { lock.unlock() }
            if let key = keys[id] { return key }
            let key = PersonSearch.key(handle: handle, name: name)
            if keys.count >= 100_000 { keys.removeAll() }
            keys[id] = key
            return key
        }
    }

    /// Whether a key holds one of the query's patterns.
    public static func matches(_ key: String, _ patterns: [String]) -> Bool {
        patterns.isEmpty || patterns.contains { key.contains($0) }
    }

    /// The forms of a query to look for in keys: lower case, simplified, without spaces; and, if
    /// it differs, with `v` read as `ü` (stored as `u`), as pinyin keyboards type 吕 `lv`.
    public static func patterns(_ query: String) -> [String] {
        let text = String(query.lowercased().map(SimplifiedChinese.folded).filter { !$0.isWhitespace })
        guard !text.isEmpty else { return [] }
        let ü = text.replacingOccurrences(of: "v", with: "u")
        return ü == text ? [text] : [text, ü]
    }
}
