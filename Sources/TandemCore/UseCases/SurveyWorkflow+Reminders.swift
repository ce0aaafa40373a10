import Foundation

/// Telling people: each round announced once when it opens, reminders sent by the owners, and
/// the one reminder before a round closes (asked for by the scheduler's look, run as a job).
extension SurveyWorkflow {
    /// The scheduler's look, with one read of the surveys: announces the rounds that opened and
    /// returns the closing reminders due.
    public func watch() async throws -> [Job] {
        let active = try await store.surveys(limit: 500).filter(\.isActive)
        try await announce(active)
        return try reminders(active)
    }

    /// Tells the people asked of every round that opened and was not announced yet (each round
    /// is announced once, whatever the number of processes).
    private func announce(_ surveys: [Survey]) async throws {
        let now = clock.now()
        for survey in surveys {
            guard let round = survey.schedule.openRound(at: now, in: timeZone), try await store.markAnnounced(survey.id, round: round)
            else { continue }
            try await notifications.tell(
                try await audience(of: survey), .surveyRequested, about: survey.id.rawValue,
                detail: survey.title, occasion: survey.id.rawValue.mixed(with: UUID(number: round)))
        }
    }

    /// Reminds those asked who have not answered the open round: the owners. Returns how many.
    public func remind(_ id: Survey.ID, by actor: Person) async throws -> Int {
        let survey = try await survey(id, for: actor)
        guard CollaborationAccess.owns(survey, actor) else {
            throw TandemError.forbidden("the asking department's managers send reminders")
        }
        guard survey.isActive, let round = survey.schedule.openRound(at: clock.now(), in: timeZone) else {
            throw TandemError(.invalidTransition, "the survey takes no answers now", field: "survey")
        }
        return try await sendReminders(survey, round: round, occasion: ids.make())
    }

    /// Tells those asked who have not answered the round yet.
    private func sendReminders(_ survey: Survey, round: Int, occasion: UUID) async throws -> Int {
        let answered = try await store.participants(of: survey.id, round: round)
        let waiting = try await audience(of: survey).filter { !answered.contains($0.id) }
        try await notifications.tell(waiting, .surveyReminder, about: survey.id.rawValue, detail: survey.title, occasion: occasion)
        return waiting.count
    }

    /// The job that reminds, once, those who have not answered a round in its last two days.
    public static let closingReminderKind = "survey.closing_reminder"

    public struct ClosingReminder: Codable, Sendable {
        public var surveyID: Survey.ID
        public var round: Int
        public init(surveyID: Survey.ID, round: Int) {
            self.surveyID = surveyID
            self.round = round
        }
        enum CodingKeys: String, CodingKey { case surveyID = "survey_id", round }
    }

    /// The reminders due now: one job per open round in its last two days, keyed so that every
    /// process asks for it once.
    private func reminders(_ surveys: [Survey]) throws -> [Job] {
        let now = clock.now()
        var jobs: [Job] = []
        for survey in surveys {
            guard let round = survey.schedule.openRound(at: now, in: timeZone),
                survey.schedule.round(round, in: timeZone).end.timeIntervalSince(now) <= 2 * 86_400
            else { continue }
            jobs.append(
                try Job.make(
                    Self.closingReminderKind, ClosingReminder(surveyID: survey.id, round: round), id: ids.next(), at: now,
                    dedupKey: "survey-closing:\(survey.id):\(round)"))
        }
        return jobs
    }

    /// Runs a closing reminder (the job): while the round is still open.
    public func remindBeforeClosing(_ input: ClosingReminder) async throws {
        guard let survey = try await store.survey(input.surveyID), survey.isActive,
            survey.schedule.openRound(at: clock.now(), in: timeZone) == input.round
        else { return }
        _ = try await sendReminders(
            survey, round: input.round,
            occasion: survey.id.rawValue.mixed(with: UUID(number: input.round + 1_000_000)))
    }
}
