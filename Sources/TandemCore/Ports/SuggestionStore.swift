import Foundation

/// The suggestion box.
public protocol SuggestionStore: Sendable {
    func insert(_ suggestion: Suggestion) async throws
    /// Writes the change if the suggestion is still `expected`; false otherwise.
    func update(_ suggestion: Suggestion, expecting expected: Suggestion.Status) async throws -> Bool
    func suggestion(_ id: Suggestion.ID) async throws -> Suggestion?
    /// Newest first; to one department when given.
    func suggestions(to department: Department.ID?, limit: Int) async throws -> [Suggestion]
}
