import Foundation

/// A reporting period (考核周期): a month (`2026-11`), a quarter (`2026-Q4`) or a year (`2026`),
/// in the company's time zone.
public struct ReportingPeriod: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    public enum Length: String, Hashable, Sendable, Codable { case month, quarter, year }

    public let year: Int
    public let length: Length
    /// The month (1–12) or quarter (1–4); 1 for a year.
    public let index: Int

    public init?(_ text: String) {
        let upper = text.trimmingCharacters(in: .whitespaces).uppercased()
        let parts = upper.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, first.count == 4, let year = Int(first), (2000...2999).contains(year) else { return nil }
        switch parts.count {
        case 1:
            self.init(year: year, length: .year, index: 1)
        case 2 where parts[1].hasPrefix("Q") && parts[1].count == 2:
            guard let quarter = Int(parts[1].dropFirst()), (1...4).contains(quarter) else { return nil }
            self.init(year: year, length: .quarter, index: quarter)
        case 2 where parts[1].count == 2:
            guard let month = Int(parts[1]), (1...12).contains(month) else { return nil }
            self.init(year: year, length: .month, index: month)
        default:
            return nil
        }
    }

    /// The period a text names; anything else is an input error on `field`.
    public static func parse(_ text: String, field: String = "period") throws -> ReportingPeriod {
        guard let period = ReportingPeriod(text) else {
            throw TandemError.invalid(field, "\(field) must be a year (2026), a quarter (2026-Q4) or a month (2026-11)", .periodFormat)
        }
        return period
    }

    public init(year: Int, length: Length, index: Int) {
        self.year = year
        self.length = length
        self.index = index
    }

    /// The period of the given length an instant falls in.
    public static func containing(_ instant: Date, _ length: Length, in timeZone: TimeZone) -> ReportingPeriod {
        let date = CalendarDate(instant, in: timeZone)
        switch length {
        case .month: return ReportingPeriod(year: date.year, length: .month, index: date.month)
        case .quarter: return ReportingPeriod(year: date.year, length: .quarter, index: (date.month - 1) / 3 + 1)
        case .year: return ReportingPeriod(year: date.year, length: .year, index: 1)
        }
    }

    public var description: String {
        switch length {
        case .year: return String(year)
        case .quarter: return "\(year)-Q\(index)"
        case .month: return "\(year)-" + (index < 10 ? "0\(index)" : "\(index)")
        }
    }

    /// The months the period starts in and ends after (1–12).
    private var months: ClosedRange<Int> {
        switch length {
        case .year: return 1...12
        case .quarter: return (index - 1) * 3 + 1...index * 3
        case .month: return index...index
        }
    }

    /// From the first midnight of the period to the first midnight after it.
    public func interval(in timeZone: TimeZone) -> DateInterval {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let start = calendar.date(from: DateComponents(year: year, month: months.lowerBound, day: 1))!
        let end = calendar.date(byAdding: .month, value: months.count, to: start)!
        return DateInterval(start: start, end: end)
    }

    /// The period of the same length just before.
    public var previous: ReportingPeriod {
        switch length {
        case .year: return ReportingPeriod(year: year - 1, length: .year, index: 1)
        case .quarter:
            return index == 1
                ? ReportingPeriod(year: year - 1, length: .quarter, index: 4)
                : ReportingPeriod(year: year, length: .quarter, index: index - 1)
        case .month:
            return index == 1
                ? ReportingPeriod(year: year - 1, length: .month, index: 12)
                : ReportingPeriod(year: year, length: .month, index: index - 1)
        }
    }

    /// The period of the same length just after.
    public var next: ReportingPeriod {
        switch length {
        case .year: return ReportingPeriod(year: year + 1, length: .year, index: 1)
        case .quarter:
            return index == 4
                ? ReportingPeriod(year: year + 1, length: .quarter, index: 1)
                : ReportingPeriod(year: year, length: .quarter, index: index + 1)
        case .month:
            return index == 12
                ? ReportingPeriod(year: year + 1, length: .month, index: 1)
                : ReportingPeriod(year: year, length: .month, index: index + 1)
        }
    }

    public static func < (lhs: ReportingPeriod, rhs: ReportingPeriod) -> Bool {
        (lhs.year, lhs.months.lowerBound, lhs.months.count) < (rhs.year, rhs.months.lowerBound, rhs.months.count)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let period = ReportingPeriod(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected 2026, 2026-Q4 or 2026-11"))
        }
        self = period
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
