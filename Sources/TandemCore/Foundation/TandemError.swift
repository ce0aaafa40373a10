import Foundation

/// The one error type the core throws. It knows nothing about HTTP: the web layer maps each
/// code to a status in one place.
public struct TandemError: Error, Equatable, Sendable, CustomStringConvertible {
    public struct Code: RawRepresentable, Hashable, Sendable, Codable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// Bad input: a field is missing, of the wrong shape or out of range.
        public static let invalidInput = Code(rawValue: "invalid_input")
        /// The record does not exist, or the actor may not see it (the two are told apart nowhere).
        public static let notFound = Code(rawValue: "not_found")
        /// The actor may see the record but not do this to it.
        public static let forbidden = Code(rawValue: "forbidden")
        /// No valid session or token.
        public static let unauthenticated = Code(rawValue: "unauthenticated")
        /// The record changed since it was read, or a unique value is taken.
        public static let conflict = Code(rawValue: "conflict")
        /// The lifecycle does not allow this transition from the current status.
        public static let invalidTransition = Code(rawValue: "invalid_transition")
        /// Too many attempts; try again later.
        public static let tooManyRequests = Code(rawValue: "too_many_requests")
        /// A dependency (the database) is not reachable.
        public static let unavailable = Code(rawValue: "unavailable")
    }

    public var code: Code
    public var message: String
    /// The input field the error is about, in the API's spelling (`title`, `form.budget`).
    public var field: String?

    public init(_ code: Code, _ message: String, field: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
    }

    public var description: String {
        field.map { "\(code.rawValue) (\($0)): \(message)" } ?? "\(code.rawValue): \(message)"
    }

    public static func invalid(_ field: String, _ message: String) -> TandemError {
        TandemError(.invalidInput, message, field: field)
    }

    public static func notFound(_ what: String) -> TandemError {
        TandemError(.notFound, "\(what) not found")
    }

    public static func forbidden(_ message: String) -> TandemError {
        TandemError(.forbidden, message)
    }
}
