import Foundation

extension UUID {
    /// This id mixed with another (byte by byte, XOR): the same two always give the same id. Names
    /// an occasion of a notification (a round of one survey, one invitation of a reminder round),
    /// so that each person hears of it once.
    public func mixed(with other: UUID) -> UUID {
        var bytes = uuid
        withUnsafeMutableBytes(of: &bytes) { mine in
            withUnsafeBytes(of: other.uuid) { theirs in
                for index in 0..<16 { mine[index] ^= theirs[index] }
            }
        }
        return UUID(uuid: bytes)
    }

    /// An id standing for a number (in its last eight bytes): to mix a round number into an occasion.
    public init(number: Int) {
        var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &bytes) { target in
            withUnsafeBytes(of: UInt64(truncatingIfNeeded: number).bigEndian) { source in
                for index in 0..<8 { target[8 + index] = source[index] }
            }
        }
        self.init(uuid: bytes)
    }
}
