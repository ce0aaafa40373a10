import Foundation

/// Meeting records.
public protocol MeetingStore: Sendable {
    func insert(_ meeting: Meeting) async throws
    func update(_ meeting: Meeting) async throws
    func meeting(_ id: Meeting.ID) async throws -> Meeting?
    /// The most recent first (by the day held).
    func meetings(limit: Int) async throws -> [Meeting]
}
