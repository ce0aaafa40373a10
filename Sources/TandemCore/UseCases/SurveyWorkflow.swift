import Foundation

/// Needs surveys (定期问卷): managers and administrators build them; the people asked answer each
/// round once — anonymously when the survey says so —; "raise a need" answers become drafts
/// that the provider turns into needs in one step; the asking department's managers read the
/// results.
public struct SurveyWorkflow: Sendable {
    public let store: any SurveyStore
    public let needs: NeedWorkflow
    public let notifications: NotificationWorkflow
    public var organisation: any OrganisationStore { needs.organisation }
    public var clock: any Clock { needs.clock }
    public var ids: any IDGenerator { needs.ids }
    public var timeZone: TimeZone { needs.timeZone }

    public init(store: any SurveyStore, needs: NeedWorkflow, notifications: NotificationWorkflow) {
        self.store = store
        self.needs = needs
        self.notifications = notifications
    }

    /// What building a survey takes.
    public struct Input: Sendable {
        public var title: String
        public var description: String
        public var isAnonymous: Bool
        public var questions: [SurveyQuestion]
        public var audienceDepartments: [Department.ID]
        public var audiencePeople: [Person.ID]
        public var frequency: SurveySchedule.Frequency
        public var startsOn: String?
        public var openDays: Int

        public init(title: String, description: String = "", isAnonymous: Bool = false, questions: [SurveyQuestion],
                    audienceDepartments: [Department.ID] = [], audiencePeople: [Person.ID] = [], frequency: SurveySchedule.Frequency = .once,
                    startsOn: String? = nil, openDays: Int = 14) {
            self.title = title
            self.description = description
            self.isAnonymous = isAnonymous
            self.questions = questions
            self.audienceDepartments = audienceDepartments
            self.audiencePeople = audiencePeople
            self.frequency = frequency
            self.startsOn = startsOn
            self.openDays = openDays
        }
    }

    // MARK: building

