import Foundation

/// One content line of an iCalendar event (`DTSTART;TZID=Asia/Shanghai:20270101T090000`): its
/// name, parameters and value, and the line it came from (RFC 5545 §3.1).
struct ICalendarProperty {
    var name: String
    var parameters: [String: String]
    var value: String
    var line: Int

    init?(_ text: String, number: Int) {
        guard let colon = Self.valueSeparator(in: text) else { return nil }
        let head = text[..<colon].split(separator: ";").map(String.init)
        guard let name = head.first, !name.isEmpty else { return nil }
        self.name = name.uppercased()
        parameters = [:]
        for parameter in head.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            parameters[pair[0].uppercased()] = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        value = String(text[text.index(after: colon)...])
        line = number
    }

    /// The first colon outside a quoted parameter value (`TZID="A:B"` may hold one).
    private static func valueSeparator(in text: String) -> String.Index? {
        var quoted = false
        for index in text.indices {
            if text[index] == "\"" { quoted.toggle() } else if text[index] == ":" && !quoted { return index }
        }
        return nil
    }

    /// A date or a moment: `20270101` (a date), `20270101T090000Z` (UTC),
    /// `TZID=Asia/Shanghai:20270101T090000` (in that zone), `20270101T090000` (floating: read in
    /// `zone`, the calendar's).
    func moment(in zone: TimeZone) throws -> ICalendarMoment {
        let digits = value.trimmingCharacters(in: .whitespaces)
        let datePart = String(digits.prefix(8))
        guard datePart.count == 8, datePart.allSatisfy(\.isASCII), datePart.allSatisfy(\.isNumber),
            let date = CalendarDate("\(datePart.prefix(4))-\(datePart.dropFirst(4).prefix(2))-\(datePart.suffix(2))")
        else { throw TandemError.invalid("file", "line \(line): '\(value)' is not a date") }
        if digits.count == 8 && parameters["VALUE"].map({ $0.uppercased() == "DATE" }) != false { return .date(date) }
        let time = digits.dropFirst(8)
        guard time.first == "T", time.count == 7 || (time.count == 8 && time.last == "Z"),
            let hour = Int(time.dropFirst().prefix(2)), let minute = Int(time.dropFirst(3).prefix(2)),
            let second = Int(time.dropFirst(5).prefix(2)), hour < 24, minute < 60, second < 61
        else { throw TandemError.invalid("file", "line \(line): '\(value)' is not a date or a date and time") }
        let timeZone: TimeZone
        if time.last == "Z" {
            timeZone = TimeZone(identifier: "UTC")!
        } else if let identifier = parameters["TZID"] {
            guard let named = Self.timeZone(named: identifier) else {
                throw TandemError.invalid("file", "line \(line): the time zone '\(identifier)' is not known")
            }
            timeZone = named
        } else {
            timeZone = zone
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let components = DateComponents(year: date.year, month: date.month, day: date.day, hour: hour, minute: minute, second: second)
        guard let instant = calendar.date(from: components) else {
            throw TandemError.invalid("file", "line \(line): '\(value)' is not a date and time")
        }
        return .instant(instant)
    }

    /// A `DURATION` value (`P1D`, `P2W`, `PT9H30M`): whole days and seconds.
    func duration() throws -> (days: Int, seconds: Int) {
        var days = 0, seconds = 0, number = "", inTime = false
        let text = value.trimmingCharacters(in: .whitespaces).uppercased()
        guard text.hasPrefix("P") else { throw TandemError.invalid("file", "line \(line): '\(value)' is not a duration") }
        for character in text.dropFirst() {
            if character.isNumber { number.append(character); continue }
            guard let amount = Int(number) ?? (character == "T" ? 0 : nil) else {
                throw TandemError.invalid("file", "line \(line): '\(value)' is not a duration")
            }
            switch (character, inTime) {
            case ("T", false): inTime = true
            case ("W", false): days += amount * 7
            case ("D", false): days += amount
            case ("H", true): seconds += amount * 3600
            case ("M", true): seconds += amount * 60
            case ("S", true): seconds += amount
            default: throw TandemError.invalid("file", "line \(line): '\(value)' is not a duration")
            }
            number = ""
        }
        guard number.isEmpty else { throw TandemError.invalid("file", "line \(line): '\(value)' is not a duration") }
        return (days, seconds)
    }

    /// An IANA zone, or one of the Windows names Outlook writes for the zones Tandem's users are in.
    static func timeZone(named identifier: String) -> TimeZone? {
        let windows = [
            "China Standard Time": "Asia/Shanghai", "Taipei Standard Time": "Asia/Taipei",
            "Singapore Standard Time": "Asia/Singapore", "Tokyo Standard Time": "Asia/Tokyo", "UTC": "UTC",
        ]
        return TimeZone(identifier: windows[identifier] ?? identifier)
    }
}

/// When an event starts or ends: a date (an all-day event) or an instant (a timed one).
enum ICalendarMoment: Equatable {
    case date(CalendarDate)
    case instant(Date)

    func adding(_ duration: (days: Int, seconds: Int), line: Int) throws -> ICalendarMoment {
        switch self {
        case .date(let date) where duration.seconds == 0: return .date(date.adding(days: duration.days))
        case .date: throw TandemError.invalid("file", "line \(line): an all-day event lasts whole days")
        case .instant(let instant): return .instant(instant.addingTimeInterval(TimeInterval(duration.days * 86_400 + duration.seconds)))
        }
    }

    /// The dates an event from here to `end` covers in `zone`: an all-day event its dates up to
    /// the exclusive end date; a timed event every day it touches (09:00–18:00 is that one day,
    /// an end at midnight does not reach the next day).
    func days(until end: ICalendarMoment?, in zone: TimeZone, line: Int) throws -> [CalendarDate] {
        let first: CalendarDate, last: CalendarDate
        switch (self, end) {
        case (.date(let start), nil):
            (first, last) = (start, start)
        case (.date(let start), .date(let exclusive)?):
            guard exclusive > start else { throw TandemError.invalid("file", "line \(line): the end is not after the start") }
            (first, last) = (start, exclusive.adding(days: -1))
        case (.instant(let start), nil):
            first = CalendarDate(start, in: zone)
            last = first
        case (.instant(let start), .instant(let stop)?):
            guard stop >= start else { throw TandemError.invalid("file", "line \(line): the end is not after the start") }
            first = CalendarDate(start, in: zone)
            last = stop > start ? CalendarDate(stop.addingTimeInterval(-1), in: zone) : first
        case (.date, .instant?), (.instant, .date?):
            throw TandemError.invalid("file", "line \(line): the start and the end must both be dates, or both dates and times")
        }
        var days: [CalendarDate] = []
        var day = first
        while day <= last && days.count <= 366 {
            days.append(day)
            day = day.adding(days: 1)
        }
        return days
    }
}
