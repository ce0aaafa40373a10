import Foundation

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