    /// Builds a survey for the actor's department: administrators and managers.
    public func create(_ input: Input, by actor: Person) async throws -> Survey {
        guard CollaborationAccess.canBuildSurveys(actor) else { throw TandemError.forbidden("managers and administrators build surveys") }
        var problems = InputProblems()
        let title = try problems.check { try Validate.requiredText(input.title, field: "title", max: 200) }
        let description = try problems.check { try Validate.optionalText(input.description, field: "description", max: 5_000) } ?? nil
        let questions = try await checked(input.questions, &problems)
        let audience = try await checkedAudience(input, &problems)
        let startsOn = try problems.check { () throws -> CalendarDate in
            guard let text = input.startsOn?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
                return CalendarDate(clock.now(), in: timeZone)
            }
            guard let date = CalendarDate(text) else { throw TandemError.invalid("starts_on", "starts_on must be a date (YYYY-MM-DD)", .notADate) }
            return date
        }
        if !(1...90).contains(input.openDays) {
            problems.add(.invalid("open_days", "a round stays open 1–90 days", .outOfRange, "1", "90"))
        }
        try problems.throwIfAny()
        guard let title, let audience, let startsOn else { throw TandemError.invalid("title", "title is required", .required) }
        if input.isAnonymous {
            // NB: an anonymous survey of fewer people than the minimum group could single one out.
            let group = try await needs.settings.minimumGroup()
            let asked = try await people(in: audience).count
            guard group.shows(asked) else {
                throw TandemError.invalid(Self.audienceField(audience), "an anonymous survey asks at least \(group.size) people (it asks \(asked))",
                                          .tooFewForAnonymity, String(group.size))
            }
        }
        let survey = Survey(
            id: ids.next(), title: title, description: description ?? "", ownerDepartmentID: actor.departmentID, createdBy: actor.id,
            isAnonymous: input.isAnonymous, questions: questions, audience: audience,
            schedule: SurveySchedule(frequency: input.frequency, startsOn: startsOn, openDays: input.openDays), isActive: true,
            createdAt: clock.now())
        try await store.insert(survey)
        return survey
    }

    /// The questions checked whole: 1–50, keys unique, prompts given, options for choices, a
    /// providing department for "raise a need".
    private func checked(_ questions: [SurveyQuestion], _ problems: inout InputProblems) async throws -> [SurveyQuestion] {
        if questions.isEmpty || questions.count > 50 {
            problems.add(.invalid("questions", "a survey has 1–50 questions", .outOfRange, "1", "50"))
        }
        var keys: Set<String> = []
        var result: [SurveyQuestion] = []
        for (index, question) in questions.enumerated() {
            let field = "questions[\(index)]"
            var checked = question
            checked.key = question.key.isEmpty ? "q\(index + 1)" : question.key
            if checked.key.count > 40 || !checked.key.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) {
                problems.add(.invalid(field + ".key", "a key is 1–40 lower-case letters, digits or '_'", .fieldKeyFormat))
            } else if !keys.insert(checked.key).inserted {
                problems.add(.invalid(field + ".key", "the key '\(checked.key)' is used twice", .duplicateKey))
            }
            checked.prompt = try problems.check { try Validate.requiredText(question.prompt, field: field + ".prompt", max: 500) } ?? ""
            let options = question.options.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            switch question.kind {
            case .singleChoice, .multipleChoice:
                if options.isEmpty || Set(options).count != options.count || options.count > 30 {
                    problems.add(.invalid(field + ".options", "a choice needs 1–30 different options", .choiceOptions))
                }
                checked.options = options
            default:
                if !options.isEmpty { problems.add(.invalid(field + ".options", "only choices have options", .noOptions)) }
                checked.options = []
            }
            if question.kind == .raiseNeed {
                if let provider = question.providerID, try await organisation.department(provider)?.isProvider == true {} else {
                    problems.add(.invalid(field + ".provider_id", "a 'raise a need' question names a providing department", .unknownRecord))
                }
            } else {
                checked.providerID = nil
            }
            result.append(checked)
        }
        return result
    }

    private func checkedAudience(_ input: Input, _ problems: inout InputProblems) async throws -> SurveyAudience? {
        if !input.audiencePeople.isEmpty {
            let found = try await organisation.people(input.audiencePeople).filter(\.isActive)
            guard found.count == Set(input.audiencePeople).count, input.audiencePeople.count <= 5_000 else {
                problems.add(.invalid("audience_people", "every person asked must be an active person", .unknownRecord))
                return nil
            }
            return .people(Array(Set(input.audiencePeople)).sorted())
        }
        guard !input.audienceDepartments.isEmpty else {
            problems.add(.invalid("audience_departments", "ask some departments or some people", .required))
            return nil
        }
        let known = Set(try await organisation.departments().map(\.id))
        guard Set(input.audienceDepartments).isSubset(of: known) else {
            problems.add(.invalid("audience_departments", "every department asked must exist", .unknownRecord))
            return nil
        }
        return .departments(Array(Set(input.audienceDepartments)).sorted())
    }

    // MARK: reading

    /// A survey the actor is asked or owns; any other is "not found".
    public func survey(_ id: Survey.ID, for actor: Person) async throws -> Survey {
        guard let survey = try await store.survey(id), actor.isActive, survey.audience.includes(actor) || CollaborationAccess.owns(survey, actor) else {
            throw TandemError.notFound("survey")
        }
        return survey
    }

    /// A survey as one person sees it now.
    public struct Standing: Sendable {
        public var survey: Survey
        /// The round taking answers now.
        public var openRound: Int?
        /// The latest round that began.
        public var latestRound: Int?
        public var isAsked: Bool
        public var hasAnswered: Bool
        public var owns: Bool
    }

    public func standing(of survey: Survey, for actor: Person) async throws -> Standing {
        let now = clock.now()
        let open = survey.isActive ? survey.schedule.openRound(at: now, in: timeZone) : nil
        let asked = survey.audience.includes(actor)
        let answered = try await open.asyncMap { try await store.participants(of: survey.id, round: $0).contains(actor.id) } ?? false
        return Standing(survey: survey, openRound: open, latestRound: survey.schedule.latestRound(at: now, in: timeZone), isAsked: asked,
                        hasAnswered: answered, owns: CollaborationAccess.owns(survey, actor))
    }

    /// The surveys the actor is asked or owns, newest first.
    public func surveys(for actor: Person) async throws -> [Standing] {
        var result: [Standing] = []
        for survey in try await store.surveys(limit: 200) where survey.audience.includes(actor) || CollaborationAccess.owns(survey, actor) {
            result.append(try await standing(of: survey, for: actor))
        }
        return result
    }

    // MARK: answering

    /// Answers the open round, once. Returns the round answered.
    @discardableResult
    public func respond(_ id: Survey.ID, _ answers: [String: SurveyAnswer], by actor: Person) async throws -> Int {
        let survey = try await survey(id, for: actor)
        guard survey.audience.includes(actor) else { throw TandemError.forbidden("this survey does not ask you") }
        guard survey.isActive, let round = survey.schedule.openRound(at: clock.now(), in: timeZone) else {
            throw TandemError(.invalidTransition, "the survey takes no answers now", field: "survey")
        }
        var problems = InputProblems()
        var checked: [String: SurveyAnswer] = [:]
        var drafts: [NeedDraft] = []
        for question in survey.questions {
            let field = "answers.\(question.key)"
            let value: SurveyAnswer?
            do {
                value = try answers[question.key].flatMap { try Self.checked($0, for: question, field: field) }
            } catch let error as TandemError where error.code == .invalidInput {
                problems.add(error)
                continue
            }
            guard let value else {
                if question.isRequired { problems.add(.invalid(field, "\(question.prompt) needs an answer", .required)) }
                continue
            }
            checked[question.key] = value
            if question.kind == .raiseNeed, case .text(let text) = value, let provider = question.providerID {
                drafts.append(NeedDraft(id: survey.isAnonymous ? .anonymous() : ids.next(), surveyID: survey.id, round: round, questionKey: question.key, providerID: provider,
                                        text: text, respondentID: survey.isAnonymous ? nil : actor.id,
                                        respondentDepartmentID: survey.isAnonymous ? nil : actor.departmentID))
            }
        }
        for key in answers.keys.sorted() where !survey.questions.contains(where: { $0.key == key }) {
            problems.add(.invalid("answers.\(key)", "the survey has no question '\(key)'", .notAnOption))
        }
        try problems.throwIfAny()
        // NB: an anonymous response carries neither the person nor the department nor a time.
        let response = SurveyResponse(id: survey.isAnonymous ? .anonymous() : ids.next(), surveyID: survey.id, round: round, respondentID: survey.isAnonymous ? nil : actor.id,
                                      respondentDepartmentID: survey.isAnonymous ? nil : actor.departmentID, answers: checked)
        do {
            try await store.record(response, participant: actor.id, drafts: drafts)
        } catch let error as TandemError where error.code == .conflict {
            throw TandemError(.conflict, "you answered this round already", field: "survey")
        }
        return round
    }

    /// One answer checked against its question; nil when it is empty.
    static func checked(_ answer: SurveyAnswer, for question: SurveyQuestion, field: String) throws -> SurveyAnswer? {
        switch (question.kind, answer) {
        case (.singleChoice, .text(let value)), (.singleChoice, .choice(let value)):
            let value = value.trimmingCharacters(in: .whitespaces)
            if value.isEmpty { return nil }
            guard question.options.contains(value) else { throw TandemError.invalid(field, "choose one of the options", .notAnOption) }
            return .choice(value)
        case (.multipleChoice, .choices(let values)):
            let chosen = values.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if chosen.isEmpty { return nil }
            guard chosen.allSatisfy(question.options.contains), Set(chosen).count == chosen.count else {
                throw TandemError.invalid(field, "choose among the options, each once", .notAnOption)
            }
            return .choices(chosen)
        case (.multipleChoice, .text(let value)), (.multipleChoice, .choice(let value)):
            return try checked(.choices([value]), for: question, field: field)
        case (.rating, .rating(let score)):
            guard SatisfactionRating.scores.contains(score) else { throw TandemError.invalid(field, "a rating is 1–5", .outOfRange, "1", "5") }
            return .rating(score)
        case (.rating, .text(let text)):
            if text.trimmingCharacters(in: .whitespaces).isEmpty { return nil }
            guard let score = Int(text.trimmingCharacters(in: .whitespaces)) else { throw TandemError.invalid(field, "a rating is a number", .notANumber) }
            return try checked(.rating(score), for: question, field: field)
        case (.text, .text(let text)), (.raiseNeed, .text(let text)):
            return try Validate.optionalText(text, field: field, max: question.kind == .text ? 5_000 : 20_000).map(SurveyAnswer.text)
        default:
            throw TandemError.invalid(field, "this answer does not fit the question", .notAnOption)
        }
    }

    // MARK: results

    /// One round's results (the latest that began, unless told): the asking department's managers and administrators.
    public func results(_ id: Survey.ID, round: Int?, for actor: Person) async throws -> SurveyResults {
        let survey = try await survey(id, for: actor)
        guard CollaborationAccess.owns(survey, actor) else { throw TandemError.forbidden("the asking department's managers read the results") }
        let latest = survey.schedule.latestRound(at: clock.now(), in: timeZone) ?? 0
        let chosen = round ?? latest
        guard (0...max(latest, 0)).contains(chosen) else { throw TandemError.invalid("round", "no such round", .outOfRange, "0", String(latest)) }
        let responses = try await store.responses(of: id, round: chosen)
        return SurveyResults(survey: survey, round: chosen, responses: responses, invited: try await audience(of: survey).count,
                             minimumGroup: try await needs.settings.minimumGroup())
    }

    /// The field an audience was given in.
    static func audienceField(_ audience: SurveyAudience) -> String {
        if case .people = audience { return "audience_people" }
        return "audience_departments"
    }

    /// The people a survey asks, as the organisation is now.
    func audience(of survey: Survey) async throws -> [Person] {
        try await people(in: survey.audience)
    }

    /// The active people an audience names, as the organisation is now.
    func people(in audience: SurveyAudience) async throws -> [Person] {
        switch audience {
        case .people(let ids): return try await organisation.people(ids).filter(\.isActive)
        case .departments(let departments):
            var people: [Person] = []
            for department in departments { people += try await organisation.people(in: department).filter(\.isActive) }
            return people
        }
    }

    /// Stops asking: the owners.
    public func deactivate(_ id: Survey.ID, by actor: Person) async throws -> Survey {
        var survey = try await survey(id, for: actor)
        guard CollaborationAccess.owns(survey, actor) else { throw TandemError.forbidden("the asking department's managers close the survey") }
        survey.isActive = false
        try await store.update(survey)
        return survey
    }

    // MARK: telling

    /// The watcher's look, with one read of the surveys: announces the rounds that opened and
    /// returns the closing reminders due.
    public func watch() async throws -> [Job] {
        let active = try await store.surveys(limit: 500).filter(\.isActive)
        try await announce(active)
        return try reminders(active)
    }

    /// Tells the people asked of every round that opened and was not announced yet (each round
    /// is announced once, whatever the number of processes).
    public func announceDueRounds() async throws {
        try await announce(try await store.surveys(limit: 500).filter(\.isActive))
    }

    private func announce(_ surveys: [Survey]) async throws {
        let now = clock.now()
        for survey in surveys {
            guard let round = survey.schedule.openRound(at: now, in: timeZone), try await store.markAnnounced(survey.id, round: round) else { continue }
            try await notifications.tell(try await audience(of: survey), .surveyRequested, about: survey.id.rawValue,
                                         detail: survey.title, occasion: survey.id.rawValue.mixed(with: UUID(number: round)))
        }
    }

    /// Reminds those asked who have not answered the open round: the owners. Returns how many.
    public func remind(_ id: Survey.ID, by actor: Person) async throws -> Int {
        let survey = try await survey(id, for: actor)
        guard CollaborationAccess.owns(survey, actor) else { throw TandemError.forbidden("the asking department's managers send reminders") }
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
    public func dueReminders() async throws -> [Job] {
        try reminders(try await store.surveys(limit: 500).filter(\.isActive))
    }

    private func reminders(_ surveys: [Survey]) throws -> [Job] {
        let now = clock.now()
        var jobs: [Job] = []
        for survey in surveys {
            guard let round = survey.schedule.openRound(at: now, in: timeZone),
                  survey.schedule.round(round, in: timeZone).end.timeIntervalSince(now) <= 2 * 86_400
            else { continue }
            jobs.append(try Job.make(Self.closingReminderKind, ClosingReminder(surveyID: survey.id, round: round), id: ids.next(), at: now,
                                     dedupKey: "survey-closing:\(survey.id):\(round)"))
        }
        return jobs
    }

    /// Runs a closing reminder (the job): while the round is still open.
    public func remindBeforeClosing(_ input: ClosingReminder) async throws {
        guard let survey = try await store.survey(input.surveyID), survey.isActive,
              survey.schedule.openRound(at: clock.now(), in: timeZone) == input.round
        else { return }
        _ = try await sendReminders(survey, round: input.round,
                                    occasion: survey.id.rawValue.mixed(with: UUID(number: input.round + 1_000_000)))
    }

    // MARK: drafts

    public func drafts(provider: Department.ID, status: NeedDraft.Status? = .open, for actor: Person) async throws -> [NeedDraft] {
        guard CollaborationAccess.worksDrafts(of: provider, actor) else { throw TandemError.forbidden("the providing department works its drafts") }
        return try await store.drafts(provider: provider, status: status)
    }

    /// Turns a draft into a need in one step, recorded by the provider: raised for the person who
    /// wrote it, from their department; for an anonymous survey, from the department the provider
    /// chooses (the survey's only audience department when it has one). The kind is the provider's
    /// choice (service when none); the text is the answer as written — where it came from is kept
    /// as the need's origin, not written into it.
    public func convert(_ id: NeedDraft.ID, _ choice: Conversion = Conversion(), by actor: Person) async throws -> Need {
        guard let draft = try await store.draft(id), CollaborationAccess.worksDrafts(of: draft.providerID, actor) else { throw TandemError.notFound("draft") }
        guard draft.status == .open else { throw TandemError(.conflict, "the draft was dealt with already", field: "draft") }
        var from = choice.requestingDepartmentID
        if from == nil, let survey = try await store.survey(draft.surveyID), case .departments(let departments) = survey.audience,
           departments.count == 1 {
            from = departments.first
        }
        let input = RaiseNeedInput(title: choice.title ?? draft.text.firstLine(max: 200), description: draft.text,
                                   kind: choice.kind ?? .service, providingDepartmentID: draft.providerID)
        return try await needs.raise(input, writtenBy: draft.respondentID, from: from, recordedBy: actor, origin: .draft(draft.id))
    }

    public func dismiss(_ id: NeedDraft.ID, by actor: Person) async throws {
        guard let draft = try await store.draft(id), CollaborationAccess.worksDrafts(of: draft.providerID, actor) else { throw TandemError.notFound("draft") }
        guard try await store.dismiss(id) else { throw TandemError(.conflict, "the draft was dealt with already", field: "draft") }
    }
}
