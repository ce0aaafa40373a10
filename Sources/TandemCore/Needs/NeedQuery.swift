import Foundation

/// A filtered, sorted, paginated list request over needs.
public struct NeedQuery: Hashable, Sendable {
    public enum Sort: String, Hashable, Sendable, CaseIterable {
        /// Newest first.
        case newest
        /// Oldest first.
        case oldest
        /// Most recently changed first.
        case updated
        /// P1 first, then oldest first.
        case priority
        /// Earliest desired date first; needs without one last.
        case desiredDate = "desired_date"
        /// Earliest resolution due time first (the service level's); needs without a running
        /// resolution clock last.
        case due
    }

    public var statuses: Set<NeedStatus> = []
    public var kinds: Set<NeedKind> = []
    public var priorities: Set<Priority> = []
    public var requestingDepartmentID: Department.ID?
    public var providingDepartmentID: Department.ID?
    public var requesterID: Person.ID?
    public var assigneeID: Person.ID?
    public var createdFrom: Date?
    public var createdBefore: Date?
    /// Case-insensitive substring of the title or description.
    public var textContains: String?
    public var sort: Sort = .newest
    public var limit: Int = 50
    public var cursor: NeedCursor?

    public init() {}

    public static let maxLimit = 200

    /// Checks ranges; the web layer has already parsed the types.
    public func validated() throws -> NeedQuery {
        guard (1...Self.maxLimit).contains(limit) else {
            throw TandemError.invalid("limit", "limit must be between 1 and \(Self.maxLimit)", .outOfRange, "1", String(Self.maxLimit))
        }
        if let from = createdFrom, let before = createdBefore, from >= before {
            throw TandemError.invalid("created_from", "created_from must be before created_before")
        }
        var copy = self
        copy.textContains = try Validate.optionalText(textContains, field: "q", max: 200)
        if let cursor, cursor.sort != sort {
            throw TandemError.invalid("cursor", "the cursor belongs to another sort order")
        }
        return copy
    }
}

/// An opaque position in a sorted list: the sort key values of the last row seen and its id.
public struct NeedCursor: Hashable, Sendable, Codable {
    public var sort: NeedQuery.Sort
    public var keys: [String]
    public var id: Need.ID

    public init(sort: NeedQuery.Sort, keys: [String], id: Need.ID) {
        self.sort = sort
        self.keys = keys
        self.id = id
    }

    enum CodingKeys: String, CodingKey { case sort = "s", keys = "k", id = "i" }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let sortName = try container.decode(String.self, forKey: .sort)
        guard let sort = NeedQuery.Sort(rawValue: sortName) else {
            throw DecodingError.dataCorruptedError(forKey: .sort, in: container, debugDescription: "unknown sort")
        }
        self.sort = sort
        self.keys = try container.decode([String].self, forKey: .keys)
        self.id = try container.decode(Need.ID.self, forKey: .id)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sort.rawValue, forKey: .sort)
        try container.encode(keys, forKey: .keys)
        try container.encode(id, forKey: .id)
    }

    /// The URL-safe text form handed to clients.
    public var token: String {
        ((try? JSONEncoder().encode(self)) ?? Data()).base64URLEncoded
    }

    /// Parses `token`; a tampered or foreign token is an input error on `cursor`.
    public init(token: String) throws {
        guard token.count <= 1000, let data = Data(base64URLEncoded: token),
            let cursor = try? JSONDecoder().decode(NeedCursor.self, from: data)
        else { throw TandemError.invalid("cursor", "cursor is not valid") }
        self = cursor
    }
}

/// One page of a need list.
public struct NeedPage: Sendable {
    public var needs: [Need]
    /// Where the next page starts; `nil` on the last page.
    public var nextCursor: NeedCursor?
    /// The stored service-level deadlines of the listed needs that have a running clock.
    public var deadlines: [Need.ID: ServiceLevelDeadlines]

    public init(needs: [Need], nextCursor: NeedCursor?, deadlines: [Need.ID: ServiceLevelDeadlines] = [:]) {
        self.needs = needs
        self.nextCursor = nextCursor
        self.deadlines = deadlines
    }
}

/// How many records a list holds (needs, unread notifications), exactly or "at least" when
/// counting stopped at a cap.
public enum CappedCount: Hashable, Sendable {
    case exactly(Int)
    case atLeast(Int)

    public var value: Int {
        switch self {
        case .exactly(let count), .atLeast(let count): return count
        }
    }
}
