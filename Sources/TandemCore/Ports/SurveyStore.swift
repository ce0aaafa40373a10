import Foundation

/// Needs surveys, their answers, who answered, and the needs they drafted.
public protocol SurveyStore: Sendable {
    func insert(_ survey: Survey) async throws
    func update(_ survey: Survey) async throws
    func survey(_ id: Survey.ID) async throws -> Survey?
    /// The most recently created first.
    func surveys(limit: Int) async throws -> [Survey]
    /// Stores a response, the mark that its person answered the round (kept apart, without a
    /// time), and the drafts it makes, in one transaction; `.conflict` when the person answered
    /// the round already.
    func record(_ response: SurveyResponse, participant: Person.ID, drafts: [NeedDraft]) async throws
    func participants(of survey: Survey.ID, round: Int) async throws -> Set<Person.ID>
    func responses(of survey: Survey.ID, round: Int) async throws -> [SurveyResponse]
    func drafts(provider: Department.ID, status: NeedDraft.Status?) async throws -> [NeedDraft]
    func drafts(of survey: Survey.ID, round: Int) async throws -> [NeedDraft]
    func draft(_ id: NeedDraft.ID) async throws -> NeedDraft?
    /// Sets an open draft aside; false when it was not open any more.
    func dismiss(_ draft: NeedDraft.ID) async throws -> Bool
    /// Notes that a round was announced; false when it was already (so it is announced once).
    func markAnnounced(_ survey: Survey.ID, round: Int) async throws -> Bool
}
