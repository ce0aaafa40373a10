import Foundation
import Testing
@testable import TandemStore

@Suite("Search windows")
struct SearchWindowsTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)  // day 20,833
    var today: Int { SearchWindows.day(of: now) }

    func windows(oldestDaysAgo days: Double) -> SearchWindows {
        SearchWindows(now: now, oldest: now.addingTimeInterval(-days * 86_400))
    }

    @Test("days are counted in UTC from 1970, a moment before midnight on the day before")
    func days() {
        #expect(SearchWindows.day(of: Date(timeIntervalSince1970: 0)) == 0)
        #expect(SearchWindows.day(of: Date(timeIntervalSince1970: 86_399.9)) == 0)
        #expect(SearchWindows.day(of: Date(timeIntervalSince1970: 86_400)) == 1)
        #expect(SearchWindows.day(of: Date(timeIntervalSince1970: -1)) == -1)
    }

    @Test("the first window is the last week and all that is newer; the next is sized from the rate found")
    func sizing() {
        let windows = windows(oldestDaysAgo: 1_000)
        let first = windows.first
        #expect(first == .init(from: today - 6, before: nil))
        // 10 found in a week, 90 missing: 9 weeks at that rate, with the margin 94.5 days, so 95
        #expect(windows.next(after: first, found: 10, missing: 90) == .init(from: today - 6 - 95, before: today - 6))
        // 99 found, 1 missing: the estimate is short, but a window is at least as long as all read before
        #expect(windows.next(after: first, found: 99, missing: 1) == .init(from: today - 13, before: today - 6))
        // nothing found: seven times as far back as read so far
        #expect(windows.next(after: first, found: 0, missing: 20) == .init(from: today - 6 - 49, before: today - 6))
    }

    @Test("a window that would reach the oldest need has no lower bound, and is the last")
    func reachesTheOldest() throws {
        let windows = windows(oldestDaysAgo: 30)
        let last = try #require(windows.next(after: windows.first, found: 0, missing: 20))
        #expect(last == .init(from: nil, before: today - 6))
        #expect(windows.next(after: last, found: 0, missing: 20) == nil)
        #expect(self.windows(oldestDaysAgo: 1).first == .init(from: nil, before: nil), "a company younger than a week is read in one window")
    }
}
