import Foundation

/// A typed identifier: `Need.ID` and `Person.ID` are different types, so one cannot be passed
/// where the other is expected, while both are stored as a UUID.
public struct Identifier<Subject>: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    public let rawValue: UUID

    public init(_ rawValue: UUID) { self.rawValue = rawValue }

    /// Parses the canonical UUID text form; `nil` for anything else.
    public init?(_ text: String) {
        guard let uuid = UUID(text: text) else { return nil }
        self.rawValue = uuid
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let uuid = UUID(text: try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a UUID")
        }
        self.rawValue = uuid
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public var description: String { rawValue.lowercasedText }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.description < rhs.description }

    /// A random identifier (UUID version 4) for anything anonymous: unlike the time-ordered ids
    /// of everything else (`TimeOrderedIDGenerator`), it carries no time and sorts in no order
    /// of arrival, so an anonymous answer or suggestion cannot be dated or lined up by its id.
    public static func anonymous() -> Self { Self(UUID()) }
}
