import Foundation
import TandemCore
import Vapor

/// Evaluation cycles in pages: the list with the evaluations one's department still owes, the form
/// that opens a cycle, a cycle's progress, and the form a department answers with.
struct EvaluationPages: RouteCollection {
    struct CycleRow: Encodable {
        var id: String
        var name: String
        var period: String
        var scope: String
        var status: String
        var statusLabel: String
        var answered: Int
        var invited: Int
    }

    struct PendingRow: Encodable {
        var link: String
        var cycle: String
        var provider: String
        var needs: Int
    }

    struct ListContext: Encodable {
        var layout: LayoutContext
        var cycles: [CycleRow]?
        var pending: [PendingRow]?
        var canOpen: Bool
        var form: EvaluationCycleForm
        var rows: [EvaluationCycleForm.DimensionRow]
        var providers: [Choice]
        var allProviders: Bool
        var errors: [String: String]
        var general: String?
    }

    struct InvitationRow: Encodable {
        var link: String
        var rater: String
        var provider: String
        var needs: Int
        var answered: Bool
    }

    struct CycleContext: Encodable {
        var layout: LayoutContext
        var id: String
        var name: String
        var period: String
        var scope: String
        var statusLabel: String
        var isOpen: Bool
        var closesOn: String?
        var dimensionList: String
        var answered: Int
        var invited: Int
        var progressWidth: Int
        var invitations: [InvitationRow]
        var canClose: Bool
    }

    func boot(routes: any RoutesBuilder) throws {
        let evaluations = routes.grouped("evaluations")
        evaluations.get(use: list)
        evaluations.post(use: open)
        evaluations.get(":cycleID", use: cycle)
        evaluations.post(":cycleID", "close", use: close)
        evaluations.post(":cycleID", "remind", use: remind)
        evaluations.get("invitations", ":invitationID", use: invitation)
        evaluations.post("invitations", ":invitationID", use: answer)
    }

    // MARK: list and opening

    func list(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let form = EvaluationCycleForm(period: request.tandem.scorecards.currentPeriod.previous)
        return try await request.page("evaluations", listContext(request, actor, form: form, errors: FieldErrors()))
    }

    func open(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let sent = EvaluationCycleForm(try PageForm.read(request))
        do {
            let cycle = try await request.tandem.evaluations.open(try sent.input(), by: actor)
            return request.seeOther(Site.evaluation(cycle.id))
        } catch let error as TandemError where error.isAboutInput {
            return try await request.page(
                "evaluations", listContext(request, actor, form: sent, errors: FieldErrors(error, request)),
                status: .unprocessableEntity)
        }
    }

    private func listContext(_ request: Request, _ actor: Person, form: EvaluationCycleForm, errors: FieldErrors) async throws
        -> ListContext
    {
        let workflow = request.tandem.evaluations
        let names = try await departmentNames(request, actor)
        var cycles: [CycleRow] = []
        for cycle in try await workflow.cycles(for: actor) {
            let invitations = try await workflow.store.invitations(of: cycle.id)
            cycles.append(
                CycleRow(
                    id: cycle.id.description, name: cycle.name, period: cycle.period.description,
                    scope: scope(cycle, names, request), status: cycle.status.rawValue,
                    statusLabel: request.t("evaluation_status.\(cycle.status.rawValue)"),
                    answered: invitations.filter { $0.submittedAt != nil }.count, invited: invitations.count))
        }
        var pending: [PendingRow] = []
        for invitation in try await workflow.pending(for: actor) {
            let cycle = try await workflow.store.cycle(invitation.cycleID)
            pending.append(
                PendingRow(
                    link: Site.invitation(invitation.id), cycle: cycle?.name ?? "—",
                    provider: names[invitation.providerID] ?? "—", needs: invitation.needCount))
        }
        let departments = try await request.tandem.organisation.departments(for: actor)
        let providers =
            EvaluationAccess.canOpen(for: nil, actor)
            ? departments.filter(\.isProvider) : departments.filter { $0.isProvider && $0.id == actor.departmentID }
        return ListContext(
            layout: LayoutContext(request, title: request.t("evaluation.title"), section: "evaluations"),
            cycles: cycles.nonEmpty, pending: pending.nonEmpty,
            canOpen: providers.contains { EvaluationAccess.canOpen(for: $0.id, actor) }, form: form, rows: form.shownRows(errors),
            providers: Choice.departments(providers) { $0.description == form.providerID },
            allProviders: EvaluationAccess.canOpen(for: nil, actor),
            errors: errors.messages(for: EvaluationCycleForm.fields),
            general: errors.general(besides: EvaluationCycleForm.fields, prefixes: ["dimensions["]))
    }

