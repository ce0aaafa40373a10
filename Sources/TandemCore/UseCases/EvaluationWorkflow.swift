import Foundation

/// Evaluation cycles (定期评估): a manager or administrator opens one for a period; Tandem invites
/// every requesting department to rate each provider it received service from then (from the
/// needs); their managers answer; the cycle is closed by hand or on its closing day.
public struct EvaluationWorkflow: Sendable {
    public let store: any EvaluationStore
    public let notifications: NotificationWorkflow
    public let timeZone: TimeZone
    public var organisation: any OrganisationStore { notifications.organisation }
    public var clock: any Clock { notifications.clock }
    public var ids: any IDGenerator { notifications.ids }

    public init(store: any EvaluationStore, notifications: NotificationWorkflow, timeZone: TimeZone) {
        self.store = store
        self.notifications = notifications
        self.timeZone = timeZone
    }

    /// The job that tells the invited departments' managers of a new cycle.
    public static let inviteKind = "evaluation.invite"

    public struct Invite: Codable, Sendable {
        public var cycleID: EvaluationCycle.ID
        public init(cycleID: EvaluationCycle.ID) { self.cycleID = cycleID }
        enum CodingKeys: String, CodingKey { case cycleID = "cycle_id" }
    }

    /// What opening a cycle takes.
    public struct OpenInput: Sendable {
        public var name: String?
        public var period: String?
        public var providerID: Department.ID?
        public var dimensions: [EvaluationDimension]?
        public var asksRecommendation: Bool?
        public var closesOn: String?

        public init(
            name: String? = nil, period: String? = nil, providerID: Department.ID? = nil, dimensions: [EvaluationDimension]? = nil,
            asksRecommendation: Bool? = nil, closesOn: String? = nil
        ) {
            self.name = name
            self.period = period
            self.providerID = providerID
            self.dimensions = dimensions
            self.asksRecommendation = asksRecommendation
            self.closesOn = closesOn
        }
    }

    /// Opens a cycle and invites the departments. Administrators open one for every provider or
    /// one; a manager only for their own department (it must be a provider).
    public func open(_ input: OpenInput, by actor: Person) async throws -> EvaluationCycle {
        guard EvaluationAccess.canOpen(for: input.providerID, actor) else {
            throw TandemError.forbidden("administrators open evaluation cycles; a manager only for their own department")
        }
        var problems = InputProblems()
        let name = try problems.check { try Validate.requiredText(input.name ?? "", field: "name", max: 100) }
        let period = try problems.check { try ReportingPeriod.parse(input.period ?? "") }
        let dimensions = try problems.check { try Self.checked(input.dimensions ?? EvaluationDimension.standard) }
        let closesOn = try problems.check { () throws -> CalendarDate? in
            guard let text = input.closesOn?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            guard let date = CalendarDate(text) else {
                throw TandemError.invalid("closes_on", "closes_on must be a date (YYYY-MM-DD)", .notADate)
            }
            guard date >= CalendarDate(clock.now(), in: timeZone) else {
                throw TandemError.invalid("closes_on", "closes_on must not be in the past", .notADate)
            }
            return date
        }
        if let provider = input.providerID, try await organisation.department(provider)?.isProvider != true {
            problems.add(.invalid("provider_id", "provider_id must name a providing department", .unknownRecord))
        }
        try problems.throwIfAny()
        // NB: every check passed, so every value is there.
        guard let name, let period, let dimensions else { throw TandemError.invalid("name", "name is required", .required) }
        let served = try await store.servicePairs(raisedIn: period.interval(in: timeZone), provider: input.providerID)
        guard !served.isEmpty else {
            throw TandemError.invalid("period", "no department received service in \(period): nobody to evaluate", .nothingToEvaluate)
        }
        // A department answers through its managers: one without an active manager could never answer, so it is not invited.
        let answering = Set(try await organisation.people(in: nil).filter(EvaluationAccess.answersForDepartment).map(\.departmentID))
        let pairs = served.filter { answering.contains($0.rater) }
        guard !pairs.isEmpty else {
            throw TandemError.invalid(
                "period", "no department that received service in \(period) has a manager to answer", .nothingToEvaluate)
        }
        let cycle = EvaluationCycle(
            id: ids.next(), name: name, period: period, providerID: input.providerID, dimensions: dimensions,
            asksRecommendation: input.asksRecommendation ?? true, closesOn: closesOn ?? nil, status: .open,
            openedBy: actor.id, createdAt: clock.now(), closedAt: nil)
        let invitations = pairs.map { pair in
            EvaluationInvitation(id: ids.next(), cycleID: cycle.id, raterID: pair.rater, providerID: pair.provider, needCount: pair.needs)
        }
        let job = try Job.make(Self.inviteKind, Invite(cycleID: cycle.id), id: ids.next(), at: cycle.createdAt)
        try await store.insert(cycle, invitations: invitations, jobs: [job])
        return cycle
    }

