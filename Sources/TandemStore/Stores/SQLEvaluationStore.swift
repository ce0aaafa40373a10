import Foundation
import SQLKit
import TandemCore

/// Evaluation cycles in `evaluation_cycles`, `evaluation_invitations` and `evaluation_responses`.
public struct SQLEvaluationStore: EvaluationStore {
    let database: StoreDatabase

    public init(_ database: StoreDatabase) { self.database = database }

    struct CycleRow: Codable, Sendable {
        var id: UUID
        var name: String
        var period: String
        var provider_id: UUID?
        var dimensions: String
        var asks_recommendation: Bool
        var closes_on: String?
        var status: String
        var opened_by: UUID
        var created_at: Date
        var closed_at: Date?

        init(_ cycle: EvaluationCycle) throws {
            id = cycle.id.rawValue
            name = cycle.name
            period = cycle.period.description
            provider_id = cycle.providerID?.rawValue
            dimensions = try JSONText.encode(cycle.dimensions)
            asks_recommendation = cycle.asksRecommendation
            closes_on = cycle.closesOn?.description
            status = cycle.status.rawValue
            opened_by = cycle.openedBy.rawValue
            created_at = cycle.createdAt.storable
            closed_at = cycle.closedAt?.storable
        }

        func cycle() throws -> EvaluationCycle {
            EvaluationCycle(
                id: .init(id), name: name, period: try ReportingPeriod(period).orThrow(CorruptColumn(column: "period", value: period)),
                providerID: provider_id.map { .init($0) }, dimensions: try JSONText.decode([EvaluationDimension].self, from: dimensions),
                asksRecommendation: asks_recommendation, closesOn: closes_on.flatMap(CalendarDate.init),
                status: EvaluationCycle.Status(rawValue: status) ?? .closed, openedBy: .init(opened_by), createdAt: created_at,
                closedAt: closed_at)
        }
    }

    struct InvitationRow: Codable, Sendable {
        var id: UUID
        var cycle_id: UUID
        var rater_department_id: UUID
        var provider_department_id: UUID
        var need_count: Int
        var submitted_at: Date?

        init(_ invitation: EvaluationInvitation) {
            id = invitation.id.rawValue
            cycle_id = invitation.cycleID.rawValue
            rater_department_id = invitation.raterID.rawValue
            provider_department_id = invitation.providerID.rawValue
            need_count = invitation.needCount
            submitted_at = invitation.submittedAt?.storable
        }

        var invitation: EvaluationInvitation {
            EvaluationInvitation(
                id: .init(id), cycleID: .init(cycle_id), raterID: .init(rater_department_id),
                providerID: .init(provider_department_id), needCount: need_count, submittedAt: submitted_at)
        }
    }

    struct ResponseRow: Codable, Sendable {
        var invitation_id: UUID
        var scores: String
        var recommendation: Int?
        var comment: String?
        var submitted_by: UUID
        var submitted_at: Date

        func response() throws -> EvaluationResponse {
            EvaluationResponse(
                invitationID: .init(invitation_id), scores: try JSONText.decode([String: Int].self, from: scores),
                recommendation: recommendation, comment: comment, submittedBy: .init(submitted_by), submittedAt: submitted_at)
        }
    }

    public func insert(_ cycle: EvaluationCycle, invitations: [EvaluationInvitation], jobs: [Job]) async throws {
        let row = try CycleRow(cycle)
        try await database.write { sql in
            try await sql.insertRow(row, into: "evaluation_cycles")
            for chunk in stride(from: 0, to: invitations.count, by: 200) {
                let rows = invitations[chunk..<min(chunk + 200, invitations.count)].map(InvitationRow.init)
                try await sql.insert(into: "evaluation_invitations").models(rows, nilEncodingStrategy: .asNil).run()
            }
            try await SQLJobStore.insert(jobs, on: sql)
        }
    }

    public func update(_ cycle: EvaluationCycle) async throws {
        let row = try CycleRow(cycle)
        _ = try await database.write { sql in try await sql.updateRow(row, in: "evaluation_cycles", id: row.id) }
    }

    public func cycle(_ id: EvaluationCycle.ID) async throws -> EvaluationCycle? {
        try await database.read { sql in
            try await sql.select().column("*").from("evaluation_cycles").where("id", .equal, id.rawValue).firstRow(CycleRow.self)?.cycle()
        }
    }

    public func cycles(limit: Int) async throws -> [EvaluationCycle] {
        try await database.read { sql in
            try await sql.select().column("*").from("evaluation_cycles").orderBy("created_at", .descending).limit(limit)
                .allRows(CycleRow.self).map { try $0.cycle() }
        }
    }

