import Foundation
import TandemCore
import Vapor

/// A provider's needs drafted by survey answers, to turn into needs or set aside.
struct DraftsContext: Encodable {
    struct Row: Encodable {
        var id: String
        var text: String
        var title: String
        var from: String
        var survey: String
        /// For an anonymous answer: the department it comes from (the converter chooses).
        var originPicker: PickerContext?
    }

    var layout: LayoutContext
    var providers: [Choice]
    var department: String?
    var rows: [Row]?
    var kinds: [Choice]

    static func load(_ request: Request) async throws -> DraftsContext {
        let actor = try request.actor()
        let departments = try await request.tandem.organisation.departments(for: actor)
        let providers = departments.filter { $0.isProvider && (AccessPolicy.seesEveryDepartment(actor) || $0.id == actor.departmentID) }
        let chosen = try QueryParameters(request, allowed: ["department", "done"]).id("department") ?? providers.first?.id
        let byID = Dictionary(uniqueKeysWithValues: departments.map { ($0.id, $0) })
        let names = byID.mapValues(\.name)
        var rows: [Row] = []
        if let chosen {
            let drafts = try await request.tandem.surveys.drafts(provider: chosen, for: actor)
            let people = Dictionary(
                try await request.tandem.organisation.store.people(drafts.compactMap(\.respondentID)).map { ($0.id, $0) }
            ) { a, _ in a }
            var surveys: [Survey.ID: Survey] = [:]
            for id in Set(drafts.map(\.surveyID)) { surveys[id] = try await request.tandem.surveys.store.survey(id) }
            rows = drafts.map { draft in
                let from =
                    draft.respondentID.flatMap { people[$0] }.map { person in
                        "\(person.displayName) · \(draft.respondentDepartmentID.flatMap { names[$0] } ?? "")"
                    } ?? request.t("survey.anonymous")
                var preselected: Department?
                if case .departments(let audience)? = surveys[draft.surveyID]?.audience, audience.count == 1 {
                    preselected = audience.first.flatMap { byID[$0] }
                }
                return Row(
                    id: draft.id.description, text: draft.text,
                    title: draft.text.firstLine(max: 200),
                    from: from, survey: "\(surveys[draft.surveyID]?.title ?? "—") #\(draft.round + 1)",
                    originPicker: draft.respondentID == nil
                        ? ConversionForm.origin(id: "draft-from-\(draft.id)", preselected: preselected, request) : nil)
            }
        }
        return DraftsContext(
            layout: LayoutContext(request, title: request.t("survey.drafts"), section: "surveys"),
            providers: Choice.departments(providers) { $0 == chosen }, department: chosen?.description, rows: rows.nonEmpty,
            kinds: ConversionForm.kinds(request))
    }
}
