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

/// Identifiers that begin with the millisecond they were made (UUID version 7, RFC 9562), the
/// rest random: a new row lands at the end of every index over such ids instead of at a random
/// place in it. (At a million needs, each raised need's fifteen notifications with random ids
/// wrote thirty random index pages; the writer spent half its time on them.)
public struct TimeOrderedIDGenerator: IDGenerator {
    private let clock: @Sendable () -> Date

    public init(clock: @escaping @Sendable () -> Date = Date.init) {
        self.clock = clock
    }

    public func make() -> UUID {
        let milliseconds = UInt64(max(0, clock().timeIntervalSince1970 * 1000))
        var bytes = UUID().uuid  // random, with the variant bits of RFC 9562 set
        bytes.0 = UInt8(truncatingIfNeeded: milliseconds >> 40)
        bytes.1 = UInt8(truncatingIfNeeded: milliseconds >> 32)
        bytes.2 = UInt8(truncatingIfNeeded: milliseconds >> 24)
        bytes.3 = UInt8(truncatingIfNeeded: milliseconds >> 16)
        bytes.4 = UInt8(truncatingIfNeeded: milliseconds >> 8)
        bytes.5 = UInt8(truncatingIfNeeded: milliseconds)
        bytes.6 = 0x70 | (bytes.6 & 0x0F)
        return UUID(uuid: bytes)
    }
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
