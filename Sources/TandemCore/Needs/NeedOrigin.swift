import Foundation

/// Where a need came from, when not from its requester's own form: a survey answer's draft, a
/// meeting, a suggestion. Kept with the need (written in the same transaction) so that each
/// links back, and so that a draft or suggestion turns into one need only.
public enum NeedOrigin: Hashable, Sendable {
    case draft(NeedDraft.ID)
    case meeting(Meeting.ID)
    case suggestion(Suggestion.ID)

    public var kind: String {
        switch self {
        case .draft: return "draft"
        case .meeting: return "meeting"
        case .suggestion: return "suggestion"
        }
    }

    public var subjectID: UUID {
        switch self {
        case .draft(let id): return id.rawValue
        case .meeting(let id): return id.rawValue
        case .suggestion(let id): return id.rawValue
        }
    }

    public init?(kind: String, subjectID: UUID) {
        switch kind {
        case "draft": self = .draft(.init(subjectID))
        case "meeting": self = .meeting(.init(subjectID))
        case "suggestion": self = .suggestion(.init(subjectID))
        default: return nil
        }
    }
}
