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

    @Test("the first reach is the last week; the next is sized from the rate found, at least twice as long")
    func sizing() throws {
        let windows = windows(oldestDaysAgo: 1_000)
        let first = try #require(windows.first)
        #expect(first == today - 6)
        // 30 found in a week, 70 missing: 100 at that rate take 23⅓ days, with the margin 35
        #expect(windows.next(after: first, found: 30, missing: 70) == today + 1 - 35)
        // 99 found, 1 missing: the estimate is short, but a reach at least doubles
        #expect(windows.next(after: first, found: 99, missing: 1) == today + 1 - 14)
        // nothing found: eight times as far back
        #expect(windows.next(after: first, found: 0, missing: 20) == today + 1 - 56)
    }

    @Test("a reach longer than eight weeks has no bound: the days' index would cost more than the words' matches")
    func longReaches() throws {
        let windows = windows(oldestDaysAgo: 1_000)
        let first = try #require(windows.first)
        // 10 found in a week, 90 missing: 105 days
        #expect(windows.next(after: first, found: 10, missing: 90) == nil)
        let eightWeeks = try #require(windows.next(after: first, found: 0, missing: 20))
        #expect(windows.next(after: eightWeeks, found: 5, missing: 96) == nil, "the next reach after eight weeks")
    }

    @Test("a reach to the oldest need has no bound, and is the last")
    func reachesTheOldest() throws {
        let windows = windows(oldestDaysAgo: 30)
        let first = try #require(windows.first)
        #expect(windows.next(after: first, found: 0, missing: 20) == nil)
        #expect(self.windows(oldestDaysAgo: 1).first == nil, "a company younger than a week is read at once")
    }
}
