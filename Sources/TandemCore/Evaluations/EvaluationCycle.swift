import Foundation

/// One aspect a department is rated on in an evaluation cycle (响应速度, 服务质量 …), with its
/// weight in the overall score.
public struct EvaluationDimension: Hashable, Sendable, Codable {
    /// A stable key (`responsiveness`), lower-case letters, digits and `_`.
    public var key: String
    public var name: String
    /// 1–100; the overall score is the weighted average of the dimensions' scores.
    public var weight: Int

    public init(key: String, name: String, weight: Int) {
        self.key = key
        self.name = name
        self.weight = weight
    }

    /// The four the article names, equally weighted; a cycle may change them.
    public static let standard: [EvaluationDimension] = [
        EvaluationDimension(key: "responsiveness", name: "响应速度 Responsiveness", weight: 25),
        EvaluationDimension(key: "quality", name: "服务质量 Quality", weight: 25),
        EvaluationDimension(key: "communication", name: "沟通 Communication", weight: 25),
        EvaluationDimension(key: "professionalism", name: "专业能力 Professionalism", weight: 25),
    ]
}

/// An evaluation cycle (定期评估): for one period, each requesting department rates each provider
/// department it received service from in that period, 1–5 on every dimension, with a comment,
/// and — when asked — how likely it would recommend the provider (0–10, for an internal NPS).
public struct EvaluationCycle: Hashable, Sendable, Codable, Identifiable {
    public typealias ID = Identifier<EvaluationCycle>

    public enum Status: String, Hashable, Sendable, Codable, CaseIterable { case open, closed }

    public var id: ID
    public var name: String
    public var period: ReportingPeriod
    /// Only this provider is rated (a manager's cycle for their own department); nil: every provider.
    public var providerID: Department.ID?
    public var dimensions: [EvaluationDimension]
    public var asksRecommendation: Bool
    /// The last day answers are taken (in the company's time zone); nil: until closed by hand.
    public var closesOn: CalendarDate?
    public var status: Status
    public var openedBy: Person.ID
    public var createdAt: Date
    public var closedAt: Date?

    public init(
        id: ID, name: String, period: ReportingPeriod, providerID: Department.ID?, dimensions: [EvaluationDimension],
        asksRecommendation: Bool, closesOn: CalendarDate?, status: Status, openedBy: Person.ID, createdAt: Date, closedAt: Date?
    ) {
        self.id = id
        self.name = name
        self.period = period
        self.providerID = providerID
        self.dimensions = dimensions
        self.asksRecommendation = asksRecommendation
        self.closesOn = closesOn
        self.status = status
        self.openedBy = openedBy
        self.createdAt = createdAt
        self.closedAt = closedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, name, period, providerID = "provider_id", dimensions, asksRecommendation = "asks_recommendation"
        case closesOn = "closes_on", status, openedBy = "opened_by", createdAt = "created_at", closedAt = "closed_at"
    }

    /// Whether answers are still taken at `now` (open, and its closing day not past).
    public func takesAnswers(at now: Date, in timeZone: TimeZone) -> Bool {
        guard status == .open else { return false }
        guard let closesOn else { return true }
        return CalendarDate(now, in: timeZone) <= closesOn
    }
}

/// One requesting department asked to rate one provider in a cycle: made when the cycle opens,
/// for every pair with at least one need raised in the period.
public struct EvaluationInvitation: Hashable, Sendable, Codable, Identifiable {
    public typealias ID = Identifier<EvaluationInvitation>

    public var id: ID
    public var cycleID: EvaluationCycle.ID
    public var raterID: Department.ID
    public var providerID: Department.ID
    /// How many needs the rater raised to the provider in the period.
    public var needCount: Int
    public var submittedAt: Date?

    public init(
        id: ID, cycleID: EvaluationCycle.ID, raterID: Department.ID, providerID: Department.ID, needCount: Int, submittedAt: Date? = nil
    ) {
        self.id = id
        self.cycleID = cycleID
        self.raterID = raterID
        self.providerID = providerID
        self.needCount = needCount
        self.submittedAt = submittedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, cycleID = "cycle_id", raterID = "rater_department_id", providerID = "provider_department_id", needCount = "need_count"
        case submittedAt = "submitted_at"
    }
}

/// A requesting department's answer to one invitation; it may be changed while the cycle takes answers.
public struct EvaluationResponse: Hashable, Sendable, Codable {
    public var invitationID: EvaluationInvitation.ID
    /// 1–5 for every dimension of the cycle, by key.
    public var scores: [String: Int]
    /// 0–10, when the cycle asks.
    public var recommendation: Int?
    public var comment: String?
    public var submittedBy: Person.ID
    public var submittedAt: Date

    public init(
        invitationID: EvaluationInvitation.ID, scores: [String: Int], recommendation: Int?, comment: String?,
        submittedBy: Person.ID, submittedAt: Date
    ) {
        self.invitationID = invitationID
        self.scores = scores
        self.recommendation = recommendation
        self.comment = comment
        self.submittedBy = submittedBy
        self.submittedAt = submittedAt
    }

    enum CodingKeys: String, CodingKey {
        case invitationID = "invitation_id", scores, recommendation, comment, submittedBy = "submitted_by", submittedAt = "submitted_at"
    }
}
