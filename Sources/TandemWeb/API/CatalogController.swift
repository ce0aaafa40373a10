import Foundation
import TandemCore
import Vapor

/// The service catalogs of the providing departments.
struct CatalogController: RouteCollection {
    struct OfferingBody: StrictBody {
        var providerID: Department.ID?
        var name: String?
        var kind: NeedKind?
        var description: String?
        var audience: OfferingAudience?
        var defaultAssigneeIDs: [Person.ID]?
        var formFields: [FormField]?
        var confidentialByDefault: Bool?
        var isActive: Bool?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case providerID = "provider_id", name, kind, description, audience
            case defaultAssigneeIDs = "default_assignee_ids", formFields = "form_fields"
            case confidentialByDefault = "confidential_by_default", isActive = "is_active"
        }

        var input: OfferingInput {
            OfferingInput(
                providerID: providerID, name: name, kind: kind, description: description, audience: audience,
                defaultAssigneeIDs: defaultAssigneeIDs, formFields: formFields,
                confidentialByDefault: confidentialByDefault, isActive: isActive)
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        let offerings = routes.grouped("offerings")
        offerings.get(use: list)
        offerings.post(use: create)
        offerings.get(":offeringID", use: offering)
        offerings.patch(":offeringID", use: update)
    }

    func list(_ request: Request) async throws -> Response {
        let query = try QueryParameters(request, allowed: ["provider_id"])
        let provider: Department.ID? = try query.id("provider_id")
        return try json(ItemList(items: try await request.tandem.catalog.offerings(provider: provider, for: request.actor())))
    }

    func create(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let body = try request.decodeBody(OfferingBody.self)
        return try json(try await request.tandem.catalog.create(body.input, by: actor), status: .created)
    }

    func offering(_ request: Request) async throws -> Response {
        try json(try await request.tandem.catalog.offering(request.id("offeringID", "offering"), for: request.actor()))
    }

    func update(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let id: ServiceOffering.ID = try request.id("offeringID", "offering")
        let body = try request.decodeBody(OfferingBody.self)
        return try json(try await request.tandem.catalog.update(id, body.input, by: actor))
    }
}
