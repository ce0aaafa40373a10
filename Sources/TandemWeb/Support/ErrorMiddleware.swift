import Foundation
import TandemCore
import Vapor

/// The one JSON error shape: `{"error": {"code": "…", "message": "…", "field": "…", "reason": "…",
/// "fields": [{"field": "…", "message": "…", "reason": "…"}]}}`. `fields` lists every invalid
/// field of the input (the first is also in `field`); `reason` is a stable word for why.
struct ErrorBody: Content {
    struct Detail: Content {
        var code: String
        var message: String
        var field: String?
        var reason: String?
        var fields: [FieldDetail]?
    }
    struct FieldDetail: Content {
        var field: String
        var message: String
        var reason: String?
    }
    var error: Detail
}

/// Renders every error as the one JSON shape with the right status. Core errors map here and
/// nowhere else; an unexpected error is logged and answered without internals.
struct TandemErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let (status, detail) = Self.describe(error)
            if status == .internalServerError {
                request.logger.error("unexpected error: \(String(reflecting: error))")
            }
            if PageErrors.isPage(request) {
                return await PageErrors.respond(status: status, detail: detail, request)
            }
            let response = Response(status: status)
            try response.content.encode(ErrorBody(error: detail), using: JSONCoders.encoder)
            if status == .tooManyRequests {
                response.headers.replaceOrAdd(name: .retryAfter, value: (error as? TandemError)?.reasonArguments.first ?? "60")
            }
            if status == .serviceUnavailable { response.headers.replaceOrAdd(name: .retryAfter, value: "5") }
            return response
        }
    }

    static func describe(_ error: any Error) -> (HTTPResponseStatus, ErrorBody.Detail) {
        switch error {
        case let error as TandemError:
            let fields = error.allFields.compactMap { one in
                one.field.map { ErrorBody.FieldDetail(field: $0, message: one.message, reason: one.reason?.rawValue) }
            }
            return (
                status(of: error.code),
                .init(
                    code: error.code.rawValue, message: error.message, field: error.field,
                    reason: error.reason?.rawValue, fields: fields.isEmpty ? nil : fields)
            )
        case let error as DecodingError:
            return (.badRequest, describe(decoding: error))
        case let error as any AbortError:
            let code: String
            switch error.status {
            case .notFound: code = "not_found"
            case .payloadTooLarge: code = "payload_too_large"
            case .unsupportedMediaType: code = "unsupported_media_type"
            case .methodNotAllowed: code = "method_not_allowed"
            case .unauthorized: code = "unauthenticated"
            default: code = error.status.code < 500 ? "invalid_input" : "internal_error"
            }
            return (error.status, .init(code: code, message: error.reason, field: nil))
        default:
            return (.internalServerError, .init(code: "internal_error", message: "something went wrong on our side", field: nil))
        }
    }

    static func status(of code: TandemError.Code) -> HTTPResponseStatus {
        switch code {
        case .invalidInput: return .unprocessableEntity
        case .notFound: return .notFound
        case .forbidden: return .forbidden
        case .unauthenticated: return .unauthorized
        case .conflict, .invalidTransition: return .conflict
        case .tooManyRequests: return .tooManyRequests
        case .unavailable: return .serviceUnavailable
        default: return .badRequest
        }
    }

    /// Names the field a JSON body got wrong, in the API's snake_case path (`form.budget`).
    static func describe(decoding error: DecodingError) -> ErrorBody.Detail {
        func path(_ keys: [any CodingKey]) -> String? {
            let parts = keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            guard !parts.isEmpty else { return nil }
            return parts.enumerated().map { index, part in index == 0 || part.hasPrefix("[") ? part : ".\(part)" }.joined()
        }
        switch error {
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath + [key])
            return .init(code: "invalid_input", message: "\(field ?? key.stringValue) is required", field: field)
        case .typeMismatch(let type, let context):
            let field = path(context.codingPath)
            return .init(
                code: "invalid_input", message: "\(field ?? "body") has the wrong type (expected \(Self.name(of: type)))", field: field)
        case .valueNotFound(_, let context):
            let field = path(context.codingPath)
            return .init(code: "invalid_input", message: "\(field ?? "body") must not be null", field: field)
        case .dataCorrupted(let context):
            let field = path(context.codingPath)
            let message = field == nil ? "the body is not valid JSON" : "\(field!) is not valid: \(context.debugDescription)"
            return .init(code: "invalid_input", message: message, field: field)
        @unknown default:
            return .init(code: "invalid_input", message: "the body could not be read", field: nil)
        }
    }

    private static func name(of type: Any.Type) -> String {
        switch type {
        case is String.Type: return "string"
        case is Bool.Type: return "boolean"
        case is Int.Type, is Double.Type, is Decimal.Type: return "number"
        case is [Any].Type: return "array"
        default: return "object"
        }
    }
}
