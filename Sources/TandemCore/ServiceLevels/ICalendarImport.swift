import Foundation

/// Reads holidays and make-up workdays from an iCalendar (.ics) file, as published for Chinese
/// public holidays: events whose summary names the holiday (春节, 春节（休）) or marks a worked day
/// (春节 班, 国庆节（班）, 补班, "make-up workday"). All-day events cover their dates; timed events
/// (UTC, with a `TZID`, or floating) cover the days they touch in the calendar's own zone.
public enum ICalendarImport {
    public enum Kind: String, Sendable, Hashable { case holiday, makeUpWorkday = "make_up_workday" }

    public struct Day: Sendable, Hashable {
        public var date: CalendarDate
        public var name: String
        public var kind: Kind
    }

    /// Every day the file's events cover, read in `zone` (the calendar's); an error names the
    /// line of the first bad event.
    public static func days(from text: String, in zone: TimeZone) throws -> [Day] {
        var days: [Day] = []
        var event: [String: ICalendarProperty]?
        for (number, line) in unfolded(text) {
            if line == "BEGIN:VEVENT" {
                event = [:]
            } else if line == "END:VEVENT", let current = event {
                days += try expand(current, closingLine: number, zone: zone)
                event = nil
            } else if event != nil, let property = ICalendarProperty(line, number: number) {
                event?[property.name] = property
            }
        }
        guard !days.isEmpty else { throw TandemError.invalid("file", "the file holds no events") }
        return days
    }

    /// Adds the days to a calendar: holidays become days off; worked days take the hours of
    /// `makeUpAs`, or else of the calendar's first weekday with working hours (never none).
    public static func apply(_ days: [Day], to calendar: BusinessCalendar, makeUpAs: Weekday? = nil) -> BusinessCalendar {
        var result = calendar
        let weekday = makeUpAs ?? calendar.firstWorkingWeekday
        for day in days {
            switch day.kind {
            case .holiday:
                result.holidays[day.date] = day.name
                result.makeUpWorkdays[day.date] = nil
            case .makeUpWorkday:
                result.makeUpWorkdays[day.date] = weekday
                result.holidays[day.date] = nil
            }
        }
        return result
    }

    private static func expand(_ event: [String: ICalendarProperty], closingLine: Int, zone: TimeZone) throws -> [Day] {
        guard let start = event["DTSTART"] else {
            throw TandemError.invalid("file", "line \(closingLine): an event without DTSTART")
        }
        let first = try start.moment(in: zone)
        var end: ICalendarMoment?
        var endLine = start.line
        if let stop = event["DTEND"] {
            (end, endLine) = (try stop.moment(in: zone), stop.line)
        } else if let duration = event["DURATION"] {
            (end, endLine) = (try first.adding(duration.duration(), line: duration.line), duration.line)
        }
        let covered = try first.days(until: end, in: zone, line: endLine)
        guard covered.count <= 31 else {
            throw TandemError.invalid("file", "line \(start.line): an event longer than a month is not a holiday")
        }
        let summary = unescape(event["SUMMARY"]?.value ?? "")
        let kind = HolidaySummary.kind(of: summary)
        return covered.map { Day(date: $0, name: summary.isEmpty ? "holiday" : summary, kind: kind) }
    }

    /// Lines with folded continuations joined (RFC 5545 §3.1), numbered from 1.
    private static func unfolded(_ text: String) -> [(Int, String)] {
        var lines: [(Int, String)] = []
        for (index, raw) in text.lines.enumerated() {
            if let first = raw.first, first == " " || first == "\t", !lines.isEmpty {
                lines[lines.count - 1].1 += raw.dropFirst()
            } else {
                lines.append((index + 1, String(raw).trimmingCharacters(in: .whitespaces)))
            }
        }
        return lines
    }

    private static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\n", with: " ").replacingOccurrences(of: "\\N", with: " ")
            .replacingOccurrences(of: "\\,", with: ",").replacingOccurrences(of: "\\;", with: ";")
            .replacingOccurrences(of: "\\\\", with: "\\").trimmingCharacters(in: .whitespaces)
    }
}

extension BusinessCalendar {
    /// The first weekday, Monday to Sunday, that has working hours: the hours a make-up workday
    /// takes when nobody said which weekday it makes up.
    public var firstWorkingWeekday: Weekday {
        Weekday.allCases.first { !(weeklyHours[$0] ?? []).isEmpty } ?? .monday
    }
}
