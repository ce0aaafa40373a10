import Foundation
import TandemCore
import Vapor

/// Dates and times as people read them: in the company's time zone, in the page's language.
struct PageFormat {
    let language: Language
    let calendar: Calendar

    init(_ request: Request) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = request.tandem.configuration.timeZone
        self.calendar = calendar
        self.language = request.pageLanguage
    }

    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `2026年11月30日 09:05` or `30 Nov 2026, 09:05`.
    func dateTime(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let time = String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
        let day = day(parts.year ?? 0, parts.month ?? 1, parts.day ?? 1)
        return language == .en ? "\(day), \(time)" : "\(day) \(time)"
    }

    /// `2小时15分` or `2 h 15 min`; `0分` / `0 min` for nothing.
    func duration(minutes: Int) -> String {
        let hours = minutes / 60, rest = minutes % 60
        if language == .en {
            return hours == 0 ? "\(rest) min" : rest == 0 ? "\(hours) h" : "\(hours) h \(rest) min"
        }
        return hours == 0 ? "\(rest)分" : rest == 0 ? "\(hours)小时" : "\(hours)小时\(rest)分"
    }

    /// A file's size: `38 字节`, `1.5 KB`, `12.3 MB` (`38 bytes` in English).
    func fileSize(bytes: Int) -> String {
        if bytes < 1000 { return language == .en ? "\(bytes) bytes" : "\(bytes) 字节" }
        let units = ["KB", "MB", "GB"]
        var value = Double(bytes) / 1000
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return String(format: value < 10 ? "%.1f" : "%.0f", value) + " " + units[unit]
    }

    /// `57`, or `1000+` when counting stopped at the cap.
    static func count(_ count: CappedCount) -> String {
        switch count {
        case .exactly(let value): return String(value)
        case .atLeast(let value): return "\(value)+"
        }
    }

    /// How far the pages count a list: beyond it they say "1000+" (a count costs a read of every row).
    static let countCap = 1000

    /// `2026年11月30日` or `30 Nov 2026`.
    func date(_ date: CalendarDate) -> String {
        day(date.year, date.month, date.day)
    }

    /// The machine form for `<time datetime>`: ISO 8601 with the zone.
    func machine(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    private func day(_ year: Int, _ month: Int, _ day: Int) -> String {
        switch language {
        case .zhCN: return "\(year)年\(month)月\(day)日"
        case .en: return "\(day) \(Self.monthNames[max(0, min(11, month - 1))]) \(year)"
        }
    }
}
