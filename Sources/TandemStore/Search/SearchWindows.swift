import Foundation

/// How PostgreSQL reads a search's newest matches: from a day (UTC) on, reaching further back
/// each time until it has enough.
///
/// NB: a GIN index yields its matches in no useful order, so "the 21 newest of 27,807 matches"
/// fetched and sorted all 27,807 rows (335–570 ms at a million needs). The indexes hold the day
/// beside the words (migration 017), so the matches since a day are found inside the index and
/// only they are fetched. The first reach is the last week; each next one is sized from the rate
/// found so far to hold what is still missing (with a margin), and at least twice as long, so a
/// rare word reaches the oldest need in a few steps; then there is no bound. A reach has no upper
/// bound: `btree_gin` reads `day < x` as every day before x, so a window [from, before) cost a
/// scan of the whole index; reading the newer matches again costs less, the reaches growing.
///
/// NB: the index reads a span of days as the union of every need raised in it, so a long span
/// costs more than the words' own matches: at a million needs 打印机 维修 took 117 ms over 350
/// days and 32 ms with no bound at all (2,355 matches in all). Beyond `longestSpan` a reach
/// therefore has no bound.
struct SearchWindows {
    static let firstSpan = 7
    static let longestSpan = 56
    /// How much more than the estimate a reach asks for, so one more is rarely needed.
    static let margin = 1.5

    /// The day (UTC, counted from 1970-01-01) a moment falls on, as the index keeps it.
    static func day(of date: Date) -> Int { Int((date.timeIntervalSince1970 / 86_400).rounded(.down)) }

    let today: Int
    let oldest: Int

    init(now: Date, oldest: Date) {
        self.today = Self.day(of: now)
        self.oldest = Self.day(of: oldest)
    }

    /// The first day read: a week ago (today and the six days before); nil when that reaches the
    /// oldest need.
    var first: Int? { bounded(today - Self.firstSpan + 1) }

    /// The first day of the next reach, after `found` matches were found from `day` on and
    /// `missing` are still wanted; nil when it reaches the oldest need.
    func next(after day: Int, found: Int, missing: Int) -> Int? {
        let covered = today - day + 1
        let estimate = found > 0 ? Double(covered * (found + missing)) / Double(found) * Self.margin : Double(covered * 8)
        let span = max(Int(estimate.rounded(.up)), 2 * covered)
        return span > Self.longestSpan ? nil : bounded(today + 1 - span)
    }

    private func bounded(_ day: Int) -> Int? { day > oldest ? day : nil }
}
