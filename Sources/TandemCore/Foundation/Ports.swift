import Foundation

/// The source of "now" for the core; tests use a fixed clock.
public protocol Clock: Sendable {
    func now() -> Date
}

/// The system clock, to the millisecond: every database stores such an instant exactly, so a
/// value read back equals the value written.
public struct SystemClock: Clock {
    public init() {}
    public func now() -> Date {
        Date(timeIntervalSince1970: (Date().timeIntervalSince1970 * 1000).rounded(.down) / 1000)
    }
}

/// The source of new identifiers; tests use sequential ones.
public protocol IDGenerator: Sendable {
    func make() -> UUID
}

public struct RandomIDGenerator: IDGenerator {
    public init() {}
    public func make() -> UUID { UUID() }
}

extension IDGenerator {
    public func next<Subject>(_: Subject.Type = Subject.self) -> Identifier<Subject> {
        Identifier(make())
    }
}

/// A clock that shows whatever time it is set to: for tests, and for tools that replay or
/// generate history (the demo company spreads its needs over past months).
public final class ManualClock: Clock, @unchecked Sendable {
    // NB: @unchecked because `current` is guarded by the lock.
    private let lock = NSLock()
    private var current: Date

    public init(_ date: Date) { current = date }

    public func now() -> Date { lock.withLock { current } }

    public func set(_ date: Date) { lock.withLock { current = date } }

    public func advance(by seconds: TimeInterval) { lock.withLock { current = current.addingTimeInterval(seconds) } }
}
