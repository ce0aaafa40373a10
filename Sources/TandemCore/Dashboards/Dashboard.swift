import Foundation

/// Whose needs a dashboard counts.
public enum DashboardScope: Hashable, Sendable {
    /// Every need of the company.
    case company
    /// The needs a department serves (`provider`) or raises (`requester`).
    case department(Department.ID, DepartmentView)
    /// The needs a person raised or works on.
    case person(Person.ID)

    public enum DepartmentView: String, Hashable, Sendable, CaseIterable, Codable { case provider, requester }

    /// Reads a snapshot key back.
    public init?(key: String) {
        let parts = key.split(separator: ":").map(String.init)
        switch (parts.first, parts.count) {
        case ("company", 1): self = .company
        case ("department", 3):
            guard let id = Department.ID(parts[1]), let view = DepartmentView(rawValue: parts[2]) else { return nil }
            self = .department(id, view)
        case ("person", 2):
            guard let id = Person.ID(parts[1]) else { return nil }
            self = .person(id)
        default: return nil
        }
    }

    /// The key its snapshot is kept under.
    public var key: String {
        switch self {
        case .company: return "company"
        case .department(let id, let view): return "department:\(id):\(view.rawValue)"
        case .person(let id): return "person:\(id)"
        }
    }
}

/// The figures of a dashboard over its window (the twelve months up to today), counted from
/// the needs raised in the window unless said otherwise.
public struct DashboardFigures: Hashable, Sendable, Codable {
    /// Needs by kind, status, and the pair of departments (requesting → providing).
    public struct Volume: Hashable, Sendable, Codable {
        public var kind: NeedKind
        public var status: NeedStatus
        public var requestingDepartmentID: Department.ID
        public var providingDepartmentID: Department.ID
        public var count: Int

        enum CodingKeys: String, CodingKey {
            case kind, status, requestingDepartmentID = "requesting_department_id", providingDepartmentID = "providing_department_id", count
        }

        public init(kind: NeedKind, status: NeedStatus, requestingDepartmentID: Department.ID, providingDepartmentID: Department.ID, count: Int) {
            self.kind = kind
            self.status = status
            self.requestingDepartmentID = requestingDepartmentID
            self.providingDepartmentID = providingDepartmentID
            self.count = count
        }
    }

    /// One week or month of the trend.
    public struct Span: Hashable, Sendable, Codable {
        public var start: CalendarDate
        /// Needs raised in the span.
        public var raised: Int
        /// Needs resolved in the span (whenever raised).
        public var resolved: Int
        /// Of the needs raised in the span: first-response and resolution targets met / decided.
        public var responseMet: Int
        public var responseDecided: Int
        public var resolutionMet: Int
        public var resolutionDecided: Int
        /// Of the needs raised in the span: business seconds to respond and to resolve, summed.
        public var responseSeconds: Double
        public var responseCount: Int
        public var resolutionSeconds: Double
        public var resolutionCount: Int
        /// Ratings given in the span: their sum and number.
        public var ratingSum: Int
        public var ratingCount: Int

        enum CodingKeys: String, CodingKey {
            case start, raised, resolved, responseMet = "response_met", responseDecided = "response_decided", resolutionMet = "resolution_met"
            case resolutionDecided = "resolution_decided", responseSeconds = "response_seconds", responseCount = "response_count"
            case resolutionSeconds = "resolution_seconds", resolutionCount = "resolution_count", ratingSum = "rating_sum", ratingCount = "rating_count"
        }

        public init(start: CalendarDate) {
            self.start = start
            raised = 0; resolved = 0; responseMet = 0; responseDecided = 0; resolutionMet = 0; resolutionDecided = 0
            responseSeconds = 0; responseCount = 0; resolutionSeconds = 0; resolutionCount = 0; ratingSum = 0; ratingCount = 0
        }

