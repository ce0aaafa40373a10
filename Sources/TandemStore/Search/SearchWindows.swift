import Foundation

/// How PostgreSQL reads a search's newest matches: window by window back in time, each window a
/// span of days (UTC) just before the last one.
///
/// NB: a GIN index yields its matches in no useful order, so "the 21 newest of 27,807 matches"
/// fetched and sorted all 27,807 rows (335–570 ms at a million needs). The indexes hold the day
/// beside the words (migration 017), so a window's matches are found inside the index and only
/// they are fetched. The first window is the last week; each next one is sized from the rate
/// found so far to hold what is still missing (with a margin), and at least as long as
/// everything read before, so a rare word reaches the oldest need in a few steps. When it would
/// reach the oldest need it has no lower bound.
struct SearchWindows {
    static let firstSpan = 7
    /// How much more than the estimate a window asks for, so one more window is rarely needed.
    static let margin = 1.5

    /// Days `from` (inclusive; none: no lower bound) `before` (exclusive; none: the newest
    /// window, which takes needs stamped in the future too).
    struct Window: Equatable {
        var from: Int?
        var before: Int?
    }

    /// The day (UTC, counted from 1970-01-01) a moment falls on, as the index keeps it.
    static func day(of date: Date) -> Int { Int((date.timeIntervalSince1970 / 86_400).rounded(.down)) }

    let today: Int
    let oldest: Int

    init(now: Date, oldest: Date) {
        self.today = Self.day(of: now)
        self.oldest = Self.day(of: oldest)
    }

    /// The first window: the last week (today and the six days before), and whatever is newer.
    var first: Window { window(from: today - Self.firstSpan + 1, before: nil) }

    /// The window after `window`, where `found` matches were found since it began and `missing`
    /// are still wanted; nil when `window` reached the oldest need.
    func next(after window: Window, found: Int, missing: Int) -> Window? {
        guard let from = window.from else { return nil }
        let covered = today - from + 1
        let estimate = found > 0 ? Double(covered * missing) / Double(found) * Self.margin : Double(covered * 7)
        let span = max(Int(estimate.rounded(.up)), covered)
        return self.window(from: from - span, before: from)
    }

    private func window(from: Int, before: Int?) -> Window {
        Window(from: from > oldest ? from : nil, before: before)
    }
}
