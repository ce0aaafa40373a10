import Foundation

/// People's saved queue filters.
public protocol SavedFilterStore: Sendable {
    func filters(of person: Person.ID) async throws -> [SavedFilter]
    func insert(_ filter: SavedFilter) async throws
    func delete(_ id: SavedFilter.ID) async throws
}
