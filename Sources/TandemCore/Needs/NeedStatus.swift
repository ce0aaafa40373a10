import Foundation

/// Where a need stands in its lifecycle.
public enum NeedStatus: String, Hashable, Sendable, Codable, CaseIterable {
    case new
    case accepted
    case inProgress = "in_progress"
    case waitingOnRequester = "waiting_on_requester"
    case resolved
    case closed
    case rejected
    /// Merged into another need, where its work goes on (`Need.mergedIntoID`).
    case merged

    /// The lifecycle's grouping of statuses (after Request Tracker).
    public enum Group: String, Sendable, Codable {
        /// Raised, nobody has taken it up yet.
        case initial
        /// Being worked (or waiting on the requester).
        case active
        /// Done: resolved, closed, rejected or merged.
        case inactive
    }

    public var group: Group {
        switch self {
        case .new: return .initial
        case .accepted, .inProgress, .waitingOnRequester: return .active
        case .resolved, .closed, .rejected, .merged: return .inactive
        }
    }

    /// Open means not yet done: initial or active.
    public var isOpen: Bool { group != .inactive }
}
