import Foundation
import TandemCore
import Vapor

/// The search page (`/search`): ranked results with their marked title and passage, filtered
/// by status, kind and providing department, paged by offset.
struct SearchPages: RouteCollection {
    static let parameters: Set<String> = ["q", "status", "kind", "provider", "offset"]
    static let pageSize = 20

    func boot(routes: any RoutesBuilder) throws {
        routes.get("search", use: show)
        routes.get("search", "export.csv", use: export)
    }

    /// The search the page's query asks for: its text, filters and offset.
    static func read(_ values: [String: [String]]) throws -> (text: String, filters: NeedQuery, offset: Int) {
        for name in values.keys where !Self.parameters.contains(name) {
            throw TandemError.invalid(name, "unknown query parameter '\(name)'")
        }
        var filters = NeedQuery()
        filters.statuses = Set(try (values["status"] ?? []).filter { !$0.isEmpty }.map { try Self.parse($0, NeedStatus.self, "status") })
        filters.kinds = Set(try (values["kind"] ?? []).filter { !$0.isEmpty }.map { try Self.parse($0, NeedKind.self, "kind") })
        if let provider = values["provider"]?.first, !provider.isEmpty {
            guard let id = Department.ID(provider) else {
                throw TandemError.invalid("provider", "provider is not a valid id", .unknownRecord)
            }
            filters.providingDepartmentID = id
        }
        var offset = 0
        if let given = values["offset"]?.first, !given.isEmpty {
            guard let number = Int(given) else { throw TandemError.invalid("offset", "offset must be a whole number", .notANumber) }
            offset = number
        }
        return (values["q"]?.first ?? "", filters, offset)
    }

    /// Every need the page's search finds, as CSV.
    func export(_ request: Request) async throws -> Response {
        let (text, filters, _) = try Self.read(QueuePage.queryValues(request))
        return try await SearchCSVExport.response(NeedSearch(text: text, filters: filters), request)
    }

    func show(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let values = QueuePage.queryValues(request)
        var text = values["q"]?.first ?? ""
        var filters = NeedQuery()
        var errors = FieldErrors()
        var page: NeedSearchPage?
        var offset = 0
        do {
            (text, filters, offset) = try Self.read(values)
            if !text.trimmingCharacters(in: .whitespaces).isEmpty {
                page = try await request.tandem.search.search(
                    NeedSearch(text: text, filters: filters, limit: Self.pageSize, offset: offset), for: actor)
            }
        } catch let error as TandemError where error.isAboutInput {
            errors = FieldErrors(error, request)
        }
        let directory = try await PageDirectory.load(request, people: page?.hits.map(\.need.requesterID) ?? [])
        let context = SearchPageContext(
            request, text: text, filters: filters, offset: offset, page: page, directory: directory, values: values, errors: errors)
        return try await request.page("search", context, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    static func parse<Value: RawRepresentable>(_ raw: String, _ type: Value.Type, _ name: String) throws -> Value
    where Value.RawValue == String {
        guard let value = Value(rawValue: raw) else {
            throw TandemError.invalid(name, "\(name) has an unknown value '\(raw)'", .notAnOption)
        }
        return value
    }
}
