import Foundation

/// Reads holidays and make-up workdays from an iCalendar (.ics) file, as published for Chinese
/// public holidays: all-day events whose summary names the holiday (春节) or marks a worked day
/// (补班, 上班, "make-up workday").
public enum ICalendarImport {
    public enum Kind: String, Sendable, Hashable { case holiday, makeUpWorkday = "make_up_workday" }

    public struct Day: Sendable, Hashable {
        public var date: CalendarDate
        public var name: String
        public var kind: Kind
    }

    /// Words that mark a worked day rather than a day off.
    static let workdayMarkers = ["补班", "上班", "调休班", "make-up", "makeup", "workday", "working day"]

    /// Every day the file's events cover; an error names the line of the first bad event.
    public static func days(from text: String) throws -> [Day] {
        var days: [Day] = []
        var event: [String: (value: String, line: Int)]?
        for (number, line) in unfolded(text) {
            if line == "BEGIN:VEVENT" {
                event = [:]
            } else if line == "END:VEVENT", let current = event {
                days += try expand(current, endLine: number)
                event = nil
            } else if event != nil, let colon = line.firstIndex(of: ":") {
                let name = line[..<colon].split(separator: ";").first.map { $0.uppercased() } ?? ""
                event?[name] = (String(line[line.index(after: colon)...]), number)
            }
        }
        guard !days.isEmpty else { throw TandemError.invalid("file", "the file holds no all-day events") }
        return days
    }

    /// Adds the days to a calendar: holidays become days off, worked days take Monday's hours.
    public static func apply(_ days: [Day], to calendar: BusinessCalendar) -> BusinessCalendar {
        var result = calendar
        for day in days {
            switch day.kind {
            case .holiday:
                result.holidays[day.date] = day.name
                result.makeUpWorkdays[day.date] = nil
            case .makeUpWorkday:
                result.makeUpWorkdays[day.date] = .monday
                result.holidays[day.date] = nil
            }
        }
        return result
    }

    private static func expand(_ event: [String: (value: String, line: Int)], endLine: Int) throws -> [Day] {
        guard let start = event["DTSTART"] else {
            throw TandemError.invalid("file", "line \(endLine): an event without DTSTART")
        }
        guard let first = date(start.value) else {
            throw TandemError.invalid("file", "line \(start.line): '\(start.value)' is not a date")
        }
        var last = first
        if let end = event["DTEND"] {
            guard let exclusiveEnd = date(end.value), exclusiveEnd > first else {
                throw TandemError.invalid("file", "line \(end.line): '\(end.value)' is not a date after DTSTART")
            }
            last = exclusiveEnd.adding(days: -1)
        }
        guard last.daysSinceEpoch - first.daysSinceEpoch < 31 else {
            throw TandemError.invalid("file", "line \(start.line): an event longer than a month is not a holiday")
        }
        let summary = unescape(event["SUMMARY"]?.value ?? "")
        let lowered = summary.lowercased()
        let kind: Kind = workdayMarkers.contains { lowered.contains($0) } || summary == "班" ? .makeUpWorkday : .holiday
        var days: [Day] = []
        var day = first
        while day <= last {
            days.append(Day(date: day, name: summary.isEmpty ? "holiday" : summary, kind: kind))
            day = day.adding(days: 1)
        }
        return days
    }

    /// `20260101` or `20260101T000000Z` → the date part.
    private static func date(_ value: String) -> CalendarDate? {
        let digits = value.prefix(8)
        guard digits.count == 8, digits.allSatisfy(\.isNumber) else { return nil }
        return CalendarDate("\(digits.prefix(4))-\(digits.dropFirst(4).prefix(2))-\(digits.suffix(2))")
    }

    /// Lines with folded continuations joined (RFC 5545 §3.1), numbered from 1.
    private static func unfolded(_ text: String) -> [(Int, String)] {
        var lines: [(Int, String)] = []
        for (index, raw) in text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let first = raw.first, first == " " || first == "\t", !lines.isEmpty {
                lines[lines.count - 1].1 += raw.dropFirst()
            } else {
                lines.append((index + 1, String(raw).trimmingCharacters(in: .whitespaces)))
            }
        }
        return lines
    }

    private static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\n", with: " ").replacingOccurrences(of: "\\,", with: ",")
            .replacingOccurrences(of: "\\;", with: ";").replacingOccurrences(of: "\\\\", with: "\\")
            .trimmingCharacters(in: .whitespaces)
    }
}
