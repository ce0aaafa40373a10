import Foundation
import TandemCore
import Vapor

/// Needs surveys in pages: the list, the builder, the answer form, the results with their
/// charts, and a provider's drafts to turn into needs.
struct SurveyPages: RouteCollection {
    struct ListRow: Encodable {
        var id: String
        var title: String
        var isAnonymous: Bool
        var state: String
        var canAnswer: Bool
        var owns: Bool
    }

    struct ListContext: Encodable {
        var layout: LayoutContext
        var asked: [ListRow]?
        var owned: [ListRow]?
        var canBuild: Bool
        var draftsLink: String?
    }

    struct BuilderContext: Encodable {
        var layout: LayoutContext
        var form: SurveyBuilderForm
        var rows: [SurveyBuilderForm.QuestionRow]
        var departmentPicker: PickerContext
        var peoplePicker: PickerContext
        var frequencies: [Choice]
        var errors: [String: String]
        var general: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        let surveys = routes.grouped("surveys")
        surveys.get(use: list)
        surveys.get("new", use: builder)
        surveys.post(use: create)
        surveys.get(":surveyID", use: answerPage)
        surveys.post(":surveyID", use: answer)
        surveys.get(":surveyID", "results", use: results)
        surveys.post(":surveyID", "remind", use: remind)
        surveys.post(":surveyID", "close", use: close)
        routes.get("drafts", use: drafts)
        routes.post("drafts", ":draftID", "convert", use: convert)
        routes.post("drafts", ":draftID", "dismiss", use: dismiss)
    }

    // MARK: list and building

    func list(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let standings = try await request.tandem.surveys.surveys(for: actor)
        let rows = standings.map { standing in
            ListRow(
                id: standing.survey.id.description, title: standing.survey.title, isAnonymous: standing.survey.isAnonymous,
                state: request.t(Self.stateKey(standing)),
                canAnswer: standing.isAsked && standing.openRound != nil && !standing.hasAnswered,
                owns: standing.owns)
        }
        let worksDrafts = CollaborationAccess.worksDrafts(of: actor.departmentID, actor)
        let context = ListContext(
            layout: LayoutContext(request, title: request.t("survey.title"), section: "surveys"),
            asked: rows.enumerated().filter { standings[$0.offset].isAsked }.map(\.element).nonEmpty,
            owned: rows.filter(\.owns).nonEmpty, canBuild: CollaborationAccess.canBuildSurveys(actor),
            draftsLink: worksDrafts ? Site.drafts : nil)
        return try await request.page("surveys", context)
    }

    static func stateKey(_ standing: SurveyWorkflow.Standing) -> String {
        if !standing.survey.isActive { return "survey.state_closed" }
        if standing.openRound == nil { return "survey.state_waiting" }
        return standing.hasAnswered ? "survey.state_answered" : "survey.state_open"
    }

    func builder(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        guard CollaborationAccess.canBuildSurveys(actor) else { throw TandemError.forbidden("managers and administrators build surveys") }
        var form = SurveyBuilderForm()
        form.startsOn = CalendarDate(request.tandem.needs.clock.now(), in: request.tandem.configuration.timeZone).description
        return try await request.page("survey-builder", builderContext(request, actor, form, errors: FieldErrors()))
    }

    func create(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        var form = SurveyBuilderForm(try PageForm.read(request))
        do {
            try await form.resolveTypedAudience(request)
            let survey = try await request.tandem.surveys.create(try form.input(), by: actor)
            return request.seeOther(Site.done(Site.surveyResults(survey.id)))
        } catch let error as TandemError where error.isAboutInput {
            return try await request.page(
                "survey-builder", builderContext(request, actor, form, errors: FieldErrors(error, request)),
                status: .unprocessableEntity)
        }
    }

    private func builderContext(_ request: Request, _ actor: Person, _ form: SurveyBuilderForm, errors: FieldErrors) async throws
        -> BuilderContext
    {
        let departments = try await request.tandem.organisation.departments(for: actor)
        let messages = errors.messages(for: SurveyBuilderForm.fields + ["frequency"])
        return BuilderContext(
            layout: LayoutContext(request, title: request.t("survey.new"), section: "surveys"), form: form,
            rows: form.shownRows(errors, providers: departments.filter(\.isProvider), request),
            departmentPicker: .departments(
                id: "survey-audience", SurveyBuilderForm.audienceDepartmentPicker, multiple: true,
                chosen: DepartmentPicker.choices(form.audience, in: departments), typed: form.audienceDepartmentTyped,
                error: messages["audience_departments"], request),
            peoplePicker: .people(
                id: "survey-people", SurveyBuilderForm.audiencePicker, multiple: true,
                chosen: try await PeoplePicker.choices(form.audiencePeople, request), typed: form.audienceTyped,
                error: messages["audience_people"], request),
            frequencies: SurveySchedule.Frequency.allCases.map {
                Choice(value: $0.rawValue, label: request.t("survey_frequency.\($0.rawValue)"), selected: $0.rawValue == form.frequency)
            },
            errors: messages, general: errors.general(besides: SurveyBuilderForm.fields + ["frequency"], prefixes: ["questions["]))
    }

    // MARK: answering

    func answerPage(_ request: Request) async throws -> Response {
        try await request.page("survey", try await SurveyAnswerContext.load(request, sent: nil, errors: FieldErrors()))
    }

    func answer(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let form = try PageForm.read(request)
        let id: Survey.ID = try request.id("surveyID", "survey")
        do {
            let survey = try await request.tandem.surveys.survey(id, for: actor)
            try await request.tandem.surveys.respond(id, SurveyAnswerContext.answers(form, for: survey), by: actor)
            return request.seeOther(Site.done(Site.survey(id)))
        } catch let error as TandemError where [.invalidInput, .invalidTransition, .conflict].contains(error.code) {
            return try await request.page(
                "survey", try await SurveyAnswerContext.load(request, sent: form, errors: FieldErrors(error, request)),
                status: error.code == .invalidInput ? .unprocessableEntity : .conflict)
        }
    }

    // MARK: results

    func results(_ request: Request) async throws -> Response {
        try await request.page("survey-results", try await SurveyResultsContext.load(request))
    }

    func remind(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        _ = try PageForm.read(request)
        let id: Survey.ID = try request.id("surveyID", "survey")
        _ = try await request.tandem.surveys.remind(id, by: actor)
        return request.seeOther(Site.done(Site.surveyResults(id), .sent))
    }

    func close(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        _ = try PageForm.read(request)
        let survey = try await request.tandem.surveys.deactivate(request.id("surveyID", "survey"), by: actor)
        return request.seeOther(Site.done(Site.surveyResults(survey.id)))
    }

    // MARK: drafts

    func drafts(_ request: Request) async throws -> Response {
        try await request.page("drafts", try await DraftsContext.load(request))
    }

    func convert(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let form = try PageForm.read(request)
        let need = try await request.tandem.surveys.convert(
            request.id("draftID", "draft"), try await ConversionForm.conversion(form, request), by: actor)
        return request.seeOther(Site.need(need.number))
    }

    func dismiss(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        _ = try PageForm.read(request)
        try await request.tandem.surveys.dismiss(request.id("draftID", "draft"), by: actor)
        return request.seeOther(Site.done(Site.drafts))
    }
}
