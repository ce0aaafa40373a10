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

        public init(
            title: String, description: String = "", isAnonymous: Bool = false, questions: [SurveyQuestion],
            audienceDepartments: [Department.ID] = [], audiencePeople: [Person.ID] = [], frequency: SurveySchedule.Frequency = .once,
            startsOn: String? = nil, openDays: Int = 14
        ) {
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
            guard let date = CalendarDate(text) else {
                throw TandemError.invalid("starts_on", "starts_on must be a date (YYYY-MM-DD)", .notADate)
            }
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
                throw TandemError.invalid(
                    Self.audienceField(audience), "an anonymous survey asks at least \(group.size) people (it asks \(asked))",
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
                if let provider = question.providerID, try await organisation.department(provider)?.isProvider == true {
                } else {
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
        guard let survey = try await store.survey(id), actor.isActive,
            survey.audience.includes(actor) || CollaborationAccess.owns(survey, actor)
        else {
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
        return Standing(
            survey: survey, openRound: open, latestRound: survey.schedule.latestRound(at: now, in: timeZone), isAsked: asked,
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
        guard CollaborationAccess.owns(survey, actor) else {
            throw TandemError.forbidden("the asking department's managers close the survey")
        }
        survey.isActive = false
        try await store.update(survey)
        return survey
    }
}