    public func cycles(period: ReportingPeriod) async throws -> [EvaluationCycle] {
        try await database.read { sql in
            try await sql.select().column("*").from("evaluation_cycles").where("period", .equal, period.description)
                .orderBy("created_at", .descending).allRows(CycleRow.self).map { try $0.cycle() }
        }
    }

    public func invitations(of cycle: EvaluationCycle.ID) async throws -> [EvaluationInvitation] {
        try await database.read { sql in
            try await sql.select().column("*").from("evaluation_invitations").where("cycle_id", .equal, cycle.rawValue)
                .allRows(InvitationRow.self).map(\.invitation)
        }
    }

    public func invitation(_ id: EvaluationInvitation.ID) async throws -> EvaluationInvitation? {
        try await database.read { sql in
            try await sql.select().column("*").from("evaluation_invitations").where("id", .equal, id.rawValue)
                .firstRow(InvitationRow.self)?.invitation
        }
    }

    public func pendingInvitations(rater: Department.ID) async throws -> [EvaluationInvitation] {
        try await database.read { sql in
            try await sql.select().columns(SQLColumn(SQLLiteral.all, table: SQLIdentifier("evaluation_invitations")))
                .from("evaluation_invitations")
                .join(
                    "evaluation_cycles", on: SQLColumn("id", table: "evaluation_cycles"), .equal,
                    SQLColumn("cycle_id", table: "evaluation_invitations")
                )
                .where(SQLColumn("rater_department_id", table: "evaluation_invitations"), .equal, SQLBind(rater.rawValue))
                .where(SQLColumn("submitted_at", table: "evaluation_invitations"), .is, SQLLiteral.null)
                .where(SQLColumn("status", table: "evaluation_cycles"), .equal, SQLBind(EvaluationCycle.Status.open.rawValue))
                .allRows(InvitationRow.self).map(\.invitation)
        }
    }

    public func save(_ response: EvaluationResponse) async throws {
        let row = ResponseRow(
            invitation_id: response.invitationID.rawValue, scores: try JSONText.encode(response.scores),
            recommendation: response.recommendation, comment: response.comment,
            submitted_by: response.submittedBy.rawValue, submitted_at: response.submittedAt.storable)
        try await database.write { sql in
            try await sql.insert(into: "evaluation_responses").model(row, nilEncodingStrategy: .asNil)
                .onConflict(with: ["invitation_id"]) { update in
                    update.set(excludedValueOf: "scores").set(excludedValueOf: "recommendation").set(excludedValueOf: "comment")
                        .set(excludedValueOf: "submitted_by").set(excludedValueOf: "submitted_at")
                }.run()
            try await sql.update("evaluation_invitations").set("submitted_at", to: row.submitted_at)
                .where("id", .equal, row.invitation_id).run()
        }
    }

    public func response(to invitation: EvaluationInvitation.ID) async throws -> EvaluationResponse? {
        try await database.read { sql in
            try await sql.select().column("*").from("evaluation_responses").where("invitation_id", .equal, invitation.rawValue)
                .firstRow(ResponseRow.self)?.response()
        }
    }

    public func responses(of cycle: EvaluationCycle.ID) async throws -> [EvaluationResponse] {
        try await database.read { sql in
            try await sql.select().columns(SQLColumn(SQLLiteral.all, table: SQLIdentifier("evaluation_responses"))).from(
                "evaluation_responses"
            )
            .join(
                "evaluation_invitations", on: SQLColumn("id", table: "evaluation_invitations"),
                .equal, SQLColumn("invitation_id", table: "evaluation_responses")
            )
            .where(SQLColumn("cycle_id", table: "evaluation_invitations"), .equal, SQLBind(cycle.rawValue))
            .allRows(ResponseRow.self).map { try $0.response() }
        }
    }

    public func servicePairs(raisedIn interval: DateInterval, provider: Department.ID?) async throws
        -> [(rater: Department.ID, provider: Department.ID, needs: Int)]
    {
        struct Pair: Decodable {
            var requesting_department_id: UUID
            var providing_department_id: UUID
            var needs: Int
        }
        return try await database.read { sql in
            var select = sql.select().column("requesting_department_id").column("providing_department_id")
                .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "needs").from("needs")
                .where("created_at", .greaterThanOrEqual, interval.start.storable).where("created_at", .lessThan, interval.end.storable)
                .where(SQLColumn("requesting_department_id"), .notEqual, SQLColumn("providing_department_id"))
            if let provider { select = select.where("providing_department_id", .equal, provider.rawValue) }
            return try await select.groupBy("requesting_department_id").groupBy("providing_department_id")
                .orderBy("providing_department_id").orderBy("requesting_department_id")
                .allRows(Pair.self).map {
                    (Department.ID($0.requesting_department_id), Department.ID($0.providing_department_id), $0.needs)
                }
        }
    }
}
