import Foundation
import TandemCore
import Testing

@Suite("iCalendar import")
struct ICalendarImportTests {
    static let sample = """
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        PRODID:-//example//holidays//ZH\r
        BEGIN:VEVENT\r
        DTSTART;VALUE=DATE:20270101\r
        DTEND;VALUE=DATE:20270104\r
        SUMMARY:元旦\r
        END:VEVENT\r
        BEGIN:VEVENT\r
        DTSTART;VALUE=DATE:20270104\r
        SUMMARY:元旦 补\r
         班\r
        END:VEVENT\r
        BEGIN:VEVENT\r
        DTSTART:20270210T000000Z\r
        DTEND:20270211T000000Z\r
        SUMMARY:Company day\\, off\r
        END:VEVENT\r
        END:VCALENDAR\r

        """

    static let utc = TimeZone(identifier: "UTC")!
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    static func event(_ lines: String...) -> String {
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n" + lines.joined(separator: "\r\n") + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    }

    @Test func readsHolidaysAndWorkedDays() throws {
        // MUT
        let days = try ICalendarImport.days(from: Self.sample, in: Self.utc)
        // validate
        #expect(days.map(\.date.description) == ["2027-01-01", "2027-01-02", "2027-01-03", "2027-01-04", "2027-02-10"])
        #expect(days.map(\.kind) == [.holiday, .holiday, .holiday, .makeUpWorkday, .holiday])
        #expect(days[3].name == "元旦 补班")
        #expect(days[4].name == "Company day, off")
    }

    @Test func extendsACalendar() throws {
        let calendar = ICalendarImport.apply(try ICalendarImport.days(from: Self.sample, in: Self.utc), to: .mainlandChina2026)
        #expect(calendar.holidays[CalendarDate("2027-01-02")!] == "元旦")
        #expect(calendar.makeUpWorkdays[CalendarDate("2027-01-04")!] == .monday)
        #expect(calendar.holidays[CalendarDate("2026-02-17")!] == "春节")  // what was there stays
        let clock = BusinessClock(calendar: calendar)
        #expect(clock.workingIntervals(on: CalendarDate("2027-01-01")!).isEmpty)
    }

    @Test(
        "bad files name the line",
        arguments: [
            ("BEGIN:VEVENT\nSUMMARY:x\nEND:VEVENT", "line 3"),
            ("BEGIN:VEVENT\nDTSTART;VALUE=DATE:2027XX01\nEND:VEVENT", "line 2"),
            ("BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270105\nDTEND;VALUE=DATE:20270101\nEND:VEVENT", "line 3"),
            ("BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nDTEND;VALUE=DATE:20270401\nEND:VEVENT", "line 2"),
            ("BEGIN:VCALENDAR\nEND:VCALENDAR", "no events"),
            ("BEGIN:VEVENT\nDTSTART;TZID=Mars/Olympus:20270101T090000\nEND:VEVENT", "line 2"),
            ("BEGIN:VEVENT\nDTSTART:20270101T250000Z\nEND:VEVENT", "line 2"),
            ("BEGIN:VEVENT\nDTSTART:20270101T090000Z\nDTEND:20270101T080000Z\nEND:VEVENT", "line 3"),
            ("BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nDTEND:20270102T080000Z\nEND:VEVENT", "line 3"),
        ])
    func badFiles(text: String, mention: String) {
        #expect {
            _ = try ICalendarImport.days(from: text, in: Self.shanghai)
        } throws: { error in
            (error as? TandemError)?.message.contains(mention) == true
        }
    }

