import Crypto

extension Sequence where Element == UInt8 {
    /// Lower-case hexadecimal, two digits a byte (without `String(format:)`, which is slow).
    public var hexadecimal: String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        for byte in self {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
