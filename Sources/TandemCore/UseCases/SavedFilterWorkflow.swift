import Foundation

/// Saved filters are private to their owner.
public struct SavedFilterWorkflow: Sendable {
    public let store: any SavedFilterStore
    public let clock: any Clock
    public let ids: any IDGenerator
    public static let maxPerPerson = 30

    public init(store: any SavedFilterStore, clock: any Clock, ids: any IDGenerator) {
        self.store = store
        self.clock = clock
        self.ids = ids
    }

    public func filters(for actor: Person) async throws -> [SavedFilter] {
        try await store.filters(of: actor.id)
    }

    public func save(name: String, query: String, by actor: Person) async throws -> SavedFilter {
        let name = try Validate.requiredText(name, field: "name", max: 60)
        guard query.count <= 2000, !query.contains(where: \.isNewline) else { throw TandemError.invalid("query", "the filter is too long") }
        let existing = try await store.filters(of: actor.id)
        guard existing.count < Self.maxPerPerson else {
            throw TandemError.invalid("name", "at most \(Self.maxPerPerson) saved filters per person")
        }
        let filter = SavedFilter(
            id: ids.next(), personID: actor.id, name: name,
            query: query.hasPrefix("?") ? String(query.dropFirst()) : query, createdAt: clock.now())
        try await store.insert(filter)
        return filter
    }

    /// Deletes one of the actor's own filters; anyone else's is "not found".
    public func delete(_ id: SavedFilter.ID, by actor: Person) async throws {
        guard try await store.filters(of: actor.id).contains(where: { $0.id == id }) else {
            throw TandemError.notFound("saved filter")
        }
        try await store.delete(id)
    }
}
