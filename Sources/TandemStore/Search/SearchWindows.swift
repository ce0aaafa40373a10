import Foundation

/// How PostgreSQL reads a search's newest matches: the last week first, then, when that holds
/// too few, every match.
///
/// NB: a GIN index yields its matches in no useful order, so "the 21 newest of 27,807 matches"
/// fetched and sorted all 27,807 rows (335–570 ms at a million needs). The indexes hold the day
/// beside the words (migration 017), so the matches of the last week are found inside the index
/// and only they are fetched: for a common word that is the page, in 2–4 ms. A week has no upper
/// bound: `btree_gin` reads `day < x` as every day before x.
///
/// NB: the index reads a span of days as the union of every need raised in it before it meets
/// the words, so a long span costs more than the words' own matches. Since the index also holds
/// who may read each need (migration 019), the matches without a bound are only those the reader
/// sees: at a million needs a reach of eight weeks cost 13–22 ms where no bound cost 4–7 ms.
/// Reaches sized from the rate found (up to two weeks, then no bound) were measured against
/// none: as an administrator, search p95 54–56 ms against 45 ms; as an agent, the same.
struct SearchWindows {
    static let firstSpan = 7

    /// The day (UTC, counted from 1970-01-01) a moment falls on, as the index keeps it.
    static func day(of date: Date) -> Int { Int((date.timeIntervalSince1970 / 86_400).rounded(.down)) }

    let today: Int
    let oldest: Int

    init(now: Date, oldest: Date) {
        self.today = Self.day(of: now)
        self.oldest = Self.day(of: oldest)
    }

    /// The first day read: a week ago (today and the six days before); nil when that reaches the
    /// oldest need (every match is read at once).
    var first: Int? { since(Self.firstSpan) }

    /// The first days read, one reach after the other, for the needs holding most of a query's
    /// words: a week, five weeks, 25 weeks (then every match). NB: an OR of words matches many
    /// needs, and every match was fetched and sorted when a week held too few of a sparse group
    /// (年度审计资料 评估's titles: 16,194 rows, 75 ms); the longer reaches cost a few ms each.
    var looseReaches: [Int] { [Self.firstSpan, 5 * Self.firstSpan, 25 * Self.firstSpan].compactMap(since) }

    /// The day `days` before today (today included), nil when that reaches the oldest need.
    func since(_ days: Int) -> Int? {
        let day = today - days + 1
        return day > oldest ? day : nil
    }
}
