import Foundation

/// The smallest group whose results may be shown where a person could otherwise be singled out:
/// an anonymous survey's answers, a per-pair scorecard cell, a count of confidential needs. Below
/// it, the reader sees "too few responses to show". Administrators choose it; it is never below 3.
public struct MinimumGroup: Hashable, Sendable, Codable {
    public static let standard = MinimumGroup(unchecked: 5)
    /// The least an administrator may choose: with two, each of two people knows the other's answer.
    public static let floor = 3

    public let size: Int

    public init(_ size: Int) throws {
        guard (Self.floor...1000).contains(size) else {
            throw TandemError.invalid(
                "minimum_group", "the minimum group is \(Self.floor) to 1000 people", .outOfRange, String(Self.floor), "1000")
        }
        self.size = size
    }

    init(unchecked size: Int) { self.size = size }

    /// Whether a result made of `count` people's answers may be shown.
    public func shows(_ count: Int) -> Bool { count >= size }

    enum CodingKeys: String, CodingKey { case size = "minimum_group" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(try container.decode(Int.self, forKey: .size))
    }
}
