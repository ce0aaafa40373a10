import Foundation
import TandemCore
import Vapor

/// Full-text search over needs, and the duplicate hints of the raise form.
struct SearchController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("search", use: search)
        routes.get("search", "similar", use: similar)
        routes.get("search", "export.csv", use: export)
    }

    /// Every need the search finds, as CSV (no row cap; `limit` and `offset` do not apply).
    func export(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let parameters = try QueryParameters(request, allowed: NeedController.filterParameters.union(["q"]))
        return try await SearchCSVExport.response(
            NeedSearch(text: parameters.string("q") ?? "", filters: try NeedController.filters(parameters, actor: actor)), request)
    }

    static let searchParameters = NeedController.filterParameters.union(["q", "limit", "offset"])

    func search(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let parameters = try QueryParameters(request, allowed: Self.searchParameters)
        let search = NeedSearch(
            text: parameters.string("q") ?? "", filters: try NeedController.filters(parameters, actor: actor),
            limit: try parameters.int("limit") ?? 20, offset: try parameters.int("offset") ?? 0)
        let page = try await request.tandem.search.search(search, for: actor)
        return try json(SearchPageResponse(page, for: actor))
    }

    func similar(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let parameters = try QueryParameters(request, allowed: ["title", "providing_department_id"])
        guard let provider: Department.ID = try parameters.id("providing_department_id") else {
            throw TandemError.invalid("providing_department_id", "providing_department_id is required", .required)
        }
        let hints = try await request.tandem.search.similarOpenNeeds(
            title: parameters.string("title") ?? "", provider: provider, for: actor)
        return try json(
            ItemList(items: hints.map { SimilarNeedResponse(need: NeedResponse($0.need, for: actor), similarity: $0.similarity) }))
    }
}

/// A page of search results as the API shows it.
struct SearchPageResponse: Encodable {
    struct Hit: Encodable {
        var need: NeedResponse
        var title: [Part]
        var snippet: [Part]?
        var snippetSource: String?
        enum CodingKeys: String, CodingKey { case need, title, snippet, snippetSource = "snippet_source" }
    }

    struct Part: Encodable {
        var text: String
        var match: Bool
    }

    var items: [Hit]
    var total: Int
    var totalIsExact: Bool
    var nextOffset: Int?
    enum CodingKeys: String, CodingKey { case items, total, totalIsExact = "total_is_exact", nextOffset = "next_offset" }

    init(_ page: NeedSearchPage, for actor: Person) {
        let parts = { (text: HighlightedText) in text.parts.map { Part(text: $0.text, match: $0.isMatch) } }
        items = page.hits.map {
            Hit(
                need: NeedResponse($0.need, for: actor), title: parts($0.title), snippet: $0.snippet.map(parts),
                snippetSource: $0.snippetSource?.rawValue)
        }
        total = page.total.value
        if case .exactly = page.total { totalIsExact = true } else { totalIsExact = false }
        nextOffset = page.nextOffset
    }
}

struct SimilarNeedResponse: Encodable {
    var need: NeedResponse
    var similarity: Double
}
