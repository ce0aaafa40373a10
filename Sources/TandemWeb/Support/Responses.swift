import Foundation
import TandemCore
import Vapor

/// Encodes any value with the API's JSON coders and a status.
func json<Value: Encodable>(_ value: Value, status: HTTPResponseStatus = .ok) throws -> Response {
    let response = Response(status: status)
    try response.content.encode(value, using: JSONCoders.encoder)
    return response
}

/// A list wrapped in `{"items": [...]}` so that it can grow paging fields.
struct ItemList<Item: Encodable>: Encodable {
    var items: [Item]
}

/// A need as the API shows it: its fields plus the actions the reader may take now.
struct NeedResponse: Encodable {
    var need: Need
    var availableActions: [NeedAction]

    init(_ need: Need, for actor: Person) {
        self.need = need
        self.availableActions = AccessPolicy.availableActions(on: need, actor)
    }

    enum CodingKeys: String, CodingKey { case availableActions = "available_actions" }

    func encode(to encoder: any Encoder) throws {
        try need.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(availableActions, forKey: .availableActions)
    }
}

struct NeedPageResponse: Encodable {
    var items: [NeedResponse]
    var nextCursor: String?
    enum CodingKeys: String, CodingKey { case items, nextCursor = "next_cursor" }
}
