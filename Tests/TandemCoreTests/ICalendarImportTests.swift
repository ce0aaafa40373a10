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

    @Test func readsHolidaysAndWorkedDays() throws {
        // MUT
        let days = try ICalendarImport.days(from: Self.sample)
        // validate
        #expect(days.map(\.date.description) == ["2027-01-01", "2027-01-02", "2027-01-03", "2027-01-04", "2027-02-10"])
        #expect(days.map(\.kind) == [.holiday, .holiday, .holiday, .makeUpWorkday, .holiday])
        #expect(days[3].name == "元旦 补班")
        #expect(days[4].name == "Company day, off")
    }

    @Test func extendsACalendar() throws {
        let calendar = ICalendarImport.apply(try ICalendarImport.days(from: Self.sample), to: .mainlandChina2026)
        #expect(calendar.holidays[CalendarDate("2027-01-02")!] == "元旦")
        #expect(calendar.makeUpWorkdays[CalendarDate("2027-01-04")!] == .monday)
        #expect(calendar.holidays[CalendarDate("2026-02-17")!] == "春节")  // what was there stays
        let clock = BusinessClock(calendar: calendar)
        #expect(clock.workingIntervals(on: CalendarDate("2027-01-01")!).isEmpty)
    }

    @Test("bad files name the line", arguments: [
        ("BEGIN:VEVENT\nSUMMARY:x\nEND:VEVENT", "line 3"),
        ("BEGIN:VEVENT\nDTSTART;VALUE=DATE:2027XX01\nEND:VEVENT", "line 2"),
        ("BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270105\nDTEND;VALUE=DATE:20270101\nEND:VEVENT", "line 3"),
        ("BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nDTEND;VALUE=DATE:20270401\nEND:VEVENT", "line 2"),
        ("BEGIN:VCALENDAR\nEND:VCALENDAR", "no all-day events"),
    ])
    func badFiles(text: String, mention: String) {
        #expect {
            _ = try ICalendarImport.days(from: text)
        } throws: { error in
            (error as? TandemError)?.message.contains(mention) == true
        }
    }
}
