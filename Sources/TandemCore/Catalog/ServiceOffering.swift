import Foundation

/// Who may request an offering.
public enum OfferingAudience: Hashable, Sendable, Codable {
    /// Every department of the company.
    case everyone
    /// Only the listed departments.
    case departments(Set<Department.ID>)

    /// Encoded as the string `"everyone"` or as the list of department ids.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let ids = try? container.decode([Department.ID].self) {
            self = .departments(Set(ids))
        } else if try container.decode(String.self) == "everyone" {
            self = .everyone
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected \"everyone\" or a list of department ids")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .everyone: try container.encode("everyone")
        case .departments(let ids): try container.encode(ids.sorted())
        }
    }

    public func admits(_ department: Department.ID) -> Bool {
        switch self {
        case .everyone: return true
        case .departments(let allowed): return allowed.contains(department)
        }
    }
}

/// An entry of a provider department's service catalog (服务目录): what it offers, to whom, with
/// which form. (`Service` would clash with Vapor, hence `ServiceOffering`.)
public struct ServiceOffering: Hashable, Sendable, Codable, Identifiable {
    public typealias ID = Identifier<ServiceOffering>

    public var id: ID
    public var providerID: Department.ID
    public var name: String
    public var kind: NeedKind
    public var description: String
    public var audience: OfferingAudience
    /// The people a new need for this offering is assigned to, if any (the default assignee group).
    public var defaultAssigneeIDs: [Person.ID]
    public var formFields: [FormField]
    public var confidentialByDefault: Bool
    public var isActive: Bool
    public var createdAt: Date

    public init(
        id: ID, providerID: Department.ID, name: String, kind: NeedKind, description: String,
        audience: OfferingAudience, defaultAssigneeIDs: [Person.ID], formFields: [FormField],
        confidentialByDefault: Bool, isActive: Bool = true, createdAt: Date
    ) {
        self.id = id
        self.providerID = providerID
        self.name = name
        self.kind = kind
        self.description = description
        self.audience = audience
        self.defaultAssigneeIDs = defaultAssigneeIDs
        self.formFields = formFields
        self.confidentialByDefault = confidentialByDefault
        self.isActive = isActive
        self.createdAt = createdAt
    }

    /// The JSON spelling (snake_case), written out so that no key conversion runs per value.
    enum CodingKeys: String, CodingKey {
        case id, providerID = "provider_id", name, kind, description, audience
        case defaultAssigneeIDs = "default_assignee_ids", formFields = "form_fields"
        case confidentialByDefault = "confidential_by_default", isActive = "is_active", createdAt = "created_at"
    }
}