    @Test(
        "times in UTC, with a TZID, floating or all-day cover the right days in Shanghai",
        arguments: [
            // New Year's Day in Shanghai written in UTC: 2026-12-31 16:00Z is 2027-01-01 00:00 there
            (event("DTSTART:20261231T160000Z", "DTEND:20270101T160000Z", "SUMMARY:元旦"), ["2027-01-01"]),
            // the same day as an all-day event, and as one whose end is given as a duration
            (event("DTSTART;VALUE=DATE:20270101", "DTEND;VALUE=DATE:20270102", "SUMMARY:元旦"), ["2027-01-01"]),
            (event("DTSTART;VALUE=DATE:20270101", "DURATION:P3D", "SUMMARY:元旦"), ["2027-01-01", "2027-01-02", "2027-01-03"]),
            // a timed office event, 09:00–18:00 on one day, in the zone named
            (
                event("DTSTART;TZID=Asia/Shanghai:20270104T090000", "DTEND;TZID=Asia/Shanghai:20270104T180000", "SUMMARY:元旦 补班"),
                ["2027-01-04"]
            ),
            // Outlook's Windows zone name, quoted
            (
                event(
                    "DTSTART;TZID=\"China Standard Time\":20270104T090000", "DTEND;TZID=\"China Standard Time\":20270104T180000",
                    "SUMMARY:补班"), ["2027-01-04"]
            ),
            // floating times are read in the calendar's zone; an end at midnight does not reach the next day
            (event("DTSTART:20270210T000000", "DTEND:20270212T000000", "SUMMARY:春节"), ["2027-02-10", "2027-02-11"]),
            // 18:00 in New York is the next morning in Shanghai
            (
                event("DTSTART;TZID=America/New_York:20270103T180000", "DTEND;TZID=America/New_York:20270103T200000", "SUMMARY:x"),
                ["2027-01-04"]
            ),
            // a timed event with a duration, across midnight in Shanghai
            (event("DTSTART:20270104T150000Z", "DURATION:PT2H", "SUMMARY:x"), ["2027-01-04", "2027-01-05"]),
            // no end: the day it starts
            (event("DTSTART:20270104T010000Z", "SUMMARY:x"), ["2027-01-04"]),
        ])
    func timesCoverTheirDays(text: String, expected: [String]) throws {
        #expect(try ICalendarImport.days(from: text, in: Self.shanghai).map(\.date.description) == expected)
    }

    @Test(
        "summaries as public feeds write them",
        arguments: [
            ("元旦", ICalendarImport.Kind.holiday), ("春节（休）", .holiday), ("春节 休", .holiday), ("元旦 假期 第1天/共3天", .holiday),
            ("元旦（不上班）", .holiday), ("国庆节放假", .holiday), ("中秋节 不用上班", .holiday), ("Spring Festival", .holiday),
            ("Company day off", .holiday), ("春节 班", .makeUpWorkday), ("国庆节（班）", .makeUpWorkday), ("国庆节(班)", .makeUpWorkday),
            ("元旦 补班 第1天/共1天", .makeUpWorkday), ("劳动节调休上班", .makeUpWorkday), ("补班", .makeUpWorkday), ("班", .makeUpWorkday),
            ("Make-up workday (Spring Festival)", .makeUpWorkday), ("National Day working day", .makeUpWorkday),
        ])
    func summaries(summary: String, kind: ICalendarImport.Kind) throws {
        let days = try ICalendarImport.days(from: Self.event("DTSTART;VALUE=DATE:20270101", "SUMMARY:\(summary)"), in: Self.shanghai)
        #expect(days.map(\.kind) == [kind], "\(summary)")
    }

    @Test func makeUpDaysTakeHoursThatExist() throws {
        // a team that works Tuesday to Saturday: Monday has no hours, so a make-up day must not take Monday's
        let shop = [WorkingSpan("10:00-19:00")!]
        let calendar = try BusinessCalendar(
            name: "门店", timeZoneIdentifier: "Asia/Shanghai",
            weeklyHours: [.tuesday: shop, .wednesday: shop, .thursday: shop, .friday: shop, .saturday: shop])
        let days = try ICalendarImport.days(from: Self.event("DTSTART;VALUE=DATE:20270103", "SUMMARY:元旦 班"), in: Self.shanghai)
        let byDefault = ICalendarImport.apply(days, to: calendar)
        #expect(byDefault.makeUpWorkdays[CalendarDate("2027-01-03")!] == .tuesday)
        #expect(byDefault.spans(on: CalendarDate("2027-01-03")!) == shop)
        let asFriday = ICalendarImport.apply(days, to: calendar, makeUpAs: .friday)
        #expect(asFriday.makeUpWorkdays[CalendarDate("2027-01-03")!] == .friday)
        #expect(ICalendarImport.apply(days, to: .mainlandChina2026).makeUpWorkdays[CalendarDate("2027-01-03")!] == .monday)
    }

    @Test(
        "the coming year is asked for in the last 60 days of a year",
        arguments: [
            ("2026-11-01", nil), ("2026-11-02", 2027), ("2026-12-31", 2027), ("2027-01-01", nil), ("2026-06-01", nil),
        ] as [(String, Int?)])
    func missingYear(today: String, expected: Int?) throws {
        #expect(BusinessCalendar.mainlandChina2026.missingYear(on: CalendarDate(today)!) == expected)
        let days = try ICalendarImport.days(from: Self.event("DTSTART;VALUE=DATE:20270101", "SUMMARY:元旦"), in: Self.shanghai)
        let withNextYear = ICalendarImport.apply(days, to: .mainlandChina2026)
        #expect(withNextYear.missingYear(on: CalendarDate(today)!) == nil)
    }
}
