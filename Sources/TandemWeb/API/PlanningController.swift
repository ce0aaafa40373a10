import Foundation
import TandemCore
import Vapor

/// Strategic goals, the planning weights, providers' capacity and plans.
struct PlanningController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("goals", use: goals)
        routes.post("goals", use: createGoal)
        routes.get("goals", ":goalID", use: goal)
        routes.patch("goals", ":goalID", use: updateGoal)
        routes.get("settings", "planning-weights", use: weights)
        routes.put("settings", "planning-weights", use: setWeights)
        routes.get("departments", ":departmentID", "capacity", ":period", use: capacity)
        routes.put("departments", ":departmentID", "capacity", ":period", use: setCapacity)
        routes.get("departments", ":departmentID", "plan", use: plan)
        routes.post("departments", ":departmentID", "plan", use: commit)
    }

    struct GoalBody: StrictBody {
        var title: String?
        var description: String?
        var weight: Int?
        var startsOn: CalendarDate??
        var endsOn: CalendarDate??
        var isActive: Bool?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case title, description, weight, startsOn = "starts_on", endsOn = "ends_on", isActive = "is_active"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            title = try container.decodeIfPresent(String.self, forKey: .title)
            description = try container.decodeIfPresent(String.self, forKey: .description)
            weight = try container.decodeIfPresent(Int.self, forKey: .weight)
            startsOn = try container.decodeNullable(CalendarDate.self, forKey: .startsOn)
            endsOn = try container.decodeNullable(CalendarDate.self, forKey: .endsOn)
            isActive = try container.decodeIfPresent(Bool.self, forKey: .isActive)
        }

        /// The input this body makes of `goal` (a new goal when nil): fields left out keep their value.
        func input(over goal: StrategicGoal?) throws -> GoalInput {
            guard let title = title ?? goal?.title else { throw TandemError.invalid("title", "title is required", .required) }
            guard let weight = weight ?? goal?.weight else { throw TandemError.invalid("weight", "weight is required", .required) }
            return GoalInput(
                title: title, description: description ?? goal?.description ?? "", weight: weight,
                startsOn: startsOn ?? goal?.startsOn, endsOn: endsOn ?? goal?.endsOn, isActive: isActive ?? goal?.isActive ?? true)
        }
    }

    struct GoalResponse: Encodable {
        var goal: StrategicGoal
        var figures: GoalFigures
        enum CodingKeys: String, CodingKey { case figures }
        func encode(to encoder: any Encoder) throws {
            try goal.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(figures, forKey: .figures)
        }
    }

    func goals(_ request: Request) async throws -> Response {
        _ = try QueryParameters(request, allowed: [])
        let list = try await request.tandem.goals.goals(for: try request.actor())
        return try json(ItemList(items: list.map { GoalResponse(goal: $0.goal, figures: $0.figures) }))
    }

    func goal(_ request: Request) async throws -> Response {
        let id: StrategicGoal.ID = try request.id("goalID", "goal")
        guard let entry = try await request.tandem.goals.goals(for: try request.actor()).first(where: { $0.goal.id == id }) else {
            throw TandemError.notFound("goal")
        }
        return try json(GoalResponse(goal: entry.goal, figures: entry.figures))
    }

    func createGoal(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        try request.tandem.goals.checkMayManage(by: actor)
        let goal = try await request.tandem.goals.create(try request.decodeBody(GoalBody.self).input(over: nil), by: actor)
        return try json(GoalResponse(goal: goal, figures: GoalFigures(goalID: goal.id)), status: .created)
    }

    func updateGoal(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        try request.tandem.goals.checkMayManage(by: actor)
        let current = try await request.tandem.goals.goal(request.id("goalID", "goal"), for: actor)
        _ = try await request.tandem.goals.update(current.id, try request.decodeBody(GoalBody.self).input(over: current), by: actor)
        return try await goal(request)
    }

    struct WeightsBody: StrictBody {
        var p1: Double, p2: Double, p3: Double, p4: Double, goalFactor: Double, pointsPerDay: Double, ageCap: Double, hoursPerDay: Double
        enum CodingKeys: String, CodingKey, CaseIterable {
            case p1, p2, p3, p4, goalFactor = "goal_factor", pointsPerDay = "points_per_day", ageCap = "age_cap", hoursPerDay =
                "hours_per_day"
        }
    }

    func weights(_ request: Request) async throws -> Response {
        _ = try request.actor()
        return try json(try await request.tandem.planning.weights())
    }

    func setWeights(_ request: Request) async throws -> Response {
        try request.tandem.planning.checkMaySetWeights(by: try request.actor())
        let body = try request.decodeBody(WeightsBody.self)
        let weights = PlanningWeights(
            p1: body.p1, p2: body.p2, p3: body.p3, p4: body.p4, goalFactor: body.goalFactor,
            pointsPerDay: body.pointsPerDay, ageCap: body.ageCap, hoursPerDay: body.hoursPerDay)
        return try json(try await request.tandem.planning.setWeights(weights, by: try request.actor()))
    }

    struct Capacity: Content {
        var departmentID: Department.ID
        var period: String
        var personDays: Double?
        enum CodingKeys: String, CodingKey { case departmentID = "department_id", period, personDays = "person_days" }
    }

    struct CapacityBody: StrictBody {
        var personDays: Double
        enum CodingKeys: String, CodingKey, CaseIterable { case personDays = "person_days" }
    }

    func capacity(_ request: Request) async throws -> Response {
        let department: Department.ID = try request.id("departmentID", "department")
        let period = try ReportingPeriod.parse(request.parameters.get("period") ?? "")
        let days = try await request.tandem.planning.capacity(of: department, in: period, for: try request.actor())
        return try json(Capacity(departmentID: department, period: period.description, personDays: days))
    }

    func setCapacity(_ request: Request) async throws -> Response {
        let department: Department.ID = try request.id("departmentID", "department")
        let period = try ReportingPeriod.parse(request.parameters.get("period") ?? "")
        let body = try request.decodeBody(CapacityBody.self)
        try await request.tandem.planning.setCapacity(body.personDays, of: department, in: period, by: try request.actor())
        return try json(Capacity(departmentID: department, period: period.description, personDays: body.personDays))
    }

    struct PlanResponse: Encodable {
        var period: String
        var proposal: PlanProposal?
        var committed: CommittedPlan?
        var review: PlanReview?
    }

    func plan(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let query = try QueryParameters(request, allowed: ["period"])
        let department: Department.ID = try request.id("departmentID", "department")
        let workflow = request.tandem.planning
        let period = try query.string("period").map { try ReportingPeriod.parse($0) } ?? workflow.currentPeriod
        let committed = try await workflow.review(department, in: period, for: actor)
        let proposal =
            try await workflow.capacity(of: department, in: period, for: actor) == nil
            ? nil : try await workflow.propose(department, in: period, for: actor)
        return try json(PlanResponse(period: period.description, proposal: proposal, committed: committed?.plan, review: committed?.review))
    }

    struct CommitBody: StrictBody {
        var period: String
        var pins: [String: CapacityPlanner.Pin]?
        enum CodingKeys: String, CodingKey, CaseIterable { case period, pins }
    }

    func commit(_ request: Request) async throws -> Response {
        let body = try request.decodeBody(CommitBody.self)
        let department: Department.ID = try request.id("departmentID", "department")
        var pins: [Need.ID: CapacityPlanner.Pin] = [:]
        for (key, pin) in body.pins ?? [:] {
            guard let id = Need.ID(key) else { throw TandemError.invalid("pins", "'\(key)' is not a need id") }
            pins[id] = pin
        }
        let plan = try await request.tandem.planning.commit(
            department, in: try ReportingPeriod.parse(body.period), pins: pins, by: try request.actor())
        return try json(plan, status: .created)
    }
}
