import Foundation

/// How PostgreSQL reads a search's newest matches: window by window back in time, each window a
/// span of creation times just before the last one.
///
/// NB: a GIN index yields its matches in no useful order, so "the 21 newest of 27,807 matches"
/// fetched and sorted all 27,807 rows (335–570 ms at a million needs). Within a window only the
/// window's matches are fetched (the GIN bitmap and the B-tree on `need_search.created_at` are
/// ANDed). The first window is a week; each next one is sized from the rate found so far to hold
/// what is still missing (with a margin), and at least as long as everything read before, so a
/// rare word reaches the oldest need in a few steps. When it would reach past the oldest need it
/// has no lower bound.
struct SearchWindows {
    static let firstSpan: TimeInterval = 7 * 86_400
    /// How much more than the estimate a window asks for, so one more window is rarely needed.
    static let margin = 1.5

    /// A span of creation times: `from` inclusive (none: no lower bound), `before` exclusive
    /// (none: the newest window, which takes needs stamped in the future too).
    struct Window: Equatable {
        var from: Date?
        var before: Date?
    }

    let now: Date
    let oldest: Date

    /// The first window: the last week, and whatever is newer.
    var first: Window { window(from: now.addingTimeInterval(-Self.firstSpan), before: nil) }

    /// The window after `window`, where `found` matches were found since `now` and `missing` are
    /// still wanted; nil when `window` reached the oldest need.
    func next(after window: Window, found: Int, missing: Int) -> Window? {
        guard let from = window.from else { return nil }
        let covered = max(now.timeIntervalSince(from), 1)
        let estimate = found > 0 ? covered * Double(missing) / Double(found) * Self.margin : covered * 7
        let span = max(estimate, covered)
        return self.window(from: from.addingTimeInterval(-span), before: from)
    }

    private func window(from: Date, before: Date?) -> Window {
        Window(from: from > oldest ? from : nil, before: before)
    }
}
