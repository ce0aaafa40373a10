import Foundation

/// A question of a needs survey (需求问卷).
public struct SurveyQuestion: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case singleChoice = "single_choice"
        case multipleChoice = "multiple_choice"
        /// 1–5.
        case rating
        case text
        /// The answer is a need, drafted for `providerID`; the provider turns drafts into needs.
        case raiseNeed = "raise_need"
    }

    /// Stable within the survey (`q1`…), lower-case letters, digits and `_`.
    public var key: String
    public var prompt: String
    public var kind: Kind
    public var options: [String]
    public var isRequired: Bool
    /// For `raiseNeed`: the department the drafts go to.
    public var providerID: Department.ID?

    public init(key: String, prompt: String, kind: Kind, options: [String] = [], isRequired: Bool = false, providerID: Department.ID? = nil)
    {
        self.key = key
        self.prompt = prompt
        self.kind = kind
        self.options = options
        self.isRequired = isRequired
        self.providerID = providerID
    }

    enum CodingKeys: String, CodingKey {
        case key, prompt, kind, options, isRequired = "required", providerID = "provider_id"
    }

    /// Reads a question; `key`, `options` and `required` may be left out.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        key = try container.decodeIfPresent(String.self, forKey: .key) ?? ""
        prompt = try container.decode(String.self, forKey: .prompt)
        kind = try container.decode(Kind.self, forKey: .kind)
        options = try container.decodeIfPresent([String].self, forKey: .options) ?? []
        isRequired = try container.decodeIfPresent(Bool.self, forKey: .isRequired) ?? false
        providerID = try container.decodeIfPresent(Department.ID.self, forKey: .providerID)
    }
}

/// Who a survey asks: every active person of some departments, or some people.
public enum SurveyAudience: Hashable, Sendable {
    case departments([Department.ID])
    case people([Person.ID])

    public func includes(_ person: Person) -> Bool {
        switch self {
        case .departments(let departments): return departments.contains(person.departmentID)
        case .people(let people): return people.contains(person.id)
        }
    }
}

/// When a survey asks: once, or every month or quarter from its first day; each round stays
/// open for `openDays` days.
public struct SurveySchedule: Hashable, Sendable, Codable {
    public enum Frequency: String, Hashable, Sendable, Codable, CaseIterable { case once, monthly, quarterly }

    public var frequency: Frequency
    public var startsOn: CalendarDate
    public var openDays: Int

    public init(frequency: Frequency, startsOn: CalendarDate, openDays: Int) {
        self.frequency = frequency
        self.startsOn = startsOn
        self.openDays = openDays
    }

    enum CodingKeys: String, CodingKey { case frequency, startsOn = "starts_on", openDays = "open_days" }

    /// Round `number` (0 is the first): from midnight of its first day for `openDays` days.
    public func round(_ number: Int, in timeZone: TimeZone) -> DateInterval {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let first = calendar.date(from: DateComponents(year: startsOn.year, month: startsOn.month, day: startsOn.day))!
        let months = frequency == .monthly ? number : frequency == .quarterly ? 3 * number : 0
        let opens = calendar.date(byAdding: .month, value: months, to: first)!
        return DateInterval(start: opens, end: calendar.date(byAdding: .day, value: openDays, to: opens)!)
    }

    /// The latest round that has begun by `now` (nil before the first).
    public func latestRound(at now: Date, in timeZone: TimeZone) -> Int? {
        guard now >= round(0, in: timeZone).start else { return nil }
        guard frequency != .once else { return 0 }
        var number = 0
        while round(number + 1, in: timeZone).start <= now { number += 1 }
        return number
    }

    /// The round open at `now`, if one is.
    public func openRound(at now: Date, in timeZone: TimeZone) -> Int? {
        guard let latest = latestRound(at: now, in: timeZone), round(latest, in: timeZone).contains(now),
            now < round(latest, in: timeZone).end
        else { return nil }
        return latest
    }
}

