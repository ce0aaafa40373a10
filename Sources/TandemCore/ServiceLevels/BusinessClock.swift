import Foundation

/// The pure calculator of service-level time: how much working time lies between two instants,
/// and when a given amount of working time will have passed — inside a business calendar's
/// working hours, outside its holidays, and outside the intervals the clock was paused.
public struct BusinessClock: Sendable {
    public let calendar: BusinessCalendar
    private let gregorian: Calendar

    /// How far ahead a due time is searched for (ten years of days), so a calendar that never
    /// works cannot loop for ever.
    static let searchLimitDays = 3660

    public init(calendar: BusinessCalendar) {
        self.calendar = calendar
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = calendar.timeZone
        self.gregorian = gregorian
    }

    /// The working intervals of a local date, as instants (daylight-saving changes included).
    public func workingIntervals(on date: CalendarDate) -> [DateInterval] {
        calendar.spans(on: date).compactMap { span in
            let start = instant(on: date, at: span.start)
            let end = instant(on: date, at: span.end)
            return end > start ? DateInterval(start: start, end: end) : nil
        }
    }

    /// Working seconds in `[from, to)`, not counting `paused` intervals.
    public func businessSeconds(from: Date, to: Date, paused: [DateInterval] = []) -> TimeInterval {
        guard to > from else { return 0 }
        let pauses = Self.merged(paused)
        var total: TimeInterval = 0
        var date = CalendarDate(from, in: calendar.timeZone).adding(days: -1)
        let last = CalendarDate(to, in: calendar.timeZone).adding(days: 1)
        while date <= last {
            for interval in workingIntervals(on: date) {
                for piece in Self.subtract(pauses, from: interval) {
                    let start = max(piece.start, from)
                    let end = min(piece.end, to)
                    if end > start { total += end.timeIntervalSince(start) }
                }
            }
            date = date.adding(days: 1)
        }
        return total
    }

    /// Working minutes in `[from, to)`, rounded down.
    public func businessMinutes(from: Date, to: Date, paused: [DateInterval] = []) -> Int {
        Int(businessSeconds(from: from, to: to, paused: paused) / 60)
    }

    /// The instant at which `seconds` of working time, not counting `paused`, have passed since
    /// `start`; `nil` when the calendar offers no working time within ten years.
    public func instant(after seconds: TimeInterval, from start: Date, paused: [DateInterval] = []) -> Date? {
        guard seconds > 0 else { return start }
        let pauses = Self.merged(paused)
        var left = seconds
        var date = CalendarDate(start, in: calendar.timeZone).adding(days: -1)
        for _ in 0..<Self.searchLimitDays {
            for interval in workingIntervals(on: date) where interval.end > start {
                for piece in Self.subtract(pauses, from: interval) where piece.end > start {
                    let pieceStart = max(piece.start, start)
                    let available = piece.end.timeIntervalSince(pieceStart)
                    if available >= left { return pieceStart.addingTimeInterval(left) }
                    left -= available
                }
            }
            date = date.adding(days: 1)
        }
        return nil
    }

    /// The due time of a target in business minutes.
    public func due(afterBusinessMinutes minutes: Int, from start: Date, paused: [DateInterval] = []) -> Date? {
        instant(after: TimeInterval(minutes) * 60, from: start, paused: paused)
    }

    // MARK: helpers

    private func instant(on date: CalendarDate, at time: TimeOfDay) -> Date {
        // NB: 24:00 is the next day's midnight; a time that a daylight-saving jump skips is
        // moved forward by Foundation, which is what a wall clock does too.
        let day = time.minutes == 1440 ? date.adding(days: 1) : date
        let minutes = time.minutes == 1440 ? 0 : time.minutes
        let components = DateComponents(year: day.year, month: day.month, day: day.day, hour: minutes / 60, minute: minutes % 60)
        return gregorian.date(from: components)!
    }

    /// Sorted, non-overlapping intervals covering the same time.
    static func merged(_ intervals: [DateInterval]) -> [DateInterval] {
        var result: [DateInterval] = []
        for interval in intervals.sorted(by: { $0.start < $1.start }) where interval.duration > 0 {
            if let last = result.last, interval.start <= last.end {
                result[result.count - 1] = DateInterval(start: last.start, end: max(last.end, interval.end))
            } else {
                result.append(interval)
            }
        }
        return result
    }

    /// The parts of `interval` not covered by `pauses` (sorted and merged).
    static func subtract(_ pauses: [DateInterval], from interval: DateInterval) -> [DateInterval] {
        var pieces: [DateInterval] = []
        var cursor = interval.start
        for pause in pauses where pause.end > cursor && pause.start < interval.end {
            if pause.start > cursor { pieces.append(DateInterval(start: cursor, end: pause.start)) }
            cursor = max(cursor, pause.end)
            if cursor >= interval.end { break }
        }
        if cursor < interval.end { pieces.append(DateInterval(start: cursor, end: interval.end)) }
        return pieces
    }
}
