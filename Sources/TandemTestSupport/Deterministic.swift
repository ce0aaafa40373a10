import Foundation
import NIOConcurrencyHelpers
import TandemCore

/// A clock that stands still until told to move.
public final class FixedClock: TandemCore.Clock, @unchecked Sendable {
    // NB: @unchecked because the date is guarded by the lock.
    private let lock = NIOLock()
    private var current: Date

    public init(_ date: Date = Date(timeIntervalSince1970: 1_795_000_000)) { current = date }

    public func now() -> Date { lock.withLock { current } }

    public func advance(by seconds: TimeInterval) { lock.withLock { current = current.addingTimeInterval(seconds) } }
}

/// Ids 00000000-0000-0000-0000-000000000001, …02, … in order.
public final class SequentialIDs: IDGenerator, @unchecked Sendable {
    private let lock = NIOLock()
    private var counter: UInt64 = 0

    public init() {}

    public func make() -> UUID {
        let value = lock.withLock { () -> UInt64 in
            counter += 1
            return counter
        }
        return UUID(uuidString: String(format: "00000000-0000-0000-0000-%012llX", value))!
    }
}
