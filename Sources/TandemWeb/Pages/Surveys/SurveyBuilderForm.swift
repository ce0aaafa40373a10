import Foundation
import TandemCore
import Vapor

/// The form that builds a survey: title, description, anonymity, the departments asked, the
/// schedule, and one row per question (prompt, kind, options one per line, required, and the
/// provider for "raise a need"). Rows left blank are dropped; blank rows are offered below.
struct SurveyBuilderForm: Encodable {
    struct QuestionRow: Encodable, RepeatedFormRow {
        var index: Int
        /// `index + 1`, as people count (set when shown).
        var number = 0
        var prompt: String
        var kind: String
        var options: String
        var isRequired: Bool
        var providerID: String
        var kinds: [Choice]
        var providers: [Choice]
        var errors: [String: String]
    }

    static let fields = ["title", "description", "questions", "audience_departments", "audience_people", "starts_on", "open_days"]
    static let blankRows = 3
    static let audiencePicker = PeoplePicker("audience_people")
    static let audienceDepartmentPicker = DepartmentPicker("audience_departments")

    var title = ""
    var description = ""
    var isAnonymous = false
    var audience: [String] = []
    var audiencePeople: [String] = []
    /// A colleague typed into the audience picker but not taken from its suggestions.
    var audienceTyped = ""
    /// A department typed into the audience picker but not taken from its suggestions.
    var audienceDepartmentTyped = ""
    var frequency = SurveySchedule.Frequency.once.rawValue
    var startsOn = ""
    var openDays = "14"
    var rows: [QuestionRow] = []

    init() {}

    init(_ form: PageForm) {
        title = form.text("title")
        description = form.text("description")
        isAnonymous = form.flag("is_anonymous")
        audience = form.values("audience_departments")
        audiencePeople = form.values("audience_people")
        audienceTyped = form.text(Self.audiencePicker.lookupField)
        audienceDepartmentTyped = form.text(Self.audienceDepartmentPicker.lookupField)
        frequency = form.text("frequency")
        startsOn = form.text("starts_on")
        openDays = form.text("open_days")
        let count = min(Int(form.text("question_count")) ?? 0, 60)
        rows = (0..<count).map { index in
            QuestionRow(
                index: index, prompt: form.text("question_prompt_\(index)"), kind: form.text("question_kind_\(index)"),
                options: form.text("question_options_\(index)"), isRequired: form.flag("question_required_\(index)"),
                providerID: form.text("question_provider_\(index)"), kinds: [], providers: [], errors: [:])
        }.filter {
            !$0.prompt.trimmingCharacters(in: .whitespaces).isEmpty || !$0.options.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }
    }

    /// The department and the colleague typed into the audience pickers, once resolved, join
    /// those asked.
    mutating func resolveTypedAudience(_ request: Request) async throws {
        if let id = try await Self.audienceDepartmentPicker.resolve(typed: audienceDepartmentTyped, request), !audience.contains(id) {
            audience.append(id)
        }
        audienceDepartmentTyped = ""
        if let id = try await Self.audiencePicker.resolve(typed: audienceTyped, request), !audiencePeople.contains(id) {
            audiencePeople.append(id)
        }
        audienceTyped = ""
    }

    /// The input for the core; a number that is not one is named.
    func input() throws -> SurveyWorkflow.Input {
        var problems = InputProblems()
        let days = try problems.check { () throws -> Int in
            guard let days = Int(openDays.trimmingCharacters(in: .whitespaces)) else {
                throw TandemError.invalid("open_days", "open_days must be a number", .notANumber)
            }
            return days
        }
        let schedule = try problems.check { () throws -> SurveySchedule.Frequency in
            guard let value = SurveySchedule.Frequency(rawValue: frequency) else {
                throw TandemError.invalid("frequency", "choose how often", .notAnOption)
            }
            return value
        }
        let questions = rows.enumerated().map { position, row in
            SurveyQuestion(
                key: "q\(position + 1)", prompt: row.prompt, kind: SurveyQuestion.Kind(rawValue: row.kind) ?? .text,
                options: row.options.nonBlankLines, isRequired: row.isRequired,
                providerID: Department.ID(row.providerID))
        }
        try problems.throwIfAny()
        return SurveyWorkflow.Input(
            title: title, description: description, isAnonymous: isAnonymous, questions: questions,
            audienceDepartments: audience.compactMap(Department.ID.init),
            audiencePeople: audiencePeople.compactMap(Person.ID.init), frequency: schedule ?? .once,
            startsOn: startsOn, openDays: days ?? 14)
    }

    /// The rows as shown: the sent ones with their errors and choices, then blank rows.
    func shownRows(_ errors: FieldErrors, providers: [Department], _ request: Request) -> [QuestionRow] {
        let shown = rows.shown(errors, listField: "questions", blanks: Self.blankRows) {
            QuestionRow(
                index: 0, prompt: "", kind: SurveyQuestion.Kind.singleChoice.rawValue, options: "", isRequired: false, providerID: "",
                kinds: [], providers: [], errors: [:])
        }
        return shown.map { row in
            var row = row
            row.number = row.index + 1
            row.kinds = SurveyQuestion.Kind.allCases.map {
                Choice(value: $0.rawValue, label: request.t("survey_kind.\($0.rawValue)"), selected: $0.rawValue == row.kind)
            }
            row.providers =
                [Choice(value: "", label: "—", selected: row.providerID.isEmpty)]
                + Choice.departments(providers) { $0.description == row.providerID }
            return row
        }
    }
}
