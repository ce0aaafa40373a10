import Foundation

/// The drafts that "raise a need" answers leave for the provider: listed, turned into needs,
/// dismissed.
extension SurveyWorkflow {
    public func drafts(provider: Department.ID, status: NeedDraft.Status? = .open, for actor: Person) async throws -> [NeedDraft] {
        guard CollaborationAccess.worksDrafts(of: provider, actor) else {
            throw TandemError.forbidden("the providing department works its drafts")
        }
        return try await store.drafts(provider: provider, status: status)
    }

    /// Turns a draft into a need in one step, recorded by the provider: raised for the person who
    /// wrote it, from their department; for an anonymous survey, from the department the provider
    /// chooses (the survey's only audience department when it has one). The kind is the provider's
    /// choice (service when none); the text is the answer as written — where it came from is kept
    /// as the need's origin, not written into it.
    public func convert(_ id: NeedDraft.ID, _ choice: Conversion = Conversion(), by actor: Person) async throws -> Need {
        guard let draft = try await store.draft(id), CollaborationAccess.worksDrafts(of: draft.providerID, actor) else {
            throw TandemError.notFound("draft")
        }
        guard draft.status == .open else { throw TandemError(.conflict, "the draft was dealt with already", field: "draft") }
        var from = choice.requestingDepartmentID
        if from == nil, let survey = try await store.survey(draft.surveyID), case .departments(let departments) = survey.audience,
            departments.count == 1
        {
            from = departments.first
        }
        let input = RaiseNeedInput(
            title: choice.title ?? draft.text.firstLine(max: NeedRules.titleLimit), description: draft.text,
            kind: choice.kind ?? .service, providingDepartmentID: draft.providerID)
        return try await needs.raise(input, writtenBy: draft.respondentID, from: from, recordedBy: actor, origin: .draft(draft.id))
    }

    public func dismiss(_ id: NeedDraft.ID, by actor: Person) async throws {
        guard let draft = try await store.draft(id), CollaborationAccess.worksDrafts(of: draft.providerID, actor) else {
            throw TandemError.notFound("draft")
        }
        guard try await store.dismiss(id) else { throw TandemError(.conflict, "the draft was dealt with already", field: "draft") }
    }
}
