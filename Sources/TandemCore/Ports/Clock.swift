import Foundation

/// The source of "now" for the core; tests use a fixed clock.
public protocol Clock: Sendable {
    func now() -> Date
}
