import Foundation

/// Answering a survey's round, and reading a round's results.
extension SurveyWorkflow {
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
                drafts.append(
                    NeedDraft(
                        id: survey.isAnonymous ? .anonymous() : ids.next(), surveyID: survey.id, round: round, questionKey: question.key,
                        providerID: provider,
                        text: text, respondentID: survey.isAnonymous ? nil : actor.id,
                        respondentDepartmentID: survey.isAnonymous ? nil : actor.departmentID))
            }
        }
        for key in answers.keys.sorted() where !survey.questions.contains(where: { $0.key == key }) {
            problems.add(.invalid("answers.\(key)", "the survey has no question '\(key)'", .notAnOption))
        }
        try problems.throwIfAny()
        // NB: an anonymous response carries neither the person nor the department nor a time.
        let response = SurveyResponse(
            id: survey.isAnonymous ? .anonymous() : ids.next(), surveyID: survey.id, round: round,
            respondentID: survey.isAnonymous ? nil : actor.id,
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
            guard SatisfactionRating.scores.contains(score) else {
                throw TandemError.invalid(field, "a rating is 1–5", .outOfRange, "1", "5")
            }
            return .rating(score)
        case (.rating, .text(let text)):
            if text.trimmingCharacters(in: .whitespaces).isEmpty { return nil }
            guard let score = Int(text.trimmingCharacters(in: .whitespaces)) else {
                throw TandemError.invalid(field, "a rating is a number", .notANumber)
            }
            return try checked(.rating(score), for: question, field: field)
        case (.text, .text(let text)), (.raiseNeed, .text(let text)):
            return try Validate.optionalText(text, field: field, max: question.kind == .text ? 5_000 : 20_000).map(SurveyAnswer.text)
        default:
            throw TandemError.invalid(field, "this answer does not fit the question", .notAnOption)
        }
    }

    /// One round's results (the latest that began, unless told): the asking department's managers and administrators.
    public func results(_ id: Survey.ID, round: Int?, for actor: Person) async throws -> SurveyResults {
        let survey = try await survey(id, for: actor)
        guard CollaborationAccess.owns(survey, actor) else {
            throw TandemError.forbidden("the asking department's managers read the results")
        }
        let latest = survey.schedule.latestRound(at: clock.now(), in: timeZone) ?? 0
        let chosen = round ?? latest
        guard (0...max(latest, 0)).contains(chosen) else {
            throw TandemError.invalid("round", "no such round", .outOfRange, "0", String(latest))
        }
        let responses = try await store.responses(of: id, round: chosen)
        return SurveyResults(
            survey: survey, round: chosen, responses: responses, invited: try await audience(of: survey).count,
            minimumGroup: try await needs.settings.minimumGroup())
    }
}
