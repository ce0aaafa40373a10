import Foundation
import TandemCore
import Vapor

/// Needs surveys: building, answering, results, reminders, and the needs they draft.
struct SurveyController: RouteCollection {
    struct CreateBody: StrictBody {
        var title: String?
        var description: String?
        var isAnonymous: Bool?
        var questions: [SurveyQuestion]?
        var audienceDepartments: [Department.ID]?
        var audiencePeople: [Person.ID]?
        var frequency: SurveySchedule.Frequency?
        var startsOn: String?
        var openDays: Int?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case title, description, isAnonymous = "is_anonymous", questions, audienceDepartments = "audience_departments"
            case audiencePeople = "audience_people", frequency, startsOn = "starts_on", openDays = "open_days"
        }

        var input: SurveyWorkflow.Input {
            SurveyWorkflow.Input(
                title: title ?? "", description: description ?? "", isAnonymous: isAnonymous ?? false, questions: questions ?? [],
                audienceDepartments: audienceDepartments ?? [], audiencePeople: audiencePeople ?? [],
                frequency: frequency ?? .once, startsOn: startsOn, openDays: openDays ?? 14)
        }
    }

    struct AnswerBody: StrictBody {
        var answers: [String: SurveyAnswer]?
        enum CodingKeys: String, CodingKey, CaseIterable { case answers }
    }

    /// A survey as one person sees it.
    struct SurveyView: Encodable {
        var id: Survey.ID
        var title: String
        var description: String
        var ownerDepartmentID: Department.ID
        var isAnonymous: Bool
        var questions: [SurveyQuestion]
        var audienceDepartments: [Department.ID]?
        var audiencePeople: [Person.ID]?
        var schedule: SurveySchedule
        var isActive: Bool
        var openRound: Int?
        var latestRound: Int?
        var isAsked: Bool
        var hasAnswered: Bool
        enum CodingKeys: String, CodingKey {
            case id, title, description, ownerDepartmentID = "owner_department_id", isAnonymous = "is_anonymous", questions
            case audienceDepartments = "audience_departments", audiencePeople = "audience_people", schedule, isActive = "is_active"
            case openRound = "open_round", latestRound = "latest_round", isAsked = "is_asked", hasAnswered = "has_answered"
        }

        init(_ standing: SurveyWorkflow.Standing) {
            let survey = standing.survey
            id = survey.id
            title = survey.title
            description = survey.description
            ownerDepartmentID = survey.ownerDepartmentID
            isAnonymous = survey.isAnonymous
            questions = survey.questions
            switch survey.audience {
            case .departments(let ids): audienceDepartments = ids
            case .people(let ids): audiencePeople = standing.owns ? ids : nil
            }
            schedule = survey.schedule
            isActive = survey.isActive
            openRound = standing.openRound
            latestRound = standing.latestRound
            isAsked = standing.isAsked
            hasAnswered = standing.hasAnswered
        }
    }

    struct ResultsView: Encodable {
        struct Question: Encodable {
            var key: String
            var prompt: String
            var kind: SurveyQuestion.Kind
            var answered: Int
            var options: [SurveyResults.OptionCount]?
            var ratingDistribution: [Int]?
            var ratingAverage: Double?
            var texts: [String]?
            enum CodingKeys: String, CodingKey {
                case key, prompt, kind, answered, options, ratingDistribution = "rating_distribution", ratingAverage = "rating_average",
                    texts
            }
        }

        var round: Int
        var responses: Int
        var invited: Int
        /// Too few responses to show an anonymous round's answers (below the minimum group).
        var withheld: Bool
        var questions: [Question]

        init(_ results: SurveyResults) {
            round = results.round
            responses = results.responses
            invited = results.invited
            withheld = results.withheld
            questions = results.questions.map { question in
                let choice = question.kind == .singleChoice || question.kind == .multipleChoice
                return Question(
                    key: question.key, prompt: question.prompt, kind: question.kind, answered: question.answered,
                    options: choice ? question.options : nil,
                    ratingDistribution: question.kind == .rating ? question.ratingDistribution : nil,
                    ratingAverage: question.ratingAverage, texts: choice || question.kind == .rating ? nil : question.texts)
            }
        }
    }

    struct Answered: Encodable { var round: Int }
    struct Reminded: Encodable { var reminded: Int }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("surveys", use: surveys)
        routes.post("surveys", use: create)
        routes.get("surveys", ":surveyID", use: survey)
        routes.post("surveys", ":surveyID", "responses", use: respond)
        routes.get("surveys", ":surveyID", "results", use: results)
        routes.post("surveys", ":surveyID", "remind", use: remind)
        routes.post("surveys", ":surveyID", "close", use: close)
        routes.get("departments", ":departmentID", "need-drafts", use: drafts)
        routes.post("need-drafts", ":draftID", "convert", use: convert)
        routes.post("need-drafts", ":draftID", "dismiss", use: dismiss)
    }

    func surveys(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        return try json(ItemList(items: try await request.tandem.surveys.surveys(for: actor).map(SurveyView.init)))
    }

    func create(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let workflow = request.tandem.surveys
        let survey = try await workflow.create(try request.decodeBody(CreateBody.self).input, by: actor)
        return try json(SurveyView(try await workflow.standing(of: survey, for: actor)), status: .created)
    }

    func survey(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let workflow = request.tandem.surveys
        let survey = try await workflow.survey(request.id("surveyID", "survey"), for: actor)
        return try json(SurveyView(try await workflow.standing(of: survey, for: actor)))
    }

    func respond(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let body = try request.decodeBody(AnswerBody.self)
        let round = try await request.tandem.surveys.respond(request.id("surveyID", "survey"), body.answers ?? [:], by: actor)
        return try json(Answered(round: round), status: .created)
    }

    func results(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let query = try QueryParameters(request, allowed: ["round"])
        let results = try await request.tandem.surveys.results(request.id("surveyID", "survey"), round: try query.int("round"), for: actor)
        return try json(ResultsView(results))
    }

    func remind(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        return try json(Reminded(reminded: try await request.tandem.surveys.remind(request.id("surveyID", "survey"), by: actor)))
    }

    func close(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let workflow = request.tandem.surveys
        let survey = try await workflow.deactivate(request.id("surveyID", "survey"), by: actor)
        return try json(SurveyView(try await workflow.standing(of: survey, for: actor)))
    }

    func drafts(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let query = try QueryParameters(request, allowed: ["status"])
        let status = try query.enumValue("status", of: NeedDraft.Status.self) ?? .open
        return try json(
            ItemList(
                items: try await request.tandem.surveys.drafts(
                    provider: request.id("departmentID", "department"), status: status,
                    for: actor)))
    }

    func convert(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let choice = try ConvertBody.conversion(of: request)
        let need = try await request.tandem.surveys.convert(request.id("draftID", "draft"), choice, by: actor)
        return try json(NeedResponse(need, for: actor), status: .created)
    }

    func dismiss(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        try await request.tandem.surveys.dismiss(request.id("draftID", "draft"), by: actor)
        return Response(status: .noContent)
    }
}
