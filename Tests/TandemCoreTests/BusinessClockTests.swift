import Foundation
import TandemCore
import Testing

@Suite("Business clock")
struct BusinessClockTests {
    static let china = BusinessClock(calendar: .mainlandChina2026)
    static let newYork = BusinessClock(
        calendar: try! BusinessCalendar(
            name: "New York", timeZoneIdentifier: "America/New_York",
            weeklyHours: Dictionary(
                uniqueKeysWithValues: [Weekday.monday, .tuesday, .wednesday, .thursday, .friday].map {
                    ($0, [WorkingSpan("09:00-17:00")!])
                })))

    /// A local wall-clock time (`2026-01-05 10:00`) in a zone.
    static func at(_ text: String, _ zone: String = "Asia/Shanghai") -> Date {
        let parts = text.split(separator: " ")
        let date = CalendarDate(String(parts[0]))!
        let time = TimeOfDay(String(parts[1]))!
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone)!
        return calendar.date(
            from: DateComponents(
                year: date.year, month: date.month, day: date.day,
                hour: time.minutes / 60, minute: time.minutes % 60))!
    }

    struct DueCase: Sendable, CustomTestStringConvertible {
        var name: String
        var start: String
        var minutes: Int
        var due: String
        var paused: [(String, String)] = []
        var testDescription: String { name }
    }

    static let chinaCases: [DueCase] = [
        DueCase(name: "lunch break is skipped", start: "2026-01-05 11:00", minutes: 120, due: "2026-01-05 14:30"),
        DueCase(name: "raised at night starts next morning", start: "2026-01-05 22:00", minutes: 60, due: "2026-01-06 10:00"),
        DueCase(name: "raised before opening", start: "2026-01-06 07:30", minutes: 30, due: "2026-01-06 09:30"),
        DueCase(name: "raised on a weekend", start: "2026-01-10 10:00", minutes: 30, due: "2026-01-12 09:30"),
        DueCase(name: "raised on a holiday (Qingming Monday)", start: "2026-04-06 10:00", minutes: 30, due: "2026-04-07 09:30"),
        DueCase(name: "a make-up Saturday is worked", start: "2026-02-14 10:00", minutes: 60, due: "2026-02-14 11:00"),
        DueCase(name: "across New Year to the make-up Sunday", start: "2025-12-31 17:00", minutes: 120, due: "2026-01-04 10:00"),
        DueCase(name: "across the Spring Festival week", start: "2026-02-14 17:00", minutes: 120, due: "2026-02-24 10:00"),
        DueCase(name: "across National Day to the make-up Saturday", start: "2026-09-30 17:30", minutes: 60, due: "2026-10-08 09:30"),
        DueCase(name: "exactly at the end of the day", start: "2026-01-05 09:00", minutes: 450, due: "2026-01-05 18:00"),
        DueCase(name: "a whole working week", start: "2026-01-05 09:00", minutes: 5 * 450, due: "2026-01-09 18:00"),
        DueCase(
            name: "pause and resume", start: "2026-01-05 09:00", minutes: 180, due: "2026-01-05 14:30",
            paused: [("2026-01-05 10:00", "2026-01-05 11:00")]),
        DueCase(
            name: "a pause over a night changes nothing outside hours", start: "2026-01-05 17:00", minutes: 120,
            due: "2026-01-06 10:00", paused: [("2026-01-05 19:00", "2026-01-06 08:00")]),
        DueCase(
            name: "overlapping pauses count once", start: "2026-01-05 09:00", minutes: 60, due: "2026-01-05 12:00",
            paused: [("2026-01-05 09:30", "2026-01-05 11:00"), ("2026-01-05 10:30", "2026-01-05 11:30")]),
        DueCase(name: "zero minutes is now", start: "2026-01-10 03:00", minutes: 0, due: "2026-01-10 03:00"),
    ]

    @Test("due times in the mainland China 2026 calendar", arguments: chinaCases)
    func dueInChina(_ testCase: DueCase) throws {
        // setup
        let paused = testCase.paused.map { DateInterval(start: Self.at($0.0), end: Self.at($0.1)) }
        // MUT
        let due = try #require(Self.china.due(afterBusinessMinutes: testCase.minutes, from: Self.at(testCase.start), paused: paused))
        // validate
        #expect(due == Self.at(testCase.due))
        // and the elapsed business time between them is the target
        #expect(Self.china.businessMinutes(from: Self.at(testCase.start), to: due, paused: paused) == testCase.minutes)
    }

    struct ElapsedCase: Sendable, CustomTestStringConvertible {
        var name: String
        var from: String
        var to: String
        var minutes: Int
        var testDescription: String { name }
    }

    static let elapsedCases: [ElapsedCase] = [
        ElapsedCase(name: "one working day", from: "2026-01-05 00:00", to: "2026-01-06 00:00", minutes: 450),
        ElapsedCase(name: "over a weekend", from: "2026-01-09 17:00", to: "2026-01-12 10:00", minutes: 120),
        ElapsedCase(name: "inside the lunch break", from: "2026-01-05 12:10", to: "2026-01-05 13:20", minutes: 0),
        ElapsedCase(name: "the Spring Festival fortnight", from: "2026-02-13 09:00", to: "2026-02-24 09:00", minutes: 900),
        ElapsedCase(name: "the National Day week", from: "2026-09-28 00:00", to: "2026-10-11 00:00", minutes: 6 * 450),
        ElapsedCase(name: "backwards is nothing", from: "2026-01-06 10:00", to: "2026-01-05 10:00", minutes: 0),
    ]

    @Test("business time elapsed", arguments: elapsedCases)
    func elapsed(_ testCase: ElapsedCase) {
        #expect(Self.china.businessMinutes(from: Self.at(testCase.from), to: Self.at(testCase.to)) == testCase.minutes)
    }

    @Test func daylightSavingTime() throws {
        // 2026-03-08 02:00 in New York jumps to 03:00 (EST → EDT).
        let start = Self.at("2026-03-06 16:00", "America/New_York")
        let due = try #require(Self.newYork.due(afterBusinessMinutes: 120, from: start))
        #expect(due == Self.at("2026-03-09 10:00", "America/New_York"))
        #expect(due.timeIntervalSince(start) == (2 * 24 + 18) * 3600 - 3600)  // one hour fewer over the jump
        let week = Self.newYork.businessMinutes(
            from: Self.at("2026-03-06 00:00", "America/New_York"),
            to: Self.at("2026-03-10 00:00", "America/New_York"))
        #expect(week == 2 * 8 * 60)

        // A span through the jump is as long as the wall clock says: 01:00–04:00 is two hours that night.
        let night = BusinessClock(
            calendar: try BusinessCalendar(
                name: "night", timeZoneIdentifier: "America/New_York", weeklyHours: [.sunday: [WorkingSpan("01:00-04:00")!]]))
        #expect(
            night.businessMinutes(
                from: Self.at("2026-03-08 00:00", "America/New_York"),
                to: Self.at("2026-03-09 00:00", "America/New_York")) == 120)
        #expect(
            night.businessMinutes(
                from: Self.at("2026-03-01 00:00", "America/New_York"),
                to: Self.at("2026-03-02 00:00", "America/New_York")) == 180)
    }

    @Test func aCalendarWithoutWorkingTimeHasNoDueTime() throws {
        let never = BusinessClock(calendar: try BusinessCalendar(name: "never", timeZoneIdentifier: "UTC", weeklyHours: [:]))
        #expect(never.due(afterBusinessMinutes: 1, from: Date()) == nil)
        #expect(!never.calendar.hasWorkingTime)
    }

    @Test func overlappingHoursAreRefused() {
        #expect(throws: TandemError.self) {
            try BusinessCalendar(
                name: "x", timeZoneIdentifier: "UTC",
                weeklyHours: [.monday: [WorkingSpan("09:00-12:00")!, WorkingSpan("11:00-13:00")!]])
        }
        #expect(throws: TandemError.self) { try BusinessCalendar(name: "x", timeZoneIdentifier: "Mars/Base", weeklyHours: [:]) }
    }

    @Test func chinaCalendarData() {
        let calendar = BusinessCalendar.mainlandChina2026
        #expect(calendar.holidays.count == 3 + 9 + 3 + 5 + 3 + 3 + 7)
        #expect(calendar.holidays[CalendarDate("2026-02-17")!] == "春节")
        #expect(calendar.makeUpWorkdays.count == 6)
        #expect(calendar.spans(on: CalendarDate("2026-10-10")!).count == 2)  // make-up Saturday
        #expect(calendar.spans(on: CalendarDate("2026-10-05")!).isEmpty)  // National Day, a Monday
        #expect(calendar.spans(on: CalendarDate("2026-10-17")!).isEmpty)  // an ordinary Saturday
    }

    @Test(
        "weekdays and day arithmetic",
        arguments: [
            ("2026-01-01", Weekday.thursday), ("2026-02-14", .saturday), ("2026-09-20", .sunday), ("2000-02-29", .tuesday),
            ("1970-01-01", .thursday), ("2024-12-31", .tuesday),
        ])
    func weekdays(text: String, weekday: Weekday) {
        let date = CalendarDate(text)!
        #expect(date.weekday == weekday)
        #expect(date.adding(days: 400).adding(days: -400) == date)
        #expect(CalendarDate(daysSinceEpoch: date.daysSinceEpoch) == date)
    }

    @Test func dayArithmeticCrossesMonthsAndLeapDays() {
        #expect(CalendarDate("2028-02-28")!.adding(days: 1).description == "2028-02-29")
        #expect(CalendarDate("2026-02-28")!.adding(days: 1).description == "2026-03-01")
        #expect(CalendarDate("2026-12-31")!.adding(days: 1).description == "2027-01-01")
    }
}
