import Foundation

/// Where Tandem may send a notification (a chat bot, a webhook): anywhere on the internet, never
/// to this machine, the private network, link-local addresses or a cloud's metadata service —
/// a channel is set up by a department's manager, and must not let them reach what only the
/// server can (SSRF). An operator may allow an internal host or range explicitly
/// (`TANDEM_CHANNEL_ALLOWED_HOSTS`). Checked when a channel is saved and again, on the addresses
/// the name resolves to, each time a message is sent (a name may be re-pointed after the check).
public struct OutboundPolicy: Sendable, Hashable {
    /// Host names (lowercased) allowed although they resolve to internal addresses.
    public var allowedHosts: Set<String>
    /// Address ranges allowed although internal.
    public var allowedRanges: [AddressRange]

    public init(allowedHosts: Set<String> = [], allowedRanges: [AddressRange] = []) {
        self.allowedHosts = Set(allowedHosts.map { $0.lowercased() })
        self.allowedRanges = allowedRanges
    }

    /// Reads `host, 10.1.2.3, 10.20.0.0/16, [fd00::]/8`; throws naming the first entry it cannot read.
    public init(allowList text: String) throws {
        var hosts: Set<String> = [], ranges: [AddressRange] = []
        for entry in text.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init) {
            if let range = AddressRange(entry) {
                ranges.append(range)
            } else if entry.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }) {
                hosts.insert(entry.lowercased())
            } else {
                throw TandemError.invalid("allowed_hosts", "'\(entry)' is neither a host name nor an address range")
            }
        }
        self.init(allowedHosts: hosts, allowedRanges: ranges)
    }

    /// Names that mean this machine or a metadata service whatever they resolve to.
    static let internalNames = [
        "localhost", "localhost.localdomain", "metadata", "metadata.google.internal", "instance-data",
        "instance-data.ec2.internal",
    ]

    /// Throws unless a message may go to `host` (a URL's host: a name or an address literal).
    public func check(host rawHost: String) throws {
        let host = rawHost.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]."))
        if allowedHosts.contains(host) { return }
        if Self.internalNames.contains(host) || host.hasSuffix(".localhost") {
            throw Self.refusal(rawHost, "names this machine or a metadata service")
        }
        if let address = IPAddress(host) ?? IPAddress(looseIPv4: host) { try check(address: address, host: rawHost) }
    }

    /// Throws unless a message may go to `address`, which `host` resolved to.
    public func check(address: IPAddress, host: String) throws {
        if allowedHosts.contains(host.lowercased()) || allowedRanges.contains(where: { $0.contains(address) }) { return }
        if let kind = Self.internalKind(of: address) { throw Self.refusal(host, "is \(kind) (\(address))") }
    }

    /// A destination that passed the checks: the URL's host and the address to connect to.
    public struct Destination: Sendable, Hashable {
        public var host: String
        public var address: IPAddress
    }

    /// Throws `.invalidInput` on `url` when its host is internal or resolves to any internal
    /// address, and is not allowed: what a channel is checked with when it is saved. A name that
    /// cannot be resolved now is taken (the check before each message decides then).
    public func checkForSaving(_ url: String, resolver: any HostResolver) async throws {
        do {
            _ = try await destination(of: url, resolver: resolver)
        } catch let error as TandemError where error.reason == .hostNotFound {
            // NB: a receiver this server cannot see yet (a DNS entry on its way) is no reason to refuse.
        }
    }

    /// The address a message to `url` may be sent to; throws `.invalidInput` on `url` when the
    /// host is internal (or resolves to any internal address) and not allowed, or cannot be found.
    public func destination(of url: String, resolver: any HostResolver) async throws -> Destination {
        guard let host = URL(string: url)?.host, !host.isEmpty else {
            throw TandemError.invalid("url", "url must be an http or https address", .urlFormat)
        }
        try check(host: host)
        if let literal = IPAddress(host) ?? IPAddress(looseIPv4: host) { return Destination(host: host, address: literal) }
        let addresses: [IPAddress]
        do {
            addresses = try await resolver.addresses(of: host)
        } catch {
            throw TandemError.invalid("url", "the host '\(host)' could not be found", .hostNotFound)
        }
        guard let first = addresses.first else { throw TandemError.invalid("url", "the host '\(host)' has no address", .hostNotFound) }
        // NB: every address is checked, not only the one used: a name with one public and one
        // internal address would reach the internal one on another try.
        for address in addresses { try check(address: address, host: host) }
        return Destination(host: host, address: first)
    }

    /// What kind of internal address this is; nil for a public one.
    public static func internalKind(of address: IPAddress) -> String? {
        if let v4 = address.embeddedIPv4 { return internalKind(of: v4) }
        for (range, kind) in internalRanges where range.contains(address) { return kind }
        return nil
    }

    static let internalRanges: [(AddressRange, String)] = [
        ("0.0.0.0/8", "this network"), ("10.0.0.0/8", "a private address"), ("100.64.0.0/10", "a shared (carrier) address"),
        ("127.0.0.0/8", "a loopback address"), ("169.254.0.0/16", "a link-local or metadata address"),
        ("172.16.0.0/12", "a private address"), ("192.0.0.0/24", "a protocol address"), ("192.168.0.0/16", "a private address"),
        ("198.18.0.0/15", "a benchmarking address"), ("224.0.0.0/4", "a multicast address"), ("240.0.0.0/4", "a reserved address"),
        ("::/128", "the unspecified address"), ("::1/128", "a loopback address"), ("fc00::/7", "a unique-local address"),
        ("fe80::/10", "a link-local address"), ("fec0::/10", "a site-local address"), ("ff00::/8", "a multicast address"),
        ("100::/64", "a discard address"), ("2001:db8::/32", "a documentation address"),
    ].map { (AddressRange($0.0)!, $0.1) }

    static func refusal(_ host: String, _ why: String) -> TandemError {
        TandemError.invalid(
            "url", "'\(host)' \(why): Tandem sends notifications only to addresses outside this server's network",
            .internalAddress)
    }
}

/// An address range in CIDR notation (`10.0.0.0/8`, `fd00::/8`), or one address.
public struct AddressRange: Sendable, Hashable {
    public let network: IPAddress
    public let prefixLength: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard let address = IPAddress(parts[0]) else { return nil }
        let bits = address.bytes.count * 8
        let length = parts.count == 2 ? Int(parts[1]) : bits
        guard let length, (0...bits).contains(length) else { return nil }
        network = address
        prefixLength = length
    }

    public func contains(_ address: IPAddress) -> Bool {
        guard address.bytes.count == network.bytes.count else { return false }
        var left = prefixLength
        for (a, b) in zip(address.bytes, network.bytes) where left > 0 {
            let mask: UInt8 = left >= 8 ? 0xFF : ~(0xFF >> UInt8(left))
            if a & mask != b & mask { return false }
            left -= 8
        }
        return true
    }
}
