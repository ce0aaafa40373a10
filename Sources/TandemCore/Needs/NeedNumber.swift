import Foundation

/// The human number of a need, `N-2026-000123`: the year it was raised and a sequence within
/// that year. Numbers are unique; a failed creation may leave a gap, never a duplicate.
public struct NeedNumber: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let sequence: Int

    public init(year: Int, sequence: Int) {
        self.year = year
        self.sequence = sequence
    }

    /// Parses `N-YYYY-NNNNNN` (six or more digits).
    public init?(_ text: String) {
        let parts = text.uppercased().split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "N", parts[1].count == 4, parts[2].count >= 6,
            let year = Int(parts[1]), let sequence = Int(parts[2]), sequence > 0,
            parts[2].allSatisfy(\.isNumber)
        else { return nil }
        self.init(year: year, sequence: sequence)
    }

    public var description: String {
        "N-\(year)-" + String(sequence).leftPadded(to: 6)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.year, lhs.sequence) < (rhs.year, rhs.sequence) }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let number = NeedNumber(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected N-YYYY-NNNNNN"))
        }
        self = number
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
