/// The LDAP operations this client sends and the answers it reads (RFC 4511 §4), as BER.
enum LDAPRequest {
    case bind(dn: String, password: String)
    case unbind
    case search(LDAPSearch, pageSize: Int?, cookie: [UInt8])
    case extended(name: String)

    /// `LDAPMessage ::= SEQUENCE { messageID, protocolOp, controls [0] OPTIONAL }`.
    func message(id: Int) -> BERElement {
        var parts: [BERElement] = [.integer(id)]
        switch self {
        case .bind(let dn, let password):
            parts.append(
                .constructed(
                    BERElement.application(0, constructed: true),
                    [.integer(3), .octetString(dn), .octetString(password, tag: BERElement.context(0, constructed: false))]))
        case .unbind:
            parts.append(BERElement(tag: BERElement.application(2, constructed: false), contents: []))
        case .search(let search, let pageSize, let cookie):
            parts.append(
                .constructed(
                    BERElement.application(3, constructed: true),
                    [
                        .octetString(search.base), .enumerated(search.scope.rawValue), .enumerated(0), .integer(search.sizeLimit),
                        .integer(search.timeLimitSeconds), .boolean(false), search.filter.element,
                        .sequence(search.attributes.map { .octetString($0) }),
                    ]))
            if let pageSize {
                // The simple paged results control (RFC 2696): {size, cookie}.
                let value = BERElement.sequence([.integer(pageSize), BERElement(tag: BERElement.octetStringTag, contents: cookie)])
                parts.append(
                    .constructed(
                        BERElement.context(0, constructed: true),
                        [
                            .sequence([
                                .octetString(LDAPSearch.pagedResultsOID), .boolean(true),
                                BERElement(tag: BERElement.octetStringTag, contents: value.encoded),
                            ])
                        ]))
            }
        case .extended(let name):
            parts.append(
                .constructed(
                    BERElement.application(23, constructed: true), [.octetString(name, tag: BERElement.context(0, constructed: false))]))
        }
        return .sequence(parts)
    }
}

/// What a server sends back, as far as this client reads it.
enum LDAPResponse {
    case result(kind: UInt8, code: Int, message: String, pagingCookie: [UInt8]?)
    case entry(LDAPEntry)
    case reference

    static let bindResponse: UInt8 = 1
    static let searchDone: UInt8 = 5
    static let extendedResponse: UInt8 = 24

    /// Reads one `LDAPMessage`: its id and operation.
    static func read(_ message: BERElement) throws -> (id: Int, response: LDAPResponse) {
        guard message.tag == BERElement.sequenceTag else { throw LDAPError.malformed("a message that is not a sequence") }
        let parts = try message.children()
        guard parts.count >= 2 else { throw LDAPError.malformed("a message without an operation") }
        let id = try parts[0].integerValue()
        let operation = parts[1]
        guard operation.tag & 0xC0 == 0x40 else { throw LDAPError.malformed("an operation that is not application-tagged") }
        let kind = operation.tag & 0x1F
        switch kind {
        case 4: return (id, .entry(try LDAPEntry(operation)))
        case 19: return (id, .reference)
        case bindResponse, searchDone, extendedResponse, 7, 9, 11, 13, 15:
            let fields = try operation.children()
            guard fields.count >= 3 else { throw LDAPError.malformed("a result without its three fields") }
            var cookie: [UInt8]?
            if parts.count > 2, parts[2].tag == BERElement.context(0, constructed: true) {
                cookie = try pagingCookie(parts[2])
            }
            return (id, .result(kind: kind, code: try fields[0].integerValue(), message: fields[2].stringValue, pagingCookie: cookie))
        default: throw LDAPError.malformed("an operation [APPLICATION \(kind)]")
        }
    }

    /// The cookie of a paged results control among a message's controls.
    private static func pagingCookie(_ controls: BERElement) throws -> [UInt8]? {
        for control in try controls.children() {
            let fields = try control.children()
            guard fields.count >= 2, fields[0].stringValue == LDAPSearch.pagedResultsOID, let value = fields.last,
                value.tag == BERElement.octetStringTag, let (inner, _) = try BERElement.decode(value.contents[...])
            else { continue }
            let paging = try inner.children()
            guard paging.count == 2 else { throw LDAPError.malformed("a paged results control without size and cookie") }
            return paging[1].contents
        }
        return nil
    }
}
