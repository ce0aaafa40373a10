import Foundation

/// A wall-clock time of day (`09:00`), as working hours are written.
public struct TimeOfDay: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// Minutes since midnight, 0…1440 (1440 is the end of the day, `24:00`).
    public let minutes: Int

    public init?(hour: Int, minute: Int) {
        guard (0...24).contains(hour), (0..<60).contains(minute), hour * 60 + minute <= 1440 else { return nil }
        minutes = hour * 60 + minute
    }

    /// Parses `HH:MM` (`24:00` allowed as the end of a day).
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]) else {
            return nil
        }
        self.init(hour: hour, minute: minute)
    }

    public var description: String {
        String(minutes / 60).leftPadded(to: 2) + ":" + String(minutes % 60).leftPadded(to: 2)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.minutes < rhs.minutes }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let time = TimeOfDay(try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected HH:MM")
        }
        self = time
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// One stretch of working time in a day, `09:00–12:00`.
public struct WorkingSpan: Hashable, Sendable, Codable {
    public let start: TimeOfDay
    public let end: TimeOfDay

    public init?(_ start: TimeOfDay, _ end: TimeOfDay) {
        guard start < end else { return nil }
        self.start = start
        self.end = end
    }

    /// Parses `09:00-12:00` (or with an en dash).
    public init?(_ text: String) {
        let parts = text.replacingOccurrences(of: "–", with: "-").split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let start = TimeOfDay(parts[0]), let end = TimeOfDay(parts[1]) else { return nil }
        self.init(start, end)
    }

    /// Written as `"09:00-12:00"`.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let span = WorkingSpan(try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected HH:MM-HH:MM with the start before the end")
        }
        self = span
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode("\(start)-\(end)")
    }
}

/// Days of the week, Monday first (ISO 8601).
public enum Weekday: Int, Hashable, Sendable, CaseIterable, Comparable, Codable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// `monday` … `sunday`, as the API and stored calendars spell it.
    public var name: String { String(describing: self) }

    public init?(name: String) {
        guard let day = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = day
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let day = Weekday(name: try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected monday … sunday")
        }
        self = day
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}
