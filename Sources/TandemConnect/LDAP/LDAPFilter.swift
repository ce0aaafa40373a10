/// A search filter (RFC 4511 §4.5.1), parsed from its string form (RFC 4515), e.g.
/// `(&(objectClass=inetOrgPerson)(uid=zhangsan))`.
public indirect enum LDAPFilter: Equatable, Sendable {
    case and([LDAPFilter])
    case or([LDAPFilter])
    case not(LDAPFilter)
    case equal(String, [UInt8])
    case substrings(String, initial: [UInt8]?, any: [[UInt8]], final: [UInt8]?)
    case greaterOrEqual(String, [UInt8])
    case lessOrEqual(String, [UInt8])
    case present(String)
    case approximate(String, [UInt8])
    case extensible(attribute: String?, rule: String?, value: [UInt8], dnAttributes: Bool)

    /// Escapes a value to be placed inside a filter (RFC 4515 §3): what someone typed can never
    /// change the filter's shape.
    public static func escape(_ value: String) -> String {
        let special: Set<UInt8> = [UInt8(ascii: "*"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "\\"), 0]
        var bytes: [UInt8] = []
        for byte in value.utf8 {
            if special.contains(byte) {
                bytes += Array("\\".utf8) + Array(String(byte, radix: 16).leftPadded(to: 2).utf8)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses a filter's string form.
    public init(_ text: String) throws {
        var parser = Parser(bytes: Array(text.utf8))
        self = try parser.filter()
        guard parser.position == parser.bytes.count else { throw LDAPError.badFilter("text after the filter") }
    }

    /// The filter as BER.
    public var element: BERElement {
        switch self {
        case .and(let parts): return .constructed(BERElement.context(0, constructed: true), parts.map(\.element))
        case .or(let parts): return .constructed(BERElement.context(1, constructed: true), parts.map(\.element))
        case .not(let part): return .constructed(BERElement.context(2, constructed: true), [part.element])
        case .equal(let attribute, let value): return Self.assertion(3, attribute, value)
        case .substrings(let attribute, let initial, let any, let final):
            var pieces: [BERElement] = []
            if let initial { pieces.append(BERElement(tag: BERElement.context(0, constructed: false), contents: initial)) }
            pieces += any.map { BERElement(tag: BERElement.context(1, constructed: false), contents: $0) }
            if let final { pieces.append(BERElement(tag: BERElement.context(2, constructed: false), contents: final)) }
            return .constructed(BERElement.context(4, constructed: true), [.octetString(attribute), .sequence(pieces)])
        case .greaterOrEqual(let attribute, let value): return Self.assertion(5, attribute, value)
        case .lessOrEqual(let attribute, let value): return Self.assertion(6, attribute, value)
        case .present(let attribute): return .octetString(attribute, tag: BERElement.context(7, constructed: false))
        case .approximate(let attribute, let value): return Self.assertion(8, attribute, value)
        case .extensible(let attribute, let rule, let value, let dnAttributes):
            var parts: [BERElement] = []
            if let rule { parts.append(.octetString(rule, tag: BERElement.context(1, constructed: false))) }
            if let attribute { parts.append(.octetString(attribute, tag: BERElement.context(2, constructed: false))) }
            parts.append(BERElement(tag: BERElement.context(3, constructed: false), contents: value))
            if dnAttributes { parts.append(BERElement(tag: BERElement.context(4, constructed: false), contents: [0xFF])) }
            return .constructed(BERElement.context(9, constructed: true), parts)
        }
    }

    private static func assertion(_ number: UInt8, _ attribute: String, _ value: [UInt8]) -> BERElement {
        .constructed(
            BERElement.context(number, constructed: true),
            [.octetString(attribute), BERElement(tag: BERElement.octetStringTag, contents: value)])
    }

    private struct Parser {
        let bytes: [UInt8]
        var position = 0

        mutating func expect(_ character: Character) throws {
            guard position < bytes.count, bytes[position] == character.asciiValue else {
                throw LDAPError.badFilter("expected '\(character)' at \(position)")
            }
            position += 1
        }

        mutating func filter() throws -> LDAPFilter {
            try expect("(")
            guard position < bytes.count else { throw LDAPError.badFilter("an unfinished filter") }
            let result: LDAPFilter
            switch bytes[position] {
            case UInt8(ascii: "&"):
                position += 1
                result = .and(try list())
            case UInt8(ascii: "|"):
                position += 1
                result = .or(try list())
            case UInt8(ascii: "!"):
                position += 1
                result = .not(try filter())
            default: result = try item()
            }
            try expect(")")
            return result
        }

        mutating func list() throws -> [LDAPFilter] {
            var parts: [LDAPFilter] = []
            while position < bytes.count, bytes[position] == UInt8(ascii: "(") { parts.append(try filter()) }
            return parts
        }

        /// `attr=value`, `attr~=`, `attr>=`, `attr<=`, `attr=*`, `attr=a*b*c`, `attr:dn:rule:=value`.
        mutating func item() throws -> LDAPFilter {
            let start = position
            while position < bytes.count, !"=~<>:".utf8.contains(bytes[position]), bytes[position] != UInt8(ascii: ")") { position += 1 }
            let attribute = String(decoding: bytes[start..<position], as: UTF8.self)
            guard position < bytes.count else { throw LDAPError.badFilter("an unfinished item") }
            switch bytes[position] {
            case UInt8(ascii: "~"), UInt8(ascii: ">"), UInt8(ascii: "<"):
                let operation = bytes[position]
                position += 1
                try expect("=")
                let value = try unescaped(rawValue())
                guard !attribute.isEmpty else { throw LDAPError.badFilter("a missing attribute") }
                if operation == UInt8(ascii: "~") { return .approximate(attribute, value) }
                return operation == UInt8(ascii: ">") ? .greaterOrEqual(attribute, value) : .lessOrEqual(attribute, value)
            case UInt8(ascii: ":"): return try extensible(attribute.isEmpty ? nil : attribute)
            default:
                try expect("=")
                guard !attribute.isEmpty else { throw LDAPError.badFilter("a missing attribute") }
                let raw = try rawValue()
                if raw == [UInt8(ascii: "*")] { return .present(attribute) }
                let pieces = raw.split(separator: UInt8(ascii: "*"), omittingEmptySubsequences: false)
                guard pieces.count > 1 else { return .equal(attribute, try unescaped(raw[...])) }
                let initial = pieces.first!.isEmpty ? nil : try unescaped(pieces.first!)
                let final = pieces.last!.isEmpty ? nil : try unescaped(pieces.last!)
                let any = try pieces.dropFirst().dropLast().filter { !$0.isEmpty }.map { try unescaped($0) }
                return .substrings(attribute, initial: initial, any: any, final: final)
            }
        }

        mutating func extensible(_ attribute: String?) throws -> LDAPFilter {
            var dnAttributes = false
            var rule: String?
            while position < bytes.count, bytes[position] == UInt8(ascii: ":") {
                position += 1
                if position < bytes.count, bytes[position] == UInt8(ascii: "=") {
                    position += 1
                    guard attribute != nil || rule != nil else {
                        throw LDAPError.badFilter("an extensible match without attribute or rule")
                    }
                    return .extensible(attribute: attribute, rule: rule, value: try unescaped(rawValue()), dnAttributes: dnAttributes)
                }
                let start = position
                while position < bytes.count, bytes[position] != UInt8(ascii: ":") { position += 1 }
                let word = String(decoding: bytes[start..<position], as: UTF8.self)
                if word.lowercased() == "dn" { dnAttributes = true } else { rule = word }
            }
            throw LDAPError.badFilter("an unfinished extensible match")
        }

        mutating func rawValue() throws -> ArraySlice<UInt8> {
            let start = position
            while position < bytes.count, bytes[position] != UInt8(ascii: ")") {
                guard bytes[position] != UInt8(ascii: "(") else { throw LDAPError.badFilter("an unescaped '(' in a value") }
                position += 1
            }
            return bytes[start..<position]
        }

        func unescaped(_ raw: ArraySlice<UInt8>) throws -> [UInt8] {
            var value: [UInt8] = []
            var index = raw.startIndex
            while index < raw.endIndex {
                if raw[index] == UInt8(ascii: "\\") {
                    guard index + 3 <= raw.endIndex,
                        let byte = UInt8(String(decoding: raw[(index + 1)..<(index + 3)], as: UTF8.self), radix: 16)
                    else { throw LDAPError.badFilter("a bad escape") }
                    value.append(byte)
                    index += 3
                } else {
                    value.append(raw[index])
                    index += 1
                }
            }
            return value
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
