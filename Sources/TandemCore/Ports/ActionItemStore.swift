import Foundation

/// The follow-ups of meetings and improvement plans.
public protocol ActionItemStore: Sendable {
    func insert(_ item: ActionItem) async throws
    func update(_ item: ActionItem) async throws
    func item(_ id: ActionItem.ID) async throws -> ActionItem?
    func items(of parent: ActionItem.Parent) async throws -> [ActionItem]
}
