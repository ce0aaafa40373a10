import Foundation
import TandemCore

#if canImport(Glibc)
    import Glibc
#endif

/// The system's resolver (`getaddrinfo`, as the HTTP client would use it), on a thread of its
/// own: a slow name server holds neither an event loop nor the blocking pool file reads use.
public struct SystemHostResolver: HostResolver {
    public init() {}

    struct NotFound: Error, CustomStringConvertible {
        var host: String
        var code: Int32
        var description: String { "'\(host)' could not be resolved (\(String(cString: gai_strerror(code))))" }
    }

    public func addresses(of host: String) async throws -> [IPAddress] {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try Self.resolve(host) }) }.start()
        }
    }

    static func resolve(_ host: String) throws -> [IPAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let code = getaddrinfo(host, nil, &hints, &list)
        guard code == 0 else { throw NotFound(host: host, code: code) }
        defer { freeaddrinfo(list) }
        var addresses: [IPAddress] = []
        var entry = list
        while let current = entry {
            if let socket = current.pointee.ai_addr {
                switch Int32(socket.pointee.sa_family) {
                case AF_INET:
                    socket.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { v4 in
                        withUnsafeBytes(of: v4.pointee.sin_addr) { addresses.append(IPAddress(bytes: Array($0))!) }
                    }
                case AF_INET6:
                    socket.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { v6 in
                        withUnsafeBytes(of: v6.pointee.sin6_addr) { addresses.append(IPAddress(bytes: Array($0))!) }
                    }
                default: break
                }
            }
            entry = current.pointee.ai_next
        }
        var seen = Set<IPAddress>()
        return addresses.filter { seen.insert($0).inserted }
    }
}
