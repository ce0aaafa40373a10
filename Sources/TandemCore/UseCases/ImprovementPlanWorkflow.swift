import Foundation

/// Improvement plans (优化方案): a providing department's managers make one from a scorecard
/// finding, an evaluation's answer or a group of needs, aimed at one scorecard figure whose
/// value then is kept; later scorecards show the plan beside that figure.
public struct ImprovementPlanWorkflow: Sendable {
    public let store: any ImprovementPlanStore
    public let scorecards: ScorecardWorkflow
    public let needs: NeedWorkflow

    public init(store: any ImprovementPlanStore, scorecards: ScorecardWorkflow, needs: NeedWorkflow) {
        self.store = store
        self.scorecards = scorecards
        self.needs = needs
    }

    public struct Input: Sendable {
        public var departmentID: Department.ID?
        public var title: String
        public var description: String
        public var sourceKind: ImprovementPlan.SourceKind?
        public var sourceInvitationID: EvaluationInvitation.ID?
        public var needIDs: [Need.ID]
        public var targetFigure: ScorecardFigure?
        public var baselinePeriod: String?
        public var targetValue: Double?

        public init(
            departmentID: Department.ID?, title: String, description: String = "", sourceKind: ImprovementPlan.SourceKind?,
            sourceInvitationID: EvaluationInvitation.ID? = nil, needIDs: [Need.ID] = [], targetFigure: ScorecardFigure? = nil,
            baselinePeriod: String? = nil, targetValue: Double? = nil
        ) {
            self.departmentID = departmentID
            self.title = title
            self.description = description
            self.sourceKind = sourceKind
            self.sourceInvitationID = sourceInvitationID
            self.needIDs = needIDs
            self.targetFigure = targetFigure
            self.baselinePeriod = baselinePeriod
            self.targetValue = targetValue
        }
    }

    /// Makes a plan: the department's managers and administrators.
    public func create(_ input: Input, by actor: Person) async throws -> ImprovementPlan {
        guard let department = input.departmentID else { throw TandemError.invalid("department_id", "choose the department", .required) }
        guard AccessPolicy.canManageCatalog(of: department, actor) else {
            throw TandemError.forbidden("the department's managers make its improvement plans")
        }
        guard try await needs.organisation.department(department) != nil else { throw TandemError.notFound("department") }
        var problems = InputProblems()
        let title = try problems.check { try Validate.requiredText(input.title, field: "title", max: 200) }
        let description = try problems.check { try Validate.optionalText(input.description, field: "description", max: 10_000) } ?? nil
        let period = try problems.check { try scorecards.period(input.baselinePeriod, field: "baseline_period") }
        switch input.sourceKind {
        case nil:
            problems.add(.invalid("source_kind", "say what the plan comes from", .required))
        case .scorecard:
            if input.targetFigure == nil {
                problems.add(.invalid("target_figure", "a plan from a scorecard targets one of its figures", .required))
            }
        case .evaluation:
            let invitation = try await input.sourceInvitationID.asyncMap { try await scorecards.evaluations.store.invitation($0) } ?? nil
            if invitation?.providerID != department {
                problems.add(.invalid("source_invitation_id", "name an evaluation of this department", .unknownRecord))
            }
        case .needs:
            let found = try await needsOfDepartment(input.needIDs, department, actor)
            if input.needIDs.isEmpty || found.count != Set(input.needIDs).count {
                problems.add(.invalid("need_ids", "name needs addressed to this department", .unknownRecord))
            }
        }
        if let value = input.targetValue, !value.isFinite {
            problems.add(.invalid("target_value", "target_value must be a number", .notANumber))
        }
        try problems.throwIfAny()
        guard let title, let period else { throw TandemError.invalid("title", "title is required", .required) }
        var baseline: Double?
        if let figure = input.targetFigure {
            baseline = figure.value(in: try await scorecards.scorecard(provider: department, period: period, for: actor))
        }
        let plan = ImprovementPlan(
            id: needs.ids.next(), departmentID: department, title: title, description: description ?? "",
            sourceKind: input.sourceKind ?? .scorecard,
            sourceInvitationID: input.sourceKind == .evaluation ? input.sourceInvitationID : nil,
            needIDs: input.sourceKind == .needs ? Array(Set(input.needIDs)).sorted() : [], targetFigure: input.targetFigure,
            baselinePeriod: period,
            baselineValue: baseline, targetValue: input.targetValue, status: .open, createdBy: actor.id, createdAt: needs.clock.now())
        try await store.insert(plan)
        return plan
    }

    private func needsOfDepartment(_ ids: [Need.ID], _ department: Department.ID, _ actor: Person) async throws -> [Need] {
        var found: [Need] = []
        for id in Set(ids) {
            if let need = try await needs.needs.need(id), need.providingDepartmentID == department, AccessPolicy.canRead(need, actor) {
                found.append(need)
            }
        }
        return found
    }

    /// Plans are published like scorecards: everyone signed in reads them.
    public func plans(of department: Department.ID?, for actor: Person) async throws -> [ImprovementPlan] {
        guard actor.isActive else { return [] }
        return try await store.plans(of: department)
    }

    public func plan(_ id: ImprovementPlan.ID, for actor: Person) async throws -> ImprovementPlan {
        guard actor.isActive, let plan = try await store.plan(id) else { throw TandemError.notFound("improvement plan") }
        return plan
    }

    public func setStatus(_ id: ImprovementPlan.ID, _ status: ImprovementPlan.Status, by actor: Person) async throws -> ImprovementPlan {
        var plan = try await plan(id, for: actor)
        guard AccessPolicy.canManageCatalog(of: plan.departmentID, actor) else {
            throw TandemError.forbidden("the department's managers change its plans")
        }
        plan.status = status
        try await store.update(plan)
        return plan
    }
}
