import Foundation

/// An IPv4 or IPv6 address as its bytes (4 or 16), parsed from text without asking the system.
public struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    public let bytes: [UInt8]

    public init?(bytes: [UInt8]) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// Dotted IPv4 (`10.0.0.1`) or IPv6 (`::1`, `fe80::1%eth0`, `[::1]`, `::ffff:127.0.0.1`).
    public init?(_ text: String) {
        var text = text
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        if let percent = text.firstIndex(of: "%") { text = String(text[..<percent]) }
        if let v4 = Self.ipv4(text) {
            bytes = v4
        } else if let v6 = Self.ipv6(text) {
            bytes = v6
        } else {
            return nil
        }
    }

    /// An IPv4 address in any form the C resolver accepts (`127.1`, `0x7f.0.0.1`, `2130706433`,
    /// `0177.0.0.1`): what a URL's host may mean though it does not look like an address.
    public init?(looseIPv4 text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...4).contains(parts.count) else { return nil }
        var numbers: [UInt64] = []
        for part in parts {
            let lowered = part.lowercased()
            let value: UInt64?
            if lowered.hasPrefix("0x") {
                value = lowered.count > 2 ? UInt64(lowered.dropFirst(2), radix: 16) : 0
            } else if lowered.count > 1, lowered.hasPrefix("0") {
                value = UInt64(lowered.dropFirst(), radix: 8)
            } else {
                value = UInt64(lowered, radix: 10)
            }
            guard let value else { return nil }
            numbers.append(value)
        }
        let head = numbers.dropLast()
        guard head.allSatisfy({ $0 <= 255 }), let last = numbers.last, last < (UInt64(1) << (8 * (5 - numbers.count))) else { return nil }
        var bytes = head.map { UInt8($0) }
        for shift in stride(from: 8 * (4 - numbers.count), through: 0, by: -8) { bytes.append(UInt8((last >> UInt64(shift)) & 0xFF)) }
        self.bytes = bytes
    }

    public var description: String {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        return stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }.joined(
            separator: ":")
    }

    /// The IPv4 address an IPv6 one carries (`::ffff:a.b.c.d`, `::a.b.c.d`, NAT64 `64:ff9b::a.b.c.d`).
    public var embeddedIPv4: IPAddress? {
        guard bytes.count == 16 else { return nil }
        let mapped = bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF
        let compatible =
            bytes[0..<12].allSatisfy { $0 == 0 } && bytes[12..<16].contains { $0 != 0 } && !(bytes[12..<15].allSatisfy { $0 == 0 })
        let nat64 = bytes[0..<12] == [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0]
        return mapped || compatible || nat64 ? IPAddress(bytes: Array(bytes[12..<16])) : nil
    }

    private static func ipv4(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isNumber }), let value = UInt8(part) else { return nil }
            bytes.append(value)
        }
        return bytes
    }

    private static func ipv6(_ text: String) -> [UInt8]? {
        guard text.contains(":"), text.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return nil }
        var tail: [UInt8] = []
        var body = Substring(text)
        if text.contains("."), let lastColon = text.lastIndex(of: ":") {
            guard let v4 = ipv4(String(text[text.index(after: lastColon)...])) else { return nil }
            tail = v4
            body = text[...lastColon]
            if body.hasSuffix(":") && !body.hasSuffix("::") { body = body.dropLast() }
        }
        let halves = body.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var values: [UInt16] = []
            for group in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard (1...4).contains(group.count), let value = UInt16(group, radix: 16) else { return nil }
                values.append(value)
            }
            return values
        }
        guard let head = groups(halves[0]), let rest = halves.count == 2 ? groups(halves[1]) : [] else { return nil }
        let wanted = 8 - tail.count / 2
        let filled: [UInt16]
        if halves.count == 2 {
            guard head.count + rest.count < wanted else { return nil }
            filled = head + Array(repeating: 0, count: wanted - head.count - rest.count) + rest
        } else {
            guard head.count == wanted else { return nil }
            filled = head
        }
        return filled.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] } + tail
    }
}
