import Foundation

/// Finds the addresses a host name stands for (the system's resolver, in the server): the
/// notification channels check them before a message goes out.
public protocol HostResolver: Sendable {
    /// Every address of `host`; throws when the name cannot be resolved.
    func addresses(of host: String) async throws -> [IPAddress]
}
