import Foundation
import TandemCore
import Vapor

/// What the home page asks of a person besides needs: surveys to answer, evaluations their
/// department owes, needs drafted by surveys waiting for their department.
struct HomeToDo: Encodable {
    var text: String
    var link: String

    static func load(_ request: Request, _ actor: Person) async throws -> [HomeToDo] {
        let services = request.tandem
        var items: [HomeToDo] = []
        for standing in try await services.surveys.surveys(for: actor)
        where standing.isAsked && standing.openRound != nil && !standing.hasAnswered {
            items.append(HomeToDo(text: request.t("home.todo_survey", standing.survey.title), link: Site.survey(standing.survey.id)))
        }
        let pending = try await services.evaluations.pending(for: actor)
        if !pending.isEmpty {
            let names = Dictionary(uniqueKeysWithValues: try await services.organisation.departments(for: actor).map { ($0.id, $0.name) })
            for invitation in pending {
                items.append(
                    HomeToDo(
                        text: request.t("home.todo_evaluation", names[invitation.providerID] ?? "—"),
                        link: Site.invitation(invitation.id)))
            }
        }
        if AccessPolicy.servesNeeds(actor) {
            let drafts = try await services.surveys.store.drafts(provider: actor.departmentID, status: .open)
            if !drafts.isEmpty { items.append(HomeToDo(text: request.t("home.todo_drafts", String(drafts.count)), link: Site.drafts)) }
        }
        return items
    }
}