        public var responseMetPercent: Double? { responseDecided == 0 ? nil : 100 * Double(responseMet) / Double(responseDecided) }
        public var resolutionMetPercent: Double? { resolutionDecided == 0 ? nil : 100 * Double(resolutionMet) / Double(resolutionDecided) }
        public var responseHours: Double? { responseCount == 0 ? nil : responseSeconds / Double(responseCount) / 3600 }
        public var resolutionHours: Double? { resolutionCount == 0 ? nil : resolutionSeconds / Double(resolutionCount) / 3600 }
        public var ratingAverage: Double? { ratingCount == 0 ? nil : Double(ratingSum) / Double(ratingCount) }
    }

    public var scope: String
    public var computedAt: Date
    public var windowStart: CalendarDate
    public var volumes: [Volume]
    public var weeks: [Span]
    public var months: [Span]
    /// Open needs now, by age (`DashboardWindow.ageBuckets`).
    public var backlog: [Int]
    /// Ratings given in the window, by score 1–5.
    public var ratings: [Int]

    enum CodingKeys: String, CodingKey {
        case scope, computedAt = "computed_at", windowStart = "window_start", volumes, weeks, months, backlog, ratings
    }

    public init(scope: String, computedAt: Date, windowStart: CalendarDate, volumes: [Volume], weeks: [Span], months: [Span],
                backlog: [Int], ratings: [Int]) {
        self.scope = scope
        self.computedAt = computedAt
        self.windowStart = windowStart
        self.volumes = volumes
        self.weeks = weeks
        self.months = months
        self.backlog = backlog
        self.ratings = ratings
    }

    public var total: Int { volumes.reduce(0) { $0 + $1.count } }

    /// Sums of the volumes by one of their keys, largest first (ties in the keys' text order).
    public func volume<Key: Hashable>(by key: (Volume) -> Key) -> [(key: Key, count: Int)] {
        Dictionary(grouping: volumes, by: key).map { ($0.key, $0.value.reduce(0) { $0 + $1.count }) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : "\($0.key)" < "\($1.key)" }
    }
}

/// The spans and buckets a dashboard counts in, in the company's time zone.
public struct DashboardWindow: Sendable {
    public let months: [ClosedOpen]
    public let weeks: [ClosedOpen]
    public let now: Date

    public struct ClosedOpen: Hashable, Sendable {
        public var start: Date
        public var end: Date
        public var label: CalendarDate
    }

    /// Open needs by age: under a day, 1–3 days, 3–7 days, 1–2 weeks, 2–4 weeks, 1–3 months, older.
    public static let ageBuckets: [TimeInterval] = [86_400, 3 * 86_400, 7 * 86_400, 14 * 86_400, 28 * 86_400, 91 * 86_400]
    public static let ageBucketKeys = ["day", "days3", "week", "weeks2", "weeks4", "months3", "older"]

    /// The twelve months up to and including this one, and the 26 weeks (Monday to Sunday) up to
    /// and including this one.
    public init(now: Date, timeZone: TimeZone, monthCount: Int = 12, weekCount: Int = 26) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        calendar.firstWeekday = 2
        self.now = now
        let thisMonth = calendar.date(from: calendar.dateComponents([.year, .month], from: now))!
        months = (0..<monthCount).reversed().map { back in
            let start = calendar.date(byAdding: .month, value: -back, to: thisMonth)!
            return ClosedOpen(start: start, end: calendar.date(byAdding: .month, value: 1, to: start)!, label: CalendarDate(start, in: timeZone))
        }
        let thisWeek = calendar.dateInterval(of: .weekOfYear, for: now)!.start
        weeks = (0..<weekCount).reversed().map { back in
            let start = calendar.date(byAdding: .weekOfYear, value: -back, to: thisWeek)!
            return ClosedOpen(start: start, end: calendar.date(byAdding: .weekOfYear, value: 1, to: start)!, label: CalendarDate(start, in: timeZone))
        }
    }

    public var start: Date { min(months.first?.start ?? now, weeks.first?.start ?? now) }
}
