import Foundation

/// When a provider department works (营业日历): a time zone, working hours per weekday (several
/// spans a day), holidays, and make-up workdays (调休: a weekend day worked with the hours of a
/// given weekday). Service-level clocks run only inside working time.
public struct BusinessCalendar: Hashable, Sendable {
    public var name: String
    /// The zone working hours are read in (an IANA identifier such as `Asia/Shanghai`).
    public var timeZoneIdentifier: String
    public var weeklyHours: [Weekday: [WorkingSpan]]
    /// Days off, with their names (元旦, 春节 …).
    public var holidays: [CalendarDate: String]
    /// Days worked although they fall on a weekend or holiday, and whose hours they take.
    public var makeUpWorkdays: [CalendarDate: Weekday]

    public init(
        name: String, timeZoneIdentifier: String, weeklyHours: [Weekday: [WorkingSpan]],
        holidays: [CalendarDate: String] = [:], makeUpWorkdays: [CalendarDate: Weekday] = [:]
    ) throws {
        guard TimeZone(identifier: timeZoneIdentifier) != nil else {
            throw TandemError.invalid("time_zone", "'\(timeZoneIdentifier)' is not a known time zone")
        }
        for (day, spans) in weeklyHours {
            let sorted = spans.sorted { $0.start < $1.start }
            for (earlier, later) in zip(sorted, sorted.dropFirst()) where later.start < earlier.end {
                throw TandemError.invalid("weekly_hours", "the working hours of \(word: day.name, family: "weekday") overlap")
            }
        }
        self.name = name
        self.timeZoneIdentifier = timeZoneIdentifier
        self.weeklyHours = weeklyHours.mapValues { $0.sorted { $0.start < $1.start } }
        self.holidays = holidays
        self.makeUpWorkdays = makeUpWorkdays
    }

    public var timeZone: TimeZone { TimeZone(identifier: timeZoneIdentifier)! }

    /// The working minutes of a usual working day: the length most weekdays with hours have
    /// (the longer on a tie), 8 hours for a calendar without any. Targets entered in working
    /// days are this many working minutes each.
    public var workingDayMinutes: Int {
        var counts: [Int: Int] = [:]
        for spans in weeklyHours.values {
            let minutes = spans.reduce(0) { $0 + $1.end.minutes - $1.start.minutes }
            if minutes > 0 { counts[minutes, default: 0] += 1 }
        }
        return counts.max { ($0.value, $0.key) < ($1.value, $1.key) }?.key ?? 480
    }

    /// The working spans of one local date: a make-up workday takes its weekday's hours, a
    /// holiday has none, any other day has its weekday's.
    public func spans(on date: CalendarDate) -> [WorkingSpan] {
        if let weekday = makeUpWorkdays[date] { return weeklyHours[weekday] ?? [] }
        if holidays[date] != nil { return [] }
        return weeklyHours[date.weekday] ?? []
    }

    /// Whether the calendar has any working time at all (else no due time can be reached).
    public var hasWorkingTime: Bool {
        weeklyHours.values.contains { !$0.isEmpty }
    }
}

extension BusinessCalendar: Codable {
    // The JSON form: {"name", "time_zone", "weekly_hours": {"monday": ["09:00-12:00"]},
    // "holidays": {"2026-01-01": "元旦"}, "make_up_workdays": {"2026-01-04": "monday"}}.
    enum CodingKeys: String, CodingKey {
        case name, timeZone = "time_zone", weeklyHours = "weekly_hours", holidays, makeUpWorkdays = "make_up_workdays"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func dated<Value>(_ entries: [String: Value], _ key: CodingKeys) throws -> [CalendarDate: Value] {
            var result: [CalendarDate: Value] = [:]
            for (text, value) in entries {
                guard let date = CalendarDate(text) else {
                    throw DecodingError.dataCorruptedError(
                        forKey: key, in: container, debugDescription: "'\(text)' is not a date YYYY-MM-DD")
                }
                result[date] = value
            }
            return result
        }
        var hours: [Weekday: [WorkingSpan]] = [:]
        for (name, spans) in try container.decode([String: [WorkingSpan]].self, forKey: .weeklyHours) {
            guard let day = Weekday(name: name) else {
                throw DecodingError.dataCorruptedError(forKey: .weeklyHours, in: container, debugDescription: "'\(name)' is not a weekday")
            }
            hours[day] = spans
        }
        try self.init(
            name: try container.decode(String.self, forKey: .name),
            timeZoneIdentifier: try container.decode(String.self, forKey: .timeZone), weeklyHours: hours,
            holidays: try dated(container.decodeIfPresent([String: String].self, forKey: .holidays) ?? [:], .holidays),
            makeUpWorkdays: try dated(container.decodeIfPresent([String: Weekday].self, forKey: .makeUpWorkdays) ?? [:], .makeUpWorkdays))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(timeZoneIdentifier, forKey: .timeZone)
        try container.encode(Dictionary(uniqueKeysWithValues: weeklyHours.map { ($0.key.name, $0.value) }), forKey: .weeklyHours)
        try container.encode(Dictionary(uniqueKeysWithValues: holidays.map { ($0.key.description, $0.value) }), forKey: .holidays)
        try container.encode(
            Dictionary(uniqueKeysWithValues: makeUpWorkdays.map { ($0.key.description, $0.value) }), forKey: .makeUpWorkdays)
    }
}

extension CalendarDate {
    /// The weekday of this date (proleptic Gregorian).
    public var weekday: Weekday {
        // 1970-01-01 was a Thursday (ISO weekday 4).
        Weekday(rawValue: ((daysSinceEpoch + 3) % 7 + 7) % 7 + 1)!
    }

    /// Days since 1970-01-01 (negative before).
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` days later (or earlier).
    public func adding(days: Int) -> CalendarDate {
        CalendarDate(daysSinceEpoch: daysSinceEpoch + days)
    }

    /// The date a number of days after 1970-01-01.
    public init(daysSinceEpoch: Int) {
        // Howard Hinnant's civil_from_days.
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        self.init(unchecked: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
