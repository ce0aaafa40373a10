import Foundation
import Testing
@testable import TandemStore

@Suite("Search windows")
struct SearchWindowsTests {
    let day: TimeInterval = 86_400
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("the first window is the last week and all that is newer; the next is sized from the rate found")
    func sizing() {
        let windows = SearchWindows(now: now, oldest: now.addingTimeInterval(-1_000 * day))
        let first = windows.first
        #expect(first == .init(from: now.addingTimeInterval(-7 * day), before: nil))
        // 10 found in a week, 90 missing: 9 weeks at that rate, with the margin 13.5 weeks
        let second = windows.next(after: first, found: 10, missing: 90)
        #expect(second == .init(from: now.addingTimeInterval(-(7 + 94.5) * day), before: first.from))
        // 99 found, 1 missing: the estimate is short, but a window is at least as long as all read before
        let third = windows.next(after: first, found: 99, missing: 1)
        #expect(third == .init(from: now.addingTimeInterval(-14 * day), before: first.from))
        // nothing found: seven times as far back as read so far
        #expect(windows.next(after: first, found: 0, missing: 20) == .init(from: now.addingTimeInterval(-56 * day), before: first.from))
    }

    @Test("a window that would reach past the oldest need has no lower bound, and is the last")
    func reachesTheOldest() throws {
        let windows = SearchWindows(now: now, oldest: now.addingTimeInterval(-30 * day))
        let last = try #require(windows.next(after: windows.first, found: 0, missing: 20))
        #expect(last == .init(from: nil, before: now.addingTimeInterval(-7 * day)))
        #expect(windows.next(after: last, found: 0, missing: 20) == nil)
        let young = SearchWindows(now: now, oldest: now.addingTimeInterval(-day))
        #expect(young.first == .init(from: nil, before: nil), "a company younger than a week is read in one window")
    }
}
