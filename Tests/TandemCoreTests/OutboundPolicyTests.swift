import Foundation
import TandemCore
import Testing

@Suite("Where channels may send (SSRF)")
struct OutboundPolicyTests {
    /// A resolver that answers from a table, and may change its mind (DNS rebinding).
    final class TableResolver: HostResolver, @unchecked Sendable {
        // NB: @unchecked: the tests change the table between calls, never during one.
        var table: [String: [String]]
        init(_ table: [String: [String]]) { self.table = table }
        func addresses(of host: String) async throws -> [IPAddress] {
            guard let found = table[host] else { throw CocoaError(.fileNoSuchFile) }
            return found.map { IPAddress($0)! }
        }
    }

    @Test(
        "addresses in every spelling",
        arguments: [
            ("127.0.0.1", "127.0.0.1"), ("[::1]", "0:0:0:0:0:0:0:1"), ("::ffff:127.0.0.1", "0:0:0:0:0:ffff:7f00:1"),
            ("fe80::1%eth0", "fe80:0:0:0:0:0:0:1"), ("2001:db8::8a2e:370:7334", "2001:db8:0:0:0:8a2e:370:7334"),
        ])
    func parsing(text: String, expected: String) {
        #expect(IPAddress(text)?.description == expected)
    }

    @Test(
        "what the C resolver reads as an address",
        arguments: [
            ("2130706433", "127.0.0.1"), ("127.1", "127.0.0.1"), ("0x7f.0.0.1", "127.0.0.1"), ("0177.0.0.1", "127.0.0.1"),
            ("10.1", "10.0.0.1"), ("169.254.43518", "169.254.169.254"),
        ])
    func looseIPv4(text: String, expected: String) {
        #expect(IPAddress(looseIPv4: text)?.description == expected)
    }

    @Test(
        "internal hosts are refused",
        arguments: [
            "http://127.0.0.1:8080/x", "http://localhost/x", "http://api.localhost/x", "http://[::1]/x",
            "http://169.254.169.254/latest/meta-data",
            "http://metadata.google.internal/x", "http://10.1.2.3/x", "http://172.20.0.1/x", "http://192.168.1.1/x", "http://[fd00::1]/x",
            "http://[fe80::1]/x", "http://0.0.0.0/x", "http://2130706433/x", "http://0x7f000001/x", "http://[::ffff:10.0.0.1]/x",
            "http://100.100.100.200/x",
        ])
    func refused(url: String) async {
        await #expect { _ = try await OutboundPolicy().destination(of: url, resolver: TableResolver([:])) } throws: { error in
            (error as? TandemError)?.reason == .internalAddress && (error as? TandemError)?.field == "url"
        }
    }

    @Test func publicHostsPassAndEveryResolvedAddressIsChecked() async throws {
        let resolver = TableResolver(["hooks.example.com": ["93.184.216.34"], "split.example.com": ["93.184.216.34", "10.0.0.5"]])
        let policy = OutboundPolicy()
        let destination = try await policy.destination(of: "https://hooks.example.com/x", resolver: resolver)
        #expect(destination.address.description == "93.184.216.34" && destination.host == "hooks.example.com")
        await #expect(throws: TandemError.self) { try await policy.destination(of: "https://split.example.com/x", resolver: resolver) }
    }

    @Test func aNameRepointedAfterSavingIsRefusedWhenSending() async throws {
        // saved while it pointed outside; re-pointed at the metadata service before the message
        let resolver = TableResolver(["hook.example.com": ["93.184.216.34"]])
        let policy = OutboundPolicy()
        try await policy.checkForSaving("https://hook.example.com/x", resolver: resolver)
        resolver.table["hook.example.com"] = ["169.254.169.254"]
        await #expect { _ = try await policy.destination(of: "https://hook.example.com/x", resolver: resolver) } throws: { error in
            (error as? TandemError)?.reason == .internalAddress
        }
        // an unknown name may be saved, not sent to
        try await policy.checkForSaving("https://not-yet.example.com/x", resolver: resolver)
        await #expect(throws: TandemError.self) { try await policy.destination(of: "https://not-yet.example.com/x", resolver: resolver) }
    }

    @Test func anOperatorMayAllowAnInternalHost() async throws {
        let policy = try OutboundPolicy(allowList: "chat.corp.internal, 10.20.0.0/16 127.0.0.1")
        let resolver = TableResolver(["chat.corp.internal": ["10.9.9.9"], "other.corp.internal": ["10.9.9.9"], "dev.corp": ["10.20.3.4"]])
        #expect(try await policy.destination(of: "http://chat.corp.internal/x", resolver: resolver).address.description == "10.9.9.9")
        #expect(try await policy.destination(of: "http://dev.corp/x", resolver: resolver).address.description == "10.20.3.4")
        #expect(try await policy.destination(of: "http://127.0.0.1:9000/x", resolver: resolver).address.description == "127.0.0.1")
        await #expect(throws: TandemError.self) { try await policy.destination(of: "http://other.corp.internal/x", resolver: resolver) }
        await #expect(throws: TandemError.self) { try await policy.destination(of: "http://127.0.0.2/x", resolver: resolver) }
        #expect(throws: TandemError.self) { try OutboundPolicy(allowList: "http://x/") }
    }
}
