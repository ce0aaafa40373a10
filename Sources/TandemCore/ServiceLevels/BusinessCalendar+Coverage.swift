import Foundation

extension BusinessCalendar {
    /// How many days before a year ends its successor's holidays are asked for.
    public static let nextYearNoticeDays = 60

    /// The year whose holidays the calendar lacks and should have by now: in the last 60 days of a
    /// year, the next year when the calendar holds no holiday and no make-up workday in it. Nil
    /// otherwise. (The State Council publishes a year's arrangement late in the year before;
    /// Tandem never guesses it.)
    public func missingYear(on today: CalendarDate) -> Int? {
        let next = today.year + 1
        guard let newYear = CalendarDate("\(next)-01-01"), newYear.daysSinceEpoch - today.daysSinceEpoch <= Self.nextYearNoticeDays
        else { return nil }
        let known = holidays.keys.contains { $0.year == next } || makeUpWorkdays.keys.contains { $0.year == next }
        return known ? nil : next
    }
}
