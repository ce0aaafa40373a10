import Foundation

/// Chinese text as people type it on a Latin keyboard: 王小明 as `wangxiaoming` or by its initials
/// `wxm`. Each ideograph has its commonest Mandarin reading (`PinyinTable`), so a surname read
/// otherwise (曾 as zeng, 单 as shan) is found by its common reading only.
public enum Pinyin {
    static let codeAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".unicodeScalars)
    static let first: UInt32 = 0x4E00
    static let last: UInt32 = 0x9FFF

    /// "" first: code 0 is no reading.
    private static let syllables: [String] = [""] + syllableList.split(whereSeparator: \.isWhitespace).map(String.init)

    private static let table: [UInt16] = {
        var places: [Unicode.Scalar: UInt16] = [:]
        for (place, scalar) in codeAlphabet.enumerated() { places[scalar] = UInt16(place) }
        let scalars = codes.unicodeScalars.filter { $0 != "\n" }
        var table: [UInt16] = []
        table.reserveCapacity(Int(last - first + 1))
        var iterator = scalars.makeIterator()
        while let high = iterator.next(), let low = iterator.next() {
            table.append((places[high] ?? 0) * 64 + (places[low] ?? 0))
        }
        return table
    }()

    /// The reading of an ideograph (`王` → `wang`), or nil for any other character.
    public static func syllable(of scalar: Unicode.Scalar) -> String? {
        guard scalar.value >= first, scalar.value <= last else { return nil }
        let code = Int(table[Int(scalar.value - first)])
        return code == 0 || code >= syllables.count ? nil : syllables[code]
    }

    /// A text read out: its ideographs as syllables, run together (`wangxiaoming`), and their
    /// initials (`wxm`); Latin letters and digits are kept (lower case), anything else left out.
    public static func readings(of text: String) -> (full: String, initials: String) {
        var full = "", initials = ""
        let simplified = String(text.lowercased().map(SimplifiedChinese.folded))
        for scalar in simplified.unicodeScalars {
            if let syllable = syllable(of: scalar) {
                full += syllable
                initials.append(syllable.first!)
            } else if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                full.unicodeScalars.append(scalar)
                initials.unicodeScalars.append(scalar)
            }
        }
        return (full, initials)
    }
}
