import Foundation

/// Whether an event of a holiday feed is a day off or a worked day, from its summary, as Chinese
/// feeds write them: 春节（休）, 元旦 假期 第1天, 元旦（不上班） are days off; 春节 班, 国庆节（班）,
/// 劳动节调休上班, 元旦 补班 are worked days. English feeds: "make-up workday", "working day".
enum HolidaySummary {
    /// Words that say a day is *not* worked although they contain 班 (checked first).
    static let notWorked = ["不上班", "不用上班", "无需上班", "不补班", "不调休"]
    /// Words that mark a worked day.
    static let worked = ["班", "make-up", "makeup", "make up", "workday", "working day", "work day", "business day"]

    static func kind(of summary: String) -> ICalendarImport.Kind {
        let text = summary.lowercased()
        if notWorked.contains(where: text.contains) { return .holiday }
        if text.contains("day off") || text.contains("non-work") || text.contains("no work") { return .holiday }
        return worked.contains(where: text.contains) ? .makeUpWorkday : .holiday
    }
}
