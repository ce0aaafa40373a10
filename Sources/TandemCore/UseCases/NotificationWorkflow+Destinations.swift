import Foundation

extension NotificationWorkflow {
    /// Where a message to `url` may be sent now (see `OutboundPolicy.destination`): checked when
    /// a channel is saved and again before each message.
    public func destination(of url: String) async throws -> OutboundPolicy.Destination {
        try await destinations.destination(of: url, resolver: resolver)
    }
}
