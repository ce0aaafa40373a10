import Foundation

extension BusinessCalendar {
    /// Mainland China (Asia/Shanghai), Monday to Friday 09:00–12:00 and 13:30–18:00, with the
    /// public holidays and make-up workdays of 2026 as the State Council published them
    /// (国务院办公厅关于2026年部分节假日安排的通知). Later years are added by an administrator, by hand
    /// or from an .ics file, once they are published: they are never guessed.
    public static var mainlandChina2026: BusinessCalendar {
        let office = [WorkingSpan("09:00-12:00")!, WorkingSpan("13:30-18:00")!]
        var hours: [Weekday: [WorkingSpan]] = [:]
        for day in [Weekday.monday, .tuesday, .wednesday, .thursday, .friday] { hours[day] = office }
        var holidays: [CalendarDate: String] = [:]
        for (name, first, last) in [
            ("元旦", "2026-01-01", "2026-01-03"), ("春节", "2026-02-15", "2026-02-23"), ("清明节", "2026-04-04", "2026-04-06"),
            ("劳动节", "2026-05-01", "2026-05-05"), ("端午节", "2026-06-19", "2026-06-21"), ("中秋节", "2026-09-25", "2026-09-27"),
            ("国庆节", "2026-10-01", "2026-10-07"),
        ] {
            var day = CalendarDate(first)!
            while day <= CalendarDate(last)! {
                holidays[day] = name
                day = day.adding(days: 1)
            }
        }
        // NB: a make-up workday is worked with normal hours; Monday's stand for them.
        let makeUp = ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]
        return try! BusinessCalendar(
            name: "中国大陆 Mainland China", timeZoneIdentifier: "Asia/Shanghai", weeklyHours: hours, holidays: holidays,
            makeUpWorkdays: Dictionary(uniqueKeysWithValues: makeUp.map { (CalendarDate($0)!, Weekday.monday) }))
    }
}
