import Foundation

/// The Basic Encoding Rules that LDAP messages travel in (X.690, as RFC 4511 §5.1 restricts them:
/// definite lengths only). An element is a tag, a length and its contents; a constructed
/// element's contents are further elements.
public struct BERElement: Equatable, Sendable {
    /// The identifier octet: class (2 bits), constructed (1 bit), number (5 bits; LDAP needs no more).
    public var tag: UInt8
    public var contents: [UInt8]

    public init(tag: UInt8, contents: [UInt8]) {
        self.tag = tag
        self.contents = contents
    }

    public static let booleanTag: UInt8 = 0x01
    public static let integerTag: UInt8 = 0x02
    public static let octetStringTag: UInt8 = 0x04
    public static let enumeratedTag: UInt8 = 0x0A
    public static let sequenceTag: UInt8 = 0x30
    public static let setTag: UInt8 = 0x31

    /// An application-class tag (`[APPLICATION n]`), constructed or primitive.
    public static func application(_ number: UInt8, constructed: Bool) -> UInt8 { 0x40 | (constructed ? 0x20 : 0) | number }
    /// A context-specific tag (`[n]`), constructed or primitive.
    public static func context(_ number: UInt8, constructed: Bool) -> UInt8 { 0x80 | (constructed ? 0x20 : 0) | number }

    public var isConstructed: Bool { tag & 0x20 != 0 }

    // MARK: making elements

    public static func integer(_ value: Int, tag: UInt8 = integerTag) -> BERElement {
        var bytes: [UInt8] = []
        var rest = value
        repeat {
            bytes.insert(UInt8(truncatingIfNeeded: rest), at: 0)
            rest >>= 8
        } while !(rest == 0 && bytes[0] & 0x80 == 0) && !(rest == -1 && bytes[0] & 0x80 != 0)
        return BERElement(tag: tag, contents: bytes)
    }

    public static func enumerated(_ value: Int) -> BERElement { integer(value, tag: enumeratedTag) }

    public static func boolean(_ value: Bool) -> BERElement { BERElement(tag: booleanTag, contents: [value ? 0xFF : 0x00]) }

    public static func octetString(_ text: String, tag: UInt8 = octetStringTag) -> BERElement {
        BERElement(tag: tag, contents: Array(text.utf8))
    }

    public static func constructed(_ tag: UInt8, _ children: [BERElement]) -> BERElement {
        BERElement(tag: tag, contents: children.flatMap(\.encoded))
    }

    public static func sequence(_ children: [BERElement]) -> BERElement { constructed(sequenceTag, children) }

    // MARK: encoding

    public var encoded: [UInt8] { [tag] + Self.length(contents.count) + contents }

    static func length(_ count: Int) -> [UInt8] {
        guard count >= 0x80 else { return [UInt8(count)] }
        var bytes: [UInt8] = []
        var rest = count
        while rest > 0 {
            bytes.insert(UInt8(rest & 0xFF), at: 0)
            rest >>= 8
        }
        return [0x80 | UInt8(bytes.count)] + bytes
    }

    // MARK: decoding

    /// The element at the start of `bytes` and how many bytes it took; nil when `bytes` does not
    /// hold all of it yet. Throws on what is not BER an LDAP peer may send.
    public static func decode(_ bytes: ArraySlice<UInt8>) throws -> (element: BERElement, size: Int)? {
        guard bytes.count >= 2 else { return nil }
        let start = bytes.startIndex
        let tag = bytes[start]
        guard tag & 0x1F != 0x1F else { throw LDAPError.malformed("a multi-byte tag") }
        let first = bytes[start + 1]
        var headerSize = 2
        var length = Int(first)
        if first & 0x80 != 0 {
            let octets = Int(first & 0x7F)
            guard octets > 0 else { throw LDAPError.malformed("an indefinite length") }
            guard octets <= 4 else { throw LDAPError.malformed("a length of \(octets) octets") }
            guard bytes.count >= 2 + octets else { return nil }
            length = 0
            for index in 0..<octets { length = length << 8 | Int(bytes[start + 2 + index]) }
            headerSize += octets
        }
        guard bytes.count >= headerSize + length else { return nil }
        let contents = Array(bytes[(start + headerSize)..<(start + headerSize + length)])
        return (BERElement(tag: tag, contents: contents), headerSize + length)
    }

    /// The elements a constructed element holds.
    public func children() throws -> [BERElement] {
        var found: [BERElement] = []
        var rest = contents[...]
        while !rest.isEmpty {
            guard let (child, size) = try Self.decode(rest) else { throw LDAPError.malformed("a truncated element") }
            found.append(child)
            rest = rest.dropFirst(size)
        }
        return found
    }

    public func integerValue() throws -> Int {
        guard !contents.isEmpty, contents.count <= 8 else { throw LDAPError.malformed("an integer of \(contents.count) octets") }
        var value = contents[0] & 0x80 != 0 ? -1 : 0
        for byte in contents { value = value << 8 | Int(byte) }
        return value
    }

    public var stringValue: String { String(decoding: contents, as: UTF8.self) }
}