    // MARK: one cycle

    func cycle(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let (cycle, invitations) = try await request.tandem.evaluations.cycle(request.id("cycleID", "evaluation cycle"), for: actor)
        let names = try await departmentNames(request, actor)
        let answered = invitations.filter { $0.submittedAt != nil }.count
        let rows = invitations.map { invitation in
            InvitationRow(
                link: Site.invitation(invitation.id), rater: names[invitation.raterID] ?? "—",
                provider: names[invitation.providerID] ?? "—", needs: invitation.needCount, answered: invitation.submittedAt != nil)
        }.sorted { ($0.provider, $0.rater) < ($1.provider, $1.rater) }
        let context = CycleContext(
            layout: LayoutContext(request, title: cycle.name, section: "evaluations"), id: cycle.id.description, name: cycle.name,
            period: cycle.period.description, scope: scope(cycle, names, request),
            statusLabel: request.t("evaluation_status.\(cycle.status.rawValue)"),
            isOpen: cycle.status == .open, closesOn: cycle.closesOn.map { PageFormat(request).date($0) },
            dimensionList: request.listed(cycle.dimensions.map { "\($0.name) (\($0.weight))" }), answered: answered,
            invited: invitations.count,
            progressWidth: invitations.isEmpty ? 0 : answered * 300 / invitations.count, invitations: rows,
            canClose: cycle.status == .open && EvaluationAccess.canConduct(cycle, actor))
        return try await request.page("evaluation", context)
    }

    func close(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        _ = try PageForm.read(request)
        let cycle = try await request.tandem.evaluations.close(request.id("cycleID", "evaluation cycle"), by: actor)
        return request.seeOther(Site.done(Site.evaluation(cycle.id)))
    }

    func remind(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        _ = try PageForm.read(request)
        let id: EvaluationCycle.ID = try request.id("cycleID", "evaluation cycle")
        _ = try await request.tandem.evaluations.remind(id, by: actor)
        return request.seeOther(Site.done(Site.evaluation(id), .sent))
    }

    // MARK: answering

    func invitation(_ request: Request) async throws -> Response {
        try await request.page("evaluation-answer", try await EvaluationAnswerContext.load(request, sent: nil, errors: FieldErrors()))
    }

    func answer(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let form = try PageForm.read(request)
        let id: EvaluationInvitation.ID = try request.id("invitationID", "evaluation invitation")
        do {
            let answer = try EvaluationAnswerContext.answer(form)
            let (cycle, _, _, _) = try await request.tandem.evaluations.invitation(id, for: actor)
            _ = try await request.tandem.evaluations.answer(id, answer, by: actor)
            return request.seeOther(Site.done(Site.evaluation(cycle.id)))
        } catch let error as TandemError where [.invalidInput, .invalidTransition].contains(error.code) {
            return try await request.page(
                "evaluation-answer", try await EvaluationAnswerContext.load(request, sent: form, errors: FieldErrors(error, request)),
                status: .unprocessableEntity)
        }
    }

    // MARK: helpers

    private func departmentNames(_ request: Request, _ actor: Person) async throws -> [Department.ID: String] {
        Dictionary(uniqueKeysWithValues: try await request.tandem.organisation.departments(for: actor).map { ($0.id, $0.name) })
    }

    private func scope(_ cycle: EvaluationCycle, _ names: [Department.ID: String], _ request: Request) -> String {
        cycle.providerID.map { names[$0] ?? "—" } ?? request.t("evaluation.all_providers")
    }
}