/// A needs survey (定期问卷): questions, who it asks, when, and whether answers are anonymous.
public struct Survey: Hashable, Sendable, Identifiable {
    public typealias ID = Identifier<Survey>

    public var id: ID
    public var title: String
    public var description: String
    /// The department that asks (its managers read the results).
    public var ownerDepartmentID: Department.ID
    public var createdBy: Person.ID
    /// An anonymous answer keeps no link to its person: not the person, not the department, not
    /// the time. Only "answered" is kept apart, for reminders and to answer once.
    public var isAnonymous: Bool
    public var questions: [SurveyQuestion]
    public var audience: SurveyAudience
    public var schedule: SurveySchedule
    public var isActive: Bool
    public var createdAt: Date

    public init(
        id: ID, title: String, description: String, ownerDepartmentID: Department.ID, createdBy: Person.ID, isAnonymous: Bool,
        questions: [SurveyQuestion], audience: SurveyAudience, schedule: SurveySchedule, isActive: Bool, createdAt: Date
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.ownerDepartmentID = ownerDepartmentID
        self.createdBy = createdBy
        self.isAnonymous = isAnonymous
        self.questions = questions
        self.audience = audience
        self.schedule = schedule
        self.isActive = isActive
        self.createdAt = createdAt
    }
}

/// One answer to one question.
public enum SurveyAnswer: Hashable, Sendable, Codable {
    case choice(String)
    case choices([String])
    case rating(Int)
    case text(String)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) { self = .rating(number); return }
        if let list = try? container.decode([String].self) { self = .choices(list); return }
        self = .text(try container.decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .choice(let value), .text(let value): try container.encode(value)
        case .choices(let values): try container.encode(values)
        case .rating(let value): try container.encode(value)
        }
    }
}

/// One person's answers to one round: without `respondentID` and department when the survey is anonymous.
public struct SurveyResponse: Hashable, Sendable {
    public typealias ID = Identifier<SurveyResponse>

    public var id: ID
    public var surveyID: Survey.ID
    public var round: Int
    public var respondentID: Person.ID?
    public var respondentDepartmentID: Department.ID?
    public var answers: [String: SurveyAnswer]

    public init(
        id: ID, surveyID: Survey.ID, round: Int, respondentID: Person.ID?, respondentDepartmentID: Department.ID?,
        answers: [String: SurveyAnswer]
    ) {
        self.id = id
        self.surveyID = surveyID
        self.round = round
        self.respondentID = respondentID
        self.respondentDepartmentID = respondentDepartmentID
        self.answers = answers
    }
}

/// A need drafted by a survey answer, waiting for its provider to turn it into a need (or set it aside).
public struct NeedDraft: Hashable, Sendable, Codable, Identifiable {
    public typealias ID = Identifier<NeedDraft>

    public enum Status: String, Hashable, Sendable, Codable, CaseIterable { case open, converted, dismissed }

    public var id: ID
    public var surveyID: Survey.ID
    public var round: Int
    public var questionKey: String
    public var providerID: Department.ID
    public var text: String
    /// Who wrote it, for a named survey.
    public var respondentID: Person.ID?
    public var respondentDepartmentID: Department.ID?
    public var status: Status
    public var needID: Need.ID?

    public init(
        id: ID, surveyID: Survey.ID, round: Int, questionKey: String, providerID: Department.ID, text: String,
        respondentID: Person.ID?, respondentDepartmentID: Department.ID?, status: Status = .open, needID: Need.ID? = nil
    ) {
        self.id = id
        self.surveyID = surveyID
        self.round = round
        self.questionKey = questionKey
        self.providerID = providerID
        self.text = text
        self.respondentID = respondentID
        self.respondentDepartmentID = respondentDepartmentID
        self.status = status
        self.needID = needID
    }

    enum CodingKeys: String, CodingKey {
        case id, surveyID = "survey_id", round, questionKey = "question_key", providerID = "provider_id", text
        case respondentID = "respondent_id", respondentDepartmentID = "respondent_department_id", status, needID = "need_id"
    }
}
