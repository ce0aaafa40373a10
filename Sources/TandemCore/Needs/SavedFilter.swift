import Foundation

/// A person's named queue filter (保存的筛选): the query string of the queue page, kept so that
/// one click brings the same view back.
public struct SavedFilter: Hashable, Sendable, Codable, Identifiable {
    public typealias ID = Identifier<SavedFilter>

    public var id: ID
    public var personID: Person.ID
    public var name: String
    /// The queue's query string without the leading `?` (`status=new&sort=priority`).
    public var query: String
    public var createdAt: Date

    public init(id: ID, personID: Person.ID, name: String, query: String, createdAt: Date) {
        self.id = id
        self.personID = personID
        self.name = name
        self.query = query
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, personID = "person_id", name, query, createdAt = "created_at"
    }
}
