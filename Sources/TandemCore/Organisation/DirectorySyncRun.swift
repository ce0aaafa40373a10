import Foundation

/// One directory sync, as the administration page lists it: when, whether it only looked (a dry
/// run), applied or failed, what it changed or would change, and what it left for an administrator.
public struct DirectorySyncRun: Sendable, Equatable, Codable, Identifiable {
    public typealias ID = Identifier<DirectorySyncRun>

    public enum Outcome: String, Sendable, Codable, CaseIterable {
        case dryRun = "dry_run"
        case applied
        case failed
    }

    /// One changed record, as a line of the report.
    public struct Line: Sendable, Equatable, Codable {
        /// `department` or `person`.
        public var record: String
        public var actions: [String]
        public var name: String
        /// The department (for a person) or the parent (for a department) after the change.
        public var place: String?
        /// The directory's id of a department's unit: what an administrator links to another
        /// department before the run creates one.
        public var subject: String?

        public init(record: String, actions: [String], name: String, place: String?, subject: String? = nil) {
            self.record = record
            self.actions = actions
            self.name = name
            self.place = place
            self.subject = subject
        }
    }

    public var id: ID
    public var provider: String
    public var startedAt: Date
    public var finishedAt: Date
    public var outcome: Outcome
    /// Departments and people per action (`create`, `move`, …).
    public var departmentCounts: [String: Int]
    public var personCounts: [String: Int]
    /// The first `DirectorySyncRun.maxLines` changes.
    public var lines: [Line]
    public var flags: [Line]
    public var error: String?

    /// Changed records a run keeps a line for; the counts hold them all.
    public static let maxLines = 500

    public init(
        id: ID, provider: String, startedAt: Date, finishedAt: Date, outcome: Outcome, departmentCounts: [String: Int] = [:],
        personCounts: [String: Int] = [:], lines: [Line] = [], flags: [Line] = [], error: String? = nil
    ) {
        self.id = id
        self.provider = provider
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.outcome = outcome
        self.departmentCounts = departmentCounts
        self.personCounts = personCounts
        self.lines = lines
        self.flags = flags
        self.error = error
    }

    enum CodingKeys: String, CodingKey {
        case id, provider, startedAt = "started_at", finishedAt = "finished_at", outcome, departmentCounts = "department_counts"
        case personCounts = "person_counts", lines, flags, error
    }
}
