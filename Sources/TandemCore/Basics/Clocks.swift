import Foundation

/// The system clock, to the millisecond: every database stores such an instant exactly, so a
/// value read back equals the value written.
public struct SystemClock: Clock {
    public init() {}
    public func now() -> Date {
        Date(timeIntervalSince1970: (Date().timeIntervalSince1970 * 1000).rounded(.down) / 1000)
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
