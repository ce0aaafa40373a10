/// A search: where, how deep, what to match and which attributes to bring back.
public struct LDAPSearch: Sendable {
    public enum Scope: Int, Sendable {
        case base = 0
        case oneLevel = 1
        case subtree = 2
    }

    /// The simple paged results control (RFC 2696), which servers answer with a page at a time.
    static let pagedResultsOID = "1.2.840.113556.1.4.319"

    public var base: String
    public var scope: Scope
    public var filter: LDAPFilter
    public var attributes: [String]
    /// At most this many entries (0: as many as the server allows).
    public var sizeLimit: Int
    public var timeLimitSeconds: Int

    public init(
        base: String, scope: Scope = .subtree, filter: LDAPFilter, attributes: [String], sizeLimit: Int = 0, timeLimitSeconds: Int = 30
    ) {
        self.base = base
        self.scope = scope
        self.filter = filter
        self.attributes = attributes
        self.sizeLimit = sizeLimit
        self.timeLimitSeconds = timeLimitSeconds
    }
}

/// An entry a search found: its distinguished name and its attributes (names compared without case).
public struct LDAPEntry: Sendable, Equatable {
    public var dn: String
    public var attributes: [String: [[UInt8]]]

    public init(dn: String, attributes: [String: [[UInt8]]]) {
        self.dn = dn
        self.attributes = attributes
    }

    init(_ element: BERElement) throws {
        let parts = try element.children()
        guard parts.count == 2 else { throw LDAPError.malformed("an entry without name and attributes") }
        dn = parts[0].stringValue
        var attributes: [String: [[UInt8]]] = [:]
        for attribute in try parts[1].children() {
            let pair = try attribute.children()
            guard pair.count == 2 else { throw LDAPError.malformed("an attribute without type and values") }
            attributes[pair[0].stringValue.lowercased(), default: []] += try pair[1].children().map(\.contents)
        }
        self.attributes = attributes
    }

    /// The attribute's values as text.
    public func values(_ name: String) -> [String] {
        (attributes[name.lowercased()] ?? []).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The attribute's first value as text.
    public func value(_ name: String) -> String? { values(name).first }
}
