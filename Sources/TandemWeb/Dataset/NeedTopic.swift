import Foundation
import TandemCore

/// One kind of need a company really raises — a jammed printer, a contract to review, two sales
/// representatives to hire — in the ways people write it, in Chinese and English: what the
/// dataset and the demo draw their needs from, and what the search query set is judged against
/// (each query names the topics whose needs it should find).
struct NeedTopic: Sendable {
    /// How often a topic is raised over the year: the same, more and more, less and less, or
    /// mostly in the last few weeks.
    enum Trend: Sendable {
        case steady, rising, falling, recent

        /// The topic's weight at `progress` through the period (0: its start, 1: now).
        func weight(at progress: Double) -> Double {
            switch self {
            case .steady: return 1
            case .rising: return 0.15 + 2 * progress * progress
            case .falling: return 1.6 - 1.4 * progress
            case .recent: return progress > 0.85 ? 4 : 0.1
            }
        }
    }

    /// A stable name (`printer-jam`), which query sets refer to.
    let key: String
    /// The code of the department that provides it.
    let provider: String
    let kind: NeedKind
    let trend: Trend
    /// Titles as people write them; `{place}` stands for a site or region, `{n}` for a number.
    let titles: [String]
    let titlesEnglish: [String]
    /// What people say in the description, before the reason and the closing words.
    let details: [String]
    let detailsEnglish: [String]

    init(
        _ key: String, _ provider: String, _ kind: NeedKind, _ trend: Trend = .steady, zh titles: [String], en titlesEnglish: [String],
        detail details: [String], detailEnglish detailsEnglish: [String]
    ) {
        self.key = key
        self.provider = provider
        self.kind = kind
        self.trend = trend
        self.titles = titles
        self.titlesEnglish = titlesEnglish
        self.details = details
        self.detailsEnglish = detailsEnglish
    }
}
