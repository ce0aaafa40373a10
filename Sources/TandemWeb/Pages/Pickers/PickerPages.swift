import Foundation
import TandemCore
import Vapor

/// What the type-ahead pickers of the pages ask as a person types (`Public/js/picker.js`): a few
/// people or departments matching the text, each with what tells them apart.
struct PickerPages: RouteCollection {
    /// One suggestion: the value the form sends, the name shown, and a detail (login and
    /// department, or code).
    struct Item: Content {
        var value: String
        var label: String
        var detail: String
    }

    struct Items: Content {
        var items: [Item]
    }

    /// Suggestions per answer unless the picker asks fewer.
    static let defaultLimit = 8

    func boot(routes: any RoutesBuilder) throws {
        let pickers = routes.grouped("pickers")
        pickers.get("people", use: people)
        pickers.get("departments", use: departments)
    }

    /// `q`: the text; `department`: only its people; `serving=1`: only agents and managers (those a
    /// need may be assigned to); `limit`.
    func people(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let query = try QueryParameters(request, allowed: ["q", "department", "serving", "limit"])
        let filter = PeopleFilter(department: try query.id("department"), servingOnly: query.string("serving") == "1")
        let found = try await request.tandem.organisation.findPeople(
            query.string("q") ?? "", among: filter, limit: try query.int("limit") ?? Self.defaultLimit, for: actor)
        let directory = try await PageDirectory.load(request, people: [])
        return try json(Items(items: found.map { Self.item($0, directory) }))
    }

    /// `q`: the text; `providers=1`: only departments that provide services; `limit`.
    func departments(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let query = try QueryParameters(request, allowed: ["q", "providers", "limit"])
        let found = try await request.tandem.organisation.findDepartments(
            query.string("q") ?? "", providersOnly: query.string("providers") == "1", limit: try query.int("limit") ?? Self.defaultLimit,
            for: actor)
        return try json(Items(items: found.map { Item(value: $0.id.description, label: $0.name, detail: $0.code) }))
    }

    static func item(_ person: Person, _ directory: PageDirectory) -> Item {
        Item(
            value: person.id.description, label: person.displayName,
            detail: "\(person.login) · \(directory.departmentName(person.departmentID))")
    }
}
