import Foundation
import NIOConcurrencyHelpers
import TandemCore

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
