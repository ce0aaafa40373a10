import Foundation
import TandemCore

/// A business calendar as a form: working hours per weekday as text (`09:00-12:00, 13:30-18:00`;
/// empty for a day off), holidays one per line (`2026-10-01..2026-10-07 国庆节`), make-up workdays
/// one per line (`2026-09-27 monday`, or `周一`). Reads it back, naming the field and line of a mistake.
struct CalendarForm: Encodable {
    struct Day: Encodable {
        var name: String
        var label: String
        var hours: String
    }

    var name: String
    var timeZone: String
    var days: [Day]
    var holidays: String
    var makeUpWorkdays: String

    static let chineseWeekdays = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]

    init(_ calendar: BusinessCalendar, labels: (Weekday) -> String) {
        name = calendar.name
        timeZone = calendar.timeZoneIdentifier
        days = Weekday.allCases.map { day in
            Day(
                name: day.name, label: labels(day),
                hours: (calendar.weeklyHours[day] ?? []).map { "\($0.start)-\($0.end)" }.joined(separator: ", "))
        }
        holidays = Self.holidayLines(calendar.holidays)
        makeUpWorkdays = calendar.makeUpWorkdays.sorted { $0.key < $1.key }.map { "\($0.key) \(labels($0.value))" }.joined(separator: "\n")
    }

    init(_ form: PageForm, labels: (Weekday) -> String) {
        name = form.text("name")
        timeZone = form.text("time_zone")
        days = Weekday.allCases.map { Day(name: $0.name, label: labels($0), hours: form.text("hours_\($0.name)")) }
        holidays = form.text("holidays")
        makeUpWorkdays = form.text("make_up_workdays")
    }

    /// Consecutive days with the same name become one range line.
    static func holidayLines(_ holidays: [CalendarDate: String]) -> String {
        var lines: [String] = []
        var run: (start: CalendarDate, end: CalendarDate, name: String)?
        for (date, name) in holidays.sorted(by: { $0.key < $1.key }) {
            if let current = run, current.name == name, current.end.adding(days: 1) == date {
                run = (current.start, date, name)
                continue
            }
            if let current = run { lines.append(line(current)) }
            run = (date, date, name)
        }
        if let current = run { lines.append(line(current)) }
        return lines.joined(separator: "\n")

        func line(_ run: (start: CalendarDate, end: CalendarDate, name: String)) -> String {
            run.start == run.end ? "\(run.start) \(run.name)" : "\(run.start)..\(run.end) \(run.name)"
        }
    }

    /// The calendar the form describes; every mistake is named at once.
    func calendar() throws -> BusinessCalendar {
        var problems = InputProblems()
        var hours: [Weekday: [WorkingSpan]] = [:]
        for (day, entry) in zip(Weekday.allCases, days) {
            let pieces = entry.hours.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == ";" }).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            .filter { !$0.isEmpty }
            let spans = pieces.compactMap(WorkingSpan.init)
            if spans.count != pieces.count {
                problems.add(.invalid("hours_\(day.name)", "write working hours as 09:00-12:00, 13:30-18:00", .timeSpanFormat))
            } else if !spans.isEmpty {
                hours[day] = spans
            }
        }
        var holidays: [CalendarDate: String] = [:]
        for (number, line) in self.holidays.numberedLines {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            let range = parts[0].components(separatedBy: "..")
            guard let first = CalendarDate(range[0]), let last = range.count == 2 ? CalendarDate(range[1]) : first, range.count <= 2,
                first <= last, last.daysSinceEpoch - first.daysSinceEpoch < 60
            else {
                problems.add(
                    .invalid(
                        "holidays", "line \(number): write a date or a range and a name, e.g. 2026-10-01..2026-10-07 国庆节",
                        .lineFormat, String(number)))
                continue
            }
            let name = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
            var day = first
            while day <= last {
                holidays[day] = name
                day = day.adding(days: 1)
            }
        }
        var makeUp: [CalendarDate: Weekday] = [:]
        for (number, line) in makeUpWorkdays.numberedLines {
            let parts = line.split(separator: " ").map(String.init)
            guard parts.count == 2, let date = CalendarDate(parts[0]),
                let weekday = Weekday(name: parts[1].lowercased())
                    ?? Self.chineseWeekdays.firstIndex(of: parts[1]).flatMap({ Weekday(rawValue: $0 + 1) })
            else {
                problems.add(
                    .invalid(
                        "make_up_workdays", "line \(number): write a date and the weekday whose hours it has, e.g. 2026-09-27 monday",
                        .lineFormat, String(number)))
                continue
            }
            makeUp[date] = weekday
        }
        _ = try problems.check { try Validate.requiredText(name, field: "name", max: 100) }
        if TimeZone(identifier: timeZone) == nil {
            problems.add(.invalid("time_zone", "'\(timeZone)' is not a known time zone", .notAnOption))
        }
        try problems.throwIfAny()
        return try BusinessCalendar(
            name: name.trimmingCharacters(in: .whitespaces), timeZoneIdentifier: timeZone, weeklyHours: hours,
            holidays: holidays, makeUpWorkdays: makeUp)
    }
}
