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

    @Test("the first reach is the last week: today and the six days before")
    func firstWeek() throws {
        #expect(windows(oldestDaysAgo: 1_000).first == today - 6)
        #expect(windows(oldestDaysAgo: 7).first == today - 6, "the oldest need a week and a day ago: the week is a part")
    }

    @Test("a company younger than a week is read at once")
    func youngCompany() {
        #expect(windows(oldestDaysAgo: 6).first == nil)
        #expect(windows(oldestDaysAgo: 1).first == nil)
    }

    @Test("the looser level reaches a week, five weeks and 25 weeks back, as far as there are needs")
    func looseReaches() {
        #expect(windows(oldestDaysAgo: 1_000).looseReaches == [today - 6, today - 34, today - 174])
        #expect(windows(oldestDaysAgo: 100).looseReaches == [today - 6, today - 34])
        #expect(windows(oldestDaysAgo: 3).looseReaches.isEmpty)
    }
}
