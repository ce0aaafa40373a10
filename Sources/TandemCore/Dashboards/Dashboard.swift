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

/// Which needs a dashboard's figures count: all of its scope, or the published ones — every
/// need but the confidential ones (`NeedVisibility.countsInFigures` for a reader who may not read
/// every confidential need of the scope). Each is a snapshot of its own.
public enum DashboardAudience: String, Hashable, Sendable, CaseIterable {
    case everything, published

    /// The figures a reader is shown of a scope: all of them when they may read every need of it.
    public init(_ scope: DashboardScope, readBy visibility: NeedVisibility) {
        switch (visibility, scope) {
        case (.everything, _):
            self = .everything
        case (.scoped(let reader), .person(let id)) where reader.personID == id:
            self = .everything
        case (.scoped(let reader), .department(let id, .provider)) where reader.departmentID == id && reader.seesConfidentialProvidedNeeds:
            self = .everything
        default:
            self = .published
        }
    }
}

/// One snapshot: a scope's figures for an audience.
public struct DashboardView: Hashable, Sendable {
    public var scope: DashboardScope
    public var audience: DashboardAudience

    public init(_ scope: DashboardScope, _ audience: DashboardAudience) {
        self.scope = scope
        self.audience = audience
    }

    static let publishedSuffix = ":published"

    /// The key its snapshot is kept under: the scope's, marked when published.
    public var key: String { audience == .everything ? scope.key : scope.key + Self.publishedSuffix }

    public init?(key: String) {
        let published = key.hasSuffix(Self.publishedSuffix)
        guard let scope = DashboardScope(key: published ? String(key.dropLast(Self.publishedSuffix.count)) : key) else { return nil }
        self.init(scope, published ? .published : .everything)
    }
}

/// The figures of a dashboard over its window (the twelve months up to today), counted from
/// the needs raised in the window unless said otherwise.
public struct DashboardFigures: Hashable, Sendable, Codable {
    /// Needs of one kind in one status.
    public struct KindVolume: Hashable, Sendable, Codable {
        public var kind: NeedKind
        public var status: NeedStatus
        public var count: Int

        public init(kind: NeedKind, status: NeedStatus, count: Int) {
            self.kind = kind
            self.status = status
            self.count = count
        }
    }

    /// Needs between two departments (requesting → providing), by status group
    /// (`DashboardFigures.statusGroups`: open, resolved, closed, rejected).
    public struct PairVolume: Hashable, Sendable, Codable {
        public var requestingDepartmentID: Department.ID
        public var providingDepartmentID: Department.ID
        public var counts: [Int]

        enum CodingKeys: String, CodingKey {
            case requestingDepartmentID = "requesting_department_id", providingDepartmentID = "providing_department_id", counts
        }

        public init(requestingDepartmentID: Department.ID, providingDepartmentID: Department.ID, counts: [Int]) {
            self.requestingDepartmentID = requestingDepartmentID
            self.providingDepartmentID = providingDepartmentID
            self.counts = counts
        }

        public var total: Int { counts.reduce(0, +) }
    }

    /// How the pairs group statuses. NB: a merged need is in none: it counts as the need it went into.
    public static let statusGroups: [(key: String, statuses: Set<NeedStatus>)] = [
        ("open", Set(NeedStatus.allCases.filter(\.isOpen))), ("resolved", [.resolved]), ("closed", [.closed]), ("rejected", [.rejected]),
    ]

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
            case start, raised, resolved, responseMet = "response_met", responseDecided = "response_decided", resolutionMet =
                "resolution_met"
            case resolutionDecided = "resolution_decided", responseSeconds = "response_seconds", responseCount = "response_count"
            case resolutionSeconds = "resolution_seconds", resolutionCount = "resolution_count", ratingSum = "rating_sum", ratingCount =
                "rating_count"
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
    public var kinds: [KindVolume]
    public var pairs: [PairVolume]
    public var weeks: [Span]
    public var months: [Span]
    /// Open needs now, by age (`DashboardWindow.ageBuckets`).
    public var backlog: [Int]
    /// Ratings given in the window, by score 1–5.
    public var ratings: [Int]

    enum CodingKeys: String, CodingKey {
        case scope, computedAt = "computed_at", windowStart = "window_start", kinds, pairs, weeks, months, backlog, ratings
    }

    public init(
        scope: String, computedAt: Date, windowStart: CalendarDate, kinds: [KindVolume], pairs: [PairVolume], weeks: [Span],
        months: [Span], backlog: [Int], ratings: [Int]
    ) {
        self.scope = scope
        self.computedAt = computedAt
        self.windowStart = windowStart
        self.kinds = kinds
        self.pairs = pairs
        self.weeks = weeks
        self.months = months
        self.backlog = backlog
        self.ratings = ratings
    }

    public var total: Int { kinds.reduce(0) { $0 + $1.count } }

    /// Needs by kind, and by status.
    public var byKind: [NeedKind: Int] { kinds.reduce(into: [:]) { $0[$1.kind, default: 0] += $1.count } }
    public var byStatus: [NeedStatus: Int] { kinds.reduce(into: [:]) { $0[$1.status, default: 0] += $1.count } }

    /// The pairs summed by one side (a department), by status group, largest first (ties by id).
    public func departments(by side: (PairVolume) -> Department.ID) -> [(department: Department.ID, counts: [Int])] {
        pairs.reduce(into: [Department.ID: [Int]]()) { sums, pair in
            let key = side(pair)
            let before = sums[key] ?? [Int](repeating: 0, count: Self.statusGroups.count)
            sums[key] = zip(before, pair.counts).map { $0 + $1 }
        }
        .map { ($0.key, $0.value) }
        .sorted { first, second in
            let a = first.counts.reduce(0, +), b = second.counts.reduce(0, +)
            return a != b ? a > b : first.department < second.department
        }
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
            return ClosedOpen(
                start: start, end: calendar.date(byAdding: .month, value: 1, to: start)!, label: CalendarDate(start, in: timeZone))
        }
        let thisWeek = calendar.dateInterval(of: .weekOfYear, for: now)!.start
        weeks = (0..<weekCount).reversed().map { back in
            let start = calendar.date(byAdding: .weekOfYear, value: -back, to: thisWeek)!
            return ClosedOpen(
                start: start, end: calendar.date(byAdding: .weekOfYear, value: 1, to: start)!, label: CalendarDate(start, in: timeZone))
        }
    }

    public var start: Date { min(months.first?.start ?? now, weeks.first?.start ?? now) }
}
