import Foundation

/// Collects the invalid fields of one input, so that they are reported together in one error
/// (the first, with the others in `otherFields`) rather than one per attempt.
public struct InputProblems: Sendable {
    private var errors: [TandemError] = []

    public init() {}

    /// Runs one check: its value, or `nil` after noting an invalid-input error. Any other error
    /// (not found, forbidden, the database) is thrown as is.
    public mutating func check<Value>(_ body: () throws -> Value) rethrows -> Value? {
        do {
            return try body()
        } catch let error as TandemError where error.code == .invalidInput {
            errors.append(contentsOf: error.allFields)
            return nil
        }
    }

    public mutating func add(_ error: TandemError) {
        errors.append(contentsOf: error.allFields)
    }

    /// Throws the collected fields as one error, if there are any.
    public func throwIfAny() throws {
        guard var first = errors.first else { return }
        first.otherFields = Array(errors.dropFirst())
        throw first
    }
}
