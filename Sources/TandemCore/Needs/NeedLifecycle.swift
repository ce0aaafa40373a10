import Foundation

/// Who may take a transition.
public enum TransitionPermission: String, Hashable, Sendable, Codable {
    /// The person who raised the need.
    case requester
    /// Someone who works the need: an agent or manager of the providing department, or an assignee.
    case provider
    /// The requester or a provider.
    case requesterOrProvider = "requester_or_provider"
}

/// A named step of the lifecycle (`accept`, `resolve` …).
public enum NeedAction: String, Hashable, Sendable, Codable, CaseIterable {
    case accept, start
    case askRequester = "ask_requester"
    case respond, resolve, close, reject, reopen, withdraw
}

/// The lifecycle as data: every allowed transition, and the permission it needs.
/// Administrators may take any allowed transition.
public enum NeedLifecycle {
    public struct Transition: Hashable, Sendable {
        public let action: NeedAction
        public let from: Set<NeedStatus>
        public let to: NeedStatus
        public let permission: TransitionPermission
    }

    public static let transitions: [Transition] = [
        .init(action: .accept, from: [.new], to: .accepted, permission: .provider),
        .init(action: .start, from: [.new, .accepted], to: .inProgress, permission: .provider),
        .init(action: .askRequester, from: [.accepted, .inProgress], to: .waitingOnRequester, permission: .provider),
        .init(action: .respond, from: [.waitingOnRequester], to: .inProgress, permission: .requesterOrProvider),
        .init(action: .resolve, from: [.accepted, .inProgress, .waitingOnRequester], to: .resolved, permission: .provider),
        .init(action: .close, from: [.resolved], to: .closed, permission: .requesterOrProvider),
        .init(action: .reject, from: [.new, .accepted], to: .rejected, permission: .provider),
        .init(action: .reopen, from: [.resolved, .closed], to: .inProgress, permission: .requesterOrProvider),
        .init(action: .withdraw, from: [.new, .accepted, .waitingOnRequester], to: .closed, permission: .requester),
    ]

    /// The transition an action takes from a status, or `nil` when the lifecycle does not allow it.
    public static func transition(_ action: NeedAction, from status: NeedStatus) -> Transition? {
        transitions.first { $0.action == action && $0.from.contains(status) }
    }

    /// Every action the lifecycle allows from a status (regardless of who asks).
    public static func actions(from status: NeedStatus) -> [NeedAction] {
        transitions.filter { $0.from.contains(status) }.map(\.action)
    }
}
