import Foundation

/// A figure of a scorecard that an improvement plan can target.
public enum ScorecardFigure: String, Hashable, Sendable, Codable, CaseIterable {
    case responseMet = "response_met"
    case resolutionMet = "resolution_met"
    case responseMedian = "response_median"
    case resolutionMedian = "resolution_median"
    case satisfaction
    case evaluationOverall = "evaluation_overall"
    case netPromoterScore = "nps"

    /// The figure's value in a scorecard (nil when it has none).
    public func value(in scorecard: Scorecard) -> Double? {
        switch self {
        case .responseMet: return scorecard.figures.responseMetPercent
        case .resolutionMet: return scorecard.figures.resolutionMetPercent
        case .responseMedian: return scorecard.figures.responseMedianHours
        case .resolutionMedian: return scorecard.figures.resolutionMedianHours
        case .satisfaction: return scorecard.figures.satisfactionAverage
        case .evaluationOverall: return scorecard.evaluation?.overall
        case .netPromoterScore: return scorecard.evaluation?.netPromoterScore
        }
    }

    /// Whether a lower value is better (times).
    public var lowerIsBetter: Bool { self == .responseMedian || self == .resolutionMedian }
}

/// An improvement plan (优化方案) of a providing department: born from a scorecard finding, an
/// evaluation's comment or a group of needs; it targets one scorecard figure, remembers its
/// value when the plan was made, and has actions. Later scorecards show it beside the figure.
public struct ImprovementPlan: Hashable, Sendable, Codable, Identifiable {
    public typealias ID = Identifier<ImprovementPlan>

    public enum Status: String, Hashable, Sendable, Codable, CaseIterable { case open, done, cancelled }

    /// What the plan was made from.
    public enum SourceKind: String, Hashable, Sendable, Codable, CaseIterable {
        case scorecard, evaluation, needs
    }

    public var id: ID
    public var departmentID: Department.ID
    public var title: String
    public var description: String
    public var sourceKind: SourceKind
    /// For an evaluation: the invitation whose answer (and comment) started it.
    public var sourceInvitationID: EvaluationInvitation.ID?
    /// For a group of needs: the needs.
    public var needIDs: [Need.ID]
    public var targetFigure: ScorecardFigure?
    /// The period whose scorecard the plan starts from, and the figure's value then.
    public var baselinePeriod: ReportingPeriod
    public var baselineValue: Double?
    /// The value the plan aims at, if it says.
    public var targetValue: Double?
    public var status: Status
    public var createdBy: Person.ID
    public var createdAt: Date

    public init(
        id: ID, departmentID: Department.ID, title: String, description: String, sourceKind: SourceKind,
        sourceInvitationID: EvaluationInvitation.ID?, needIDs: [Need.ID], targetFigure: ScorecardFigure?, baselinePeriod: ReportingPeriod,
        baselineValue: Double?, targetValue: Double?, status: Status, createdBy: Person.ID, createdAt: Date
    ) {
        self.id = id
        self.departmentID = departmentID
        self.title = title
        self.description = description
        self.sourceKind = sourceKind
        self.sourceInvitationID = sourceInvitationID
        self.needIDs = needIDs
        self.targetFigure = targetFigure
        self.baselinePeriod = baselinePeriod
        self.baselineValue = baselineValue
        self.targetValue = targetValue
        self.status = status
        self.createdBy = createdBy
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, departmentID = "department_id", title, description, sourceKind = "source_kind", sourceInvitationID = "source_invitation_id"
        case needIDs = "need_ids", targetFigure = "target_figure", baselinePeriod = "baseline_period", baselineValue = "baseline_value"
        case targetValue = "target_value", status, createdBy = "created_by", createdAt = "created_at"
    }
}

/// A plan beside a later scorecard: its figure then and now.
public struct PlanProgress: Hashable, Sendable, Codable {
    public var plan: ImprovementPlan
    public var currentValue: Double?
    /// now − then; nil when either is missing.
    public var change: Double?
    /// Whether the change goes the right way (nil without a change).
    public var improved: Bool?

    public init(plan: ImprovementPlan, scorecard: Scorecard) {
        self.plan = plan
        currentValue = plan.targetFigure?.value(in: scorecard)
        if let now = currentValue, let then = plan.baselineValue {
            change = now - then
            improved = now == then ? nil : (now < then) == (plan.targetFigure?.lowerIsBetter ?? false)
        }
    }

    enum CodingKeys: String, CodingKey { case plan, currentValue = "current_value", change, improved }
}