    /// The dimensions checked whole: 1–10 of them, keys unique and well-formed, names given, weights 1–100.
    static func checked(_ dimensions: [EvaluationDimension]) throws -> [EvaluationDimension] {
        var problems = InputProblems()
        if dimensions.isEmpty || dimensions.count > 10 {
            problems.add(.invalid("dimensions", "a cycle has 1–10 dimensions", .outOfRange, "1", "10"))
        }
        var keys: Set<String> = []
        var result: [EvaluationDimension] = []
        for (index, dimension) in dimensions.enumerated() {
            let field = "dimensions[\(index)]"
            let key = dimension.key.trimmingCharacters(in: .whitespaces)
            if key.isEmpty || key.count > 40 || !key.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) {
                problems.add(.invalid(field + ".key", "a key is 1–40 lower-case letters, digits or '_'", .fieldKeyFormat))
            } else if !keys.insert(key).inserted {
                problems.add(.invalid(field + ".key", "the key '\(key)' is used twice", .duplicateKey))
            }
            let name = try problems.check { try Validate.requiredText(dimension.name, field: field + ".name", max: 100) }
            if !(1...100).contains(dimension.weight) {
                problems.add(.invalid(field + ".weight", "a weight is 1–100", .outOfRange, "1", "100"))
            }
            result.append(EvaluationDimension(key: key, name: name ?? "", weight: dimension.weight))
        }
        try problems.throwIfAny()
        return result
    }

    // MARK: reading

    /// A cycle with its invitations; open to everyone signed in (progress is no secret).
    public func cycle(_ id: EvaluationCycle.ID, for actor: Person) async throws -> (EvaluationCycle, [EvaluationInvitation]) {
        guard actor.isActive, let cycle = try await store.cycle(id) else { throw TandemError.notFound("evaluation cycle") }
        return (try await closedIfDue(cycle), try await store.invitations(of: id))
    }

    public func cycles(for actor: Person) async throws -> [EvaluationCycle] {
        guard actor.isActive else { return [] }
        var result: [EvaluationCycle] = []
        for cycle in try await store.cycles(limit: 100) { result.append(try await closedIfDue(cycle)) }
        return result
    }

    /// The invitations the actor answers for their department, still unanswered, in cycles taking answers.
    public func pending(for actor: Person) async throws -> [EvaluationInvitation] {
        guard EvaluationAccess.answersForDepartment(actor) else { return [] }
        var result: [EvaluationInvitation] = []
        for invitation in try await store.pendingInvitations(rater: actor.departmentID) {
            if let cycle = try await store.cycle(invitation.cycleID), cycle.takesAnswers(at: clock.now(), in: timeZone) {
                result.append(invitation)
            }
        }
        return result
    }

    /// One invitation and its response, as the actor may see them: the response only for
    /// administrators and the managers of the two departments.
    public func invitation(_ id: EvaluationInvitation.ID, for actor: Person)
        async throws -> (cycle: EvaluationCycle, invitation: EvaluationInvitation, response: EvaluationResponse?, canAnswer: Bool)
    {
        guard actor.isActive, let invitation = try await store.invitation(id), let stored = try await store.cycle(invitation.cycleID) else {
            throw TandemError.notFound("evaluation invitation")
        }
        let cycle = try await closedIfDue(stored)
        return (
            cycle, invitation, EvaluationAccess.seesResponse(invitation, actor) ? try await store.response(to: id) : nil,
            EvaluationAccess.mayAnswer(invitation, actor) && cycle.takesAnswers(at: clock.now(), in: timeZone)
        )
    }

    // MARK: answering and closing

    /// What a department says of a provider.
    public struct Answer: Sendable {
        public var scores: [String: Int]
        public var recommendation: Int?
        public var comment: String?
        public init(scores: [String: Int], recommendation: Int? = nil, comment: String? = nil) {
            self.scores = scores
            self.recommendation = recommendation
            self.comment = comment
        }
    }

    /// Answers (or changes the answer to) an invitation: the rating department's managers.
    public func answer(_ id: EvaluationInvitation.ID, _ answer: Answer, by actor: Person) async throws -> EvaluationResponse {
        let (cycle, invitation, _, _) = try await invitation(id, for: actor)
        guard EvaluationAccess.mayAnswer(invitation, actor) else {
            throw TandemError.forbidden("the managers of the rating department answer its evaluation")
        }
        guard cycle.takesAnswers(at: clock.now(), in: timeZone) else {
            throw TandemError(.invalidTransition, "the cycle takes no more answers", field: "cycle")
        }
        var problems = InputProblems()
        var scores: [String: Int] = [:]
        for dimension in cycle.dimensions {
            let field = "scores.\(dimension.key)"
            guard let score = answer.scores[dimension.key] else {
                problems.add(.invalid(field, "\(dimension.name) needs a score", .required))
                continue
            }
            if SatisfactionRating.scores.contains(score) {
                scores[dimension.key] = score
            } else {
                problems.add(.invalid(field, "a score is 1–5", .outOfRange, "1", "5"))
            }
        }
        for key in answer.scores.keys.sorted() where !cycle.dimensions.contains(where: { $0.key == key }) {
            problems.add(.invalid("scores.\(key)", "the cycle has no dimension '\(key)'", .notAnOption))
        }
        if let recommendation = answer.recommendation {
            if !cycle.asksRecommendation {
                problems.add(.invalid("recommendation", "this cycle does not ask for a recommendation", .notAnOption))
            } else if !(0...10).contains(recommendation) {
                problems.add(.invalid("recommendation", "a recommendation is 0–10", .outOfRange, "0", "10"))
            }
        }
        let comment = try problems.check { try Validate.optionalText(answer.comment, field: "comment", max: 4_000) } ?? nil
        try problems.throwIfAny()
        let response = EvaluationResponse(
            invitationID: id, scores: scores, recommendation: answer.recommendation, comment: comment,
            submittedBy: actor.id, submittedAt: clock.now())
        try await store.save(response)
        return response
    }

    /// Closes a cycle: administrators, or the manager who opened it.
    public func close(_ id: EvaluationCycle.ID, by actor: Person) async throws -> EvaluationCycle {
        guard var cycle = try await store.cycle(id) else { throw TandemError.notFound("evaluation cycle") }
        guard EvaluationAccess.canConduct(cycle, actor) else {
            throw TandemError.forbidden("administrators, or the manager who opened it, close a cycle")
        }
        guard cycle.status == .open else { return cycle }
        cycle.status = .closed
        cycle.closedAt = clock.now()
        try await store.update(cycle)
        return cycle
    }

    /// Tells the managers of every invited department of a new cycle (the invite job; running it
    /// again tells nobody twice).
    public func invite(_ input: Invite) async throws {
        guard let cycle = try await store.cycle(input.cycleID), cycle.takesAnswers(at: clock.now(), in: timeZone) else { return }
        try await tell(cycle, about: try await store.invitations(of: cycle.id), .evaluationRequested, occasion: cycle.id.rawValue)
    }

    /// Reminds the managers of the departments that have not answered yet: administrators, or
    /// the manager who opened the cycle. Returns how many invitations were reminded of.
    public func remind(_ id: EvaluationCycle.ID, by actor: Person) async throws -> Int {
        let (cycle, invitations) = try await cycle(id, for: actor)
        guard EvaluationAccess.canConduct(cycle, actor) else {
            throw TandemError.forbidden("administrators, or the manager who opened it, send reminders")
        }
        guard cycle.takesAnswers(at: clock.now(), in: timeZone) else {
            throw TandemError(.invalidTransition, "the cycle takes no more answers", field: "cycle")
        }
        let waiting = invitations.filter { $0.submittedAt == nil }
        try await tell(cycle, about: waiting, .evaluationReminder, occasion: ids.make())
        return waiting.count
    }

    private func tell(_ cycle: EvaluationCycle, about invitations: [EvaluationInvitation], _ kind: NotificationKind, occasion: UUID)
        async throws
    {
        let departments = Dictionary(uniqueKeysWithValues: try await organisation.departments().map { ($0.id, $0.name) })
        for invitation in invitations {
            let managers = try await organisation.people(in: invitation.raterID).filter(EvaluationAccess.answersForDepartment)
            try await notifications.tell(
                managers, kind, about: invitation.id.rawValue,
                detail: "\(cycle.name) · \(departments[invitation.providerID] ?? "")",
                occasion: occasion.mixed(with: invitation.id.rawValue))
        }
    }

    /// The job that reminds, once, the departments still missing on the day before a cycle closes.
    public static let closingReminderKind = "evaluation.closing_reminder"

    /// The reminders due now: one job per open cycle from the day before its closing day, keyed so
    /// that every process asks for it once.
    public func dueReminders() async throws -> [Job] {
        let now = clock.now()
        let today = CalendarDate(now, in: timeZone)
        var jobs: [Job] = []
        for cycle in try await store.cycles(limit: 200) where cycle.status == .open {
            guard let closesOn = cycle.closesOn, cycle.takesAnswers(at: now, in: timeZone), today >= closesOn.adding(days: -1) else {
                continue
            }
            jobs.append(
                try Job.make(
                    Self.closingReminderKind, Invite(cycleID: cycle.id), id: ids.next(), at: now,
                    dedupKey: "evaluation-closing:\(cycle.id)"))
        }
        return jobs
    }

    /// Runs a closing reminder (the job): tells the departments that have not answered.
    public func remindBeforeClosing(_ input: Invite) async throws {
        guard let cycle = try await store.cycle(input.cycleID), cycle.takesAnswers(at: clock.now(), in: timeZone) else { return }
        let waiting = try await store.invitations(of: cycle.id).filter { $0.submittedAt == nil }
        try await tell(cycle, about: waiting, .evaluationReminder, occasion: cycle.id.rawValue.mixed(with: Self.closingRound))
    }

    /// Mixed with a cycle's id: the occasion of its closing reminder.
    static let closingRound = UUID(uuidString: "C1051A60-0000-4000-8000-000000000001")!

    /// A cycle past its closing day is closed when next read.
    private func closedIfDue(_ cycle: EvaluationCycle) async throws -> EvaluationCycle {
        guard cycle.status == .open, let closesOn = cycle.closesOn, CalendarDate(clock.now(), in: timeZone) > closesOn else { return cycle }
        var closed = cycle
        closed.status = .closed
        closed.closedAt = clock.now()
        try await store.update(closed)
        return closed
    }

    // MARK: scorecards

    /// The evaluation scores of a provider (or a pair) over a period: from the most recently
    /// opened cycle of the period that invited anyone to rate it. `.withheld` when the reader may
    /// not read every answer they add up and there are fewer than the minimum group of them — a
    /// pair's scores are one department's answer, which its invitation page keeps to the two
    /// departments' managers.
    public func scores(
        provider: Department.ID, rater: Department.ID?, period: ReportingPeriod, for reader: Person,
        group: MinimumGroup
    ) async throws -> ScoresSeen {
        for cycle in try await store.cycles(period: period) {
            let invitations = try await store.invitations(of: cycle.id)
                .filter { $0.providerID == provider && (rater == nil || $0.raterID == rater) }
            guard !invitations.isEmpty else { continue }
            let wanted = Set(invitations.map(\.id))
            let responses = try await store.responses(of: cycle.id).filter { wanted.contains($0.invitationID) }
            let responded = Set(responses.map(\.invitationID))
            let answered = invitations.filter { responded.contains($0.id) }
            guard answered.allSatisfy({ EvaluationAccess.seesResponse($0, reader) }) || group.shows(responses.count) else {
                return .withheld
            }
            return .shown(EvaluationScores(dimensions: cycle.dimensions, responses: responses))
        }
        return .none
    }

    /// What a reader is shown of a period's evaluation scores.
    public enum ScoresSeen: Hashable, Sendable {
        /// No cycle of the period rated the provider.
        case none
        case shown(EvaluationScores)
        /// Too few answers to show this reader.
        case withheld

        public var scores: EvaluationScores? {
            if case .shown(let scores) = self { return scores }
            return nil
        }
    }
}
