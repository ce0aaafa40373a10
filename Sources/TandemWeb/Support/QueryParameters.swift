import Foundation
import TandemCore
import Vapor

/// The query string of a list request, read strictly: an unknown parameter or a bad value is
/// an input error naming the parameter. The form token that upload forms carry in their action
/// (`_csrf`, see `UploadGate`) is no parameter of any page and is passed over.
struct QueryParameters {
    private var values: [String: String] = [:]

    init(_ request: Request, allowed: Set<String>) throws {
        let items = URLComponents(string: request.url.string)?.queryItems ?? []
        for item in items where item.name != CSRF.field {
            guard allowed.contains(item.name) else {
                throw TandemError.invalid(item.name, "unknown query parameter '\(item.name)'")
            }
            guard values[item.name] == nil else { throw TandemError.invalid(item.name, "\(item.name) is given twice", .duplicateKey) }
            values[item.name] = item.value ?? ""
        }
    }

    func string(_ name: String) -> String? {
        values[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    func id<Subject>(_ name: String) throws -> Identifier<Subject>? {
        guard let text = string(name) else { return nil }
        guard let id = Identifier<Subject>(text) else { throw TandemError.invalid(name, "\(name) is not a valid id", .unknownRecord) }
        return id
    }

    func int(_ name: String) throws -> Int? {
        guard let text = string(name) else { return nil }
        guard let number = Int(text) else { throw TandemError.invalid(name, "\(name) must be a whole number", .notANumber) }
        return number
    }

    func date(_ name: String) throws -> Date? {
        guard let text = string(name) else { return nil }
        guard let date = Timestamp.parse(text) else { throw TandemError.invalid(name, "\(name) must be an ISO 8601 time", .notADate) }
        return date
    }

    /// A comma-separated list of enum values.
    func set<Value: RawRepresentable & Hashable>(_ name: String, of type: Value.Type) throws -> Set<Value> where Value.RawValue == String {
        guard let text = string(name) else { return [] }
        var result: Set<Value> = []
        for part in text.split(separator: ",") {
            guard let value = Value(rawValue: part.trimmingCharacters(in: .whitespaces)) else {
                throw TandemError.invalid(name, "'\(part)' is not a valid \(name)", .notAnOption)
            }
            result.insert(value)
        }
        return result
    }

    func enumValue<Value: RawRepresentable>(_ name: String, of type: Value.Type) throws -> Value? where Value.RawValue == String {
        guard let text = string(name) else { return nil }
        guard let value = Value(rawValue: text) else { throw TandemError.invalid(name, "'\(text)' is not a valid \(name)", .notAnOption) }
        return value
    }
}
