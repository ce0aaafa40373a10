import Foundation
import TandemCore
import Vapor

/// The API's JSON: ISO 8601 times with milliseconds. Keys are spelled snake_case by the types'
/// own `CodingKeys` (a key strategy would run for every key of every value).
enum JSONCoders {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]  // NB: without sorting, key order varies per response
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date))
        }
        return encoder
    }()

    /// Request bodies declare their own snake_case `CodingKeys`, so no key strategy here.
    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = Timestamp.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected an ISO 8601 time")
            }
            return date
        }
        return decoder
    }()
}

/// ISO 8601 times, e.g. `2026-11-30T08:15:00.123Z`.
enum Timestamp {
    /// Written by hand: it runs for every time of every value shown, and the format styles cost
    /// several microseconds each.
    static func format(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var seconds = time_t((milliseconds - ((milliseconds % 1000) + 1000) % 1000) / 1000)
        let fraction = Int((milliseconds % 1000 + 1000) % 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let millis = fraction < 10 ? "00\(fraction)" : fraction < 100 ? "0\(fraction)" : "\(fraction)"
        return
            "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)).\(millis)Z"
    }

    static func parse(_ text: String) -> Date? {
        (try? Date(text, strategy: .iso8601.year().month().day().time(includingFractionalSeconds: true)))
            ?? (try? Date(text, strategy: .iso8601))
    }
}

/// A JSON request body that rejects fields it does not know: a typo must not be ignored.
protocol StrictBody: Decodable {
    associatedtype CodingKeys: CodingKey & CaseIterable
}

extension StrictBody {
    /// The body's field names, the only ones it takes.
    static var fieldNames: [String] { CodingKeys.allCases.map(\.stringValue) }
}

/// The largest JSON body the API reads (attachments stream and have their own limit).
let maxJSONBodyBytes = 1024 * 1024

extension Request {
    /// Decodes a strict JSON body: unknown fields, invalid JSON and wrong types are 4xx errors
    /// naming the field.
    func decodeBody<Body: StrictBody>(_ type: Body.Type) throws -> Body {
        guard let buffer = body.data, buffer.readableBytes > 0 else {
            throw Abort(.badRequest, reason: "a JSON body is required")
        }
        guard buffer.readableBytes <= maxJSONBodyBytes else {
            throw Abort(.payloadTooLarge, reason: "the body is larger than \(maxJSONBodyBytes) bytes")
        }
        // A body without a type is accepted from API clients with a token; with a session cookie
        // it must say JSON, which a page of another site cannot send without the browser asking first.
        let signedInByCookie = headers.bearerAuthorization == nil && cookies[SessionCookie.name] != nil
        if let contentType = headers.contentType, contentType != .json {
            throw Abort(.unsupportedMediaType, reason: "send the body as application/json")
        } else if headers.contentType == nil && signedInByCookie {
            throw Abort(
                .unsupportedMediaType, reason: "send the body as application/json (Content-Type) when signed in with a session cookie")
        }
        let data = Data(buffer.readableBytesView)
        guard let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "the body is not valid JSON"))
        }
        guard let fields = object as? [String: Any] else {
            throw Abort(.badRequest, reason: "the body must be a JSON object")
        }
        let known = Set(Body.fieldNames)
        if let unknown = fields.keys.sorted().first(where: { !known.contains($0) }) {
            throw TandemError.invalid(unknown, "unknown field '\(unknown)'")
        }
        return try JSONCoders.decoder.decode(Body.self, from: data)
    }
}
