import Foundation

/// The suggestion box (意见箱): anyone writes to a department, named or anonymously; the board
/// is open to everyone; the department answers publicly, turns a suggestion into a need, or closes it.
public struct SuggestionWorkflow: Sendable {
    public let store: any SuggestionStore
    public let needs: NeedWorkflow
    public var organisation: any OrganisationStore { needs.organisation }

    public init(store: any SuggestionStore, needs: NeedWorkflow) {
        self.store = store
        self.needs = needs
    }

    /// Writes a suggestion. Anonymous: neither the author, nor their department, nor the time is kept — only the day.
    public func submit(to department: Department.ID?, body: String, anonymous: Bool, by actor: Person) async throws -> Suggestion {
        guard actor.isActive else { throw TandemError(.unauthenticated, "sign in first") }
        var problems = InputProblems()
        let text = try problems.check { try Validate.requiredText(body, field: "body", max: 10_000) }
        if department == nil {
            problems.add(.invalid("department_id", "choose the department it is for", .required))
        } else if let department, try await organisation.department(department) == nil {
            problems.add(.invalid("department_id", "no such department", .unknownRecord))
        }
        try problems.throwIfAny()
        guard let text, let department else { throw TandemError.invalid("body", "body is required", .required) }
        let suggestion = Suggestion(
            id: anonymous ? .anonymous() : needs.ids.next(), departmentID: department, body: text, authorID: anonymous ? nil : actor.id,
            authorDepartmentID: anonymous ? nil : actor.departmentID,
            submittedOn: CalendarDate(needs.clock.now(), in: needs.timeZone))
        try await store.insert(suggestion)
        return suggestion
    }

    /// The board: every suggestion, to one department when given, newest first (open to everyone signed in).
    public func board(to department: Department.ID?, for actor: Person) async throws -> [Suggestion] {
        guard actor.isActive else { return [] }
        return try await store.suggestions(to: department, limit: 500)
    }

    public func suggestion(_ id: Suggestion.ID, for actor: Person) async throws -> Suggestion {
        guard actor.isActive, let suggestion = try await store.suggestion(id) else { throw TandemError.notFound("suggestion") }
        return suggestion
    }

    /// Answers publicly (or changes the answer).
    public func answer(_ id: Suggestion.ID, _ text: String, by actor: Person) async throws -> Suggestion {
        var suggestion = try await suggestion(id, for: actor)
        guard CollaborationAccess.dealsWith(suggestion, actor) else { throw TandemError.forbidden("the department it is for answers it") }
        guard suggestion.status == .open || suggestion.status == .answered else {
            throw TandemError(.invalidTransition, "a suggestion turned into a need or closed is not answered", field: "answer")
        }
        let expected = suggestion.status
        suggestion.answer = try Validate.requiredText(text, field: "answer", max: 10_000)
        suggestion.answeredBy = actor.id
        suggestion.answeredAt = needs.clock.now()
        suggestion.status = .answered
        guard try await store.update(suggestion, expecting: expected) else {
            throw TandemError(.conflict, "the suggestion changed meanwhile")
        }
        return suggestion
    }

    /// Turns it into a need addressed to the department, recorded by the one who turns it: raised
    /// for its author when named; when anonymous, from the department they choose. The kind is
    /// theirs to choose (service when none).
    public func convert(_ id: Suggestion.ID, _ choice: Conversion = Conversion(), by actor: Person) async throws -> Need {
        let suggestion = try await suggestion(id, for: actor)
        guard CollaborationAccess.dealsWith(suggestion, actor) else {
            throw TandemError.forbidden("the department it is for turns it into a need")
        }
        let input = RaiseNeedInput(
            title: choice.title ?? suggestion.body.firstLine(max: NeedRules.titleLimit), description: suggestion.body,
            kind: choice.kind ?? .service, providingDepartmentID: suggestion.departmentID)
        return try await needs.raise(
            input, writtenBy: suggestion.authorID, from: choice.requestingDepartmentID, recordedBy: actor,
            origin: .suggestion(suggestion.id))
    }

    public func close(_ id: Suggestion.ID, by actor: Person) async throws -> Suggestion {
        var suggestion = try await suggestion(id, for: actor)
        guard CollaborationAccess.dealsWith(suggestion, actor) else { throw TandemError.forbidden("the department it is for closes it") }
        let expected = suggestion.status
        guard expected == .open || expected == .answered else { return suggestion }
        suggestion.status = .closed
        guard try await store.update(suggestion, expecting: expected) else {
            throw TandemError(.conflict, "the suggestion changed meanwhile")
        }
        return suggestion
    }
}
