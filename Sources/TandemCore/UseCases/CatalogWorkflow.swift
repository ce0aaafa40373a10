import Foundation

/// What a manager submits to create or change a catalog offering.
public struct OfferingInput: Sendable {
    public var providerID: Department.ID?
    public var name: String?
    public var kind: NeedKind?
    public var description: String?
    public var audience: OfferingAudience?
    public var defaultAssigneeIDs: [Person.ID]?
    public var formFields: [FormField]?
    public var confidentialByDefault: Bool?
    public var isActive: Bool?

    public init(
        providerID: Department.ID? = nil, name: String? = nil, kind: NeedKind? = nil, description: String? = nil,
        audience: OfferingAudience? = nil, defaultAssigneeIDs: [Person.ID]? = nil, formFields: [FormField]? = nil,
        confidentialByDefault: Bool? = nil, isActive: Bool? = nil
    ) {
        self.providerID = providerID
        self.name = name
        self.kind = kind
        self.description = description
        self.audience = audience
        self.defaultAssigneeIDs = defaultAssigneeIDs
        self.formFields = formFields
        self.confidentialByDefault = confidentialByDefault
        self.isActive = isActive
    }
}

/// The use cases on service catalogs (服务目录). Catalogs are published inside the company:
/// everyone reads them; a department's managers and administrators change them.
public struct CatalogWorkflow: Sendable {
    public let catalog: any CatalogStore
    public let organisation: any OrganisationStore
    public let clock: any Clock
    public let ids: any IDGenerator

    public init(catalog: any CatalogStore, organisation: any OrganisationStore, clock: any Clock, ids: any IDGenerator) {
        self.catalog = catalog
        self.organisation = organisation
        self.clock = clock
        self.ids = ids
    }

    public func offerings(provider: Department.ID?, for actor: Person) async throws -> [ServiceOffering] {
        try await catalog.offerings(provider: provider)
    }

    /// The active offerings of a provider that are open to the actor's department: what they may request.
    public func requestable(provider: Department.ID, for actor: Person) async throws -> [ServiceOffering] {
        try await catalog.offerings(provider: provider).filter { Self.isRequestable($0, by: actor) }
    }

    /// One offering the actor may request; any other is "not found".
    public func requestableOffering(_ id: ServiceOffering.ID, for actor: Person) async throws -> ServiceOffering {
        guard let offering = try await catalog.offering(id), Self.isRequestable(offering, by: actor) else {
            throw TandemError.notFound("offering")
        }
        return offering
    }

    static func isRequestable(_ offering: ServiceOffering, by actor: Person) -> Bool {
        offering.isActive && offering.audience.admits(actor.departmentID)
    }

    public func offering(_ id: ServiceOffering.ID, for actor: Person) async throws -> ServiceOffering {
        guard let offering = try await catalog.offering(id) else { throw TandemError.notFound("offering") }
        return offering
    }

    public func create(_ input: OfferingInput, by actor: Person) async throws -> ServiceOffering {
        guard let providerID = input.providerID else { throw TandemError.invalid("provider_id", "provider_id is required", .required) }
        guard AccessPolicy.canManageCatalog(of: providerID, actor) else {
            throw TandemError.forbidden("only the department's managers change its catalog")
        }
        guard let provider = try await organisation.department(providerID), provider.isProvider else {
            throw TandemError.invalid("provider_id", "no providing department has this id", .unknownRecord)
        }
        guard let kind = input.kind else { throw TandemError.invalid("kind", "kind is required", .required) }
        var offering = ServiceOffering(
            id: ids.next(), providerID: providerID, name: "", kind: kind, description: "", audience: .everyone,
            defaultAssigneeIDs: [], formFields: [], confidentialByDefault: false, createdAt: clock.now())
        try await apply(input, to: &offering, requireName: true)
        try await catalog.insert(offering)
        return offering
    }

    public func update(_ id: ServiceOffering.ID, _ input: OfferingInput, by actor: Person) async throws -> ServiceOffering {
        var offering = try await offering(id, for: actor)
        guard AccessPolicy.canManageCatalog(of: offering.providerID, actor) else {
            throw TandemError.forbidden("only the department's managers change its catalog")
        }
        if let provider = input.providerID, provider != offering.providerID {
            throw TandemError.invalid("provider_id", "an offering cannot move to another department")
        }
        if let kind = input.kind { offering.kind = kind }
        try await apply(input, to: &offering, requireName: false)
        try await catalog.update(offering)
        return offering
    }

    private func apply(_ input: OfferingInput, to offering: inout ServiceOffering, requireName: Bool) async throws {
        var problems = InputProblems()
        if requireName || input.name != nil {
            offering.name = try problems.check { try Validate.requiredText(input.name ?? "", field: "name", max: 200) } ?? ""
        }
        if let description = input.description {
            offering.description =
                try problems.check { try Validate.optionalText(description, field: "description", max: 10_000) ?? "" } ?? ""
        }
        if let fields = input.formFields {
            if fields.count > 50 { problems.add(.invalid("form_fields", "at most 50 form fields")) }
            _ = try problems.check { try FormField.validateDefinition(fields) }
            offering.formFields = fields
        }
        try problems.throwIfAny()
        if let audience = input.audience {
            if case .departments(let listed) = audience {
                guard !listed.isEmpty else {
                    throw TandemError.invalid("audience", "list at least one department, or open it to everyone", .required)
                }
                let known = Set(try await organisation.departments().map(\.id))
                guard listed.isSubset(of: known) else { throw TandemError.invalid("audience", "the audience names an unknown department") }
            }
            offering.audience = audience
        }
        if let assignees = input.defaultAssigneeIDs {
            let people = try await organisation.people(assignees)
            for id in assignees {
                guard let person = people.first(where: { $0.id == id }), AccessPolicy.worksFor(offering.providerID, person)
                else { throw TandemError.invalid("default_assignee_ids", "\(id) is not an agent of the providing department") }
            }
            offering.defaultAssigneeIDs = assignees
        }
        if let confidential = input.confidentialByDefault { offering.confidentialByDefault = confidential }
        if let active = input.isActive { offering.isActive = active }
    }
}
