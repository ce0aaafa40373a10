import Foundation

/// A piece of background work kept in the database (the delivery of a notification, a watch
/// over service levels): written in the same transaction as the change that asked for it, run
/// at least once by a job runner, retried with back-off, set aside as dead after too many failures.
public struct Job: Hashable, Sendable, Codable, Identifiable {
    public typealias ID = Identifier<Job>

    public enum State: String, Hashable, Sendable, Codable, CaseIterable {
        /// Waiting for its time (`runAt`).
        case pending
        /// Claimed by a runner until `lockedUntil`; after that another runner may take it over.
        case running
        case done
        /// Failed `maxAttempts` times; waits for an administrator to retry it.
        case dead
    }

    public var id: ID
    /// What to do, e.g. `notify.fan_out`, `deliver.email`; a runner has one handler per kind.
    public var kind: String
    /// The handler's input, as JSON text.
    public var payload: String
    public var state: State
    /// How many times a runner started it.
    public var attempts: Int
    public var maxAttempts: Int
    public var runAt: Date
    public var lockedUntil: Date?
    public var lastError: String?
    /// Jobs with the same key are one job: a second one is not stored (a fan-out that runs
    /// twice asks for each delivery once).
    public var dedupKey: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var finishedAt: Date?

    public init(
        id: ID, kind: String, payload: String, state: State = .pending, attempts: Int = 0, maxAttempts: Int = JobRetry.standard.maxAttempts,
        runAt: Date, lockedUntil: Date? = nil, lastError: String? = nil, dedupKey: String? = nil, createdAt: Date, updatedAt: Date? = nil,
        finishedAt: Date? = nil
    ) {
        self.id = id
        self.kind = kind
        self.payload = payload
        self.state = state
        self.attempts = attempts
        self.maxAttempts = maxAttempts
        self.runAt = runAt
        self.lockedUntil = lockedUntil
        self.lastError = lastError
        self.dedupKey = dedupKey
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.finishedAt = finishedAt
    }

    /// The JSON spelling (snake_case), written out so that no key conversion runs per value.
    enum CodingKeys: String, CodingKey {
        case id, kind, payload, state, attempts, maxAttempts = "max_attempts", runAt = "run_at", lockedUntil = "locked_until"
        case lastError = "last_error", dedupKey = "dedup_key", createdAt = "created_at", updatedAt = "updated_at", finishedAt =
            "finished_at"
    }

    /// A new job of `kind` whose payload is `input` encoded as JSON.
    public static func make<Input: Encodable>(
        _ kind: String, _ input: Input, id: ID, at now: Date, dedupKey: String? = nil,
        maxAttempts: Int = JobRetry.standard.maxAttempts
    ) throws -> Job {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return Job(
            id: id, kind: kind, payload: String(decoding: try encoder.encode(input), as: UTF8.self), maxAttempts: maxAttempts,
            runAt: now, dedupKey: dedupKey, createdAt: now)
    }

    /// The payload decoded as `Input`.
    public func input<Input: Decodable>(_ type: Input.Type) throws -> Input {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return try decoder.decode(type, from: Data(payload.utf8))
    }
}

/// When a failed job runs again: exponential back-off (`base`, `2 × base`, `4 × base` … at
/// most `cap`), and dead after `maxAttempts` attempts.
public struct JobRetry: Hashable, Sendable {
    public var base: TimeInterval
    public var cap: TimeInterval
    public var maxAttempts: Int

    public init(base: TimeInterval, cap: TimeInterval, maxAttempts: Int) {
        self.base = base
        self.cap = cap
        self.maxAttempts = maxAttempts
    }

    /// 30 s, 1 min, 2 min … at most an hour; eight attempts in all (about 1 h 4 min of retrying).
    public static let standard = JobRetry(base: 30, cap: 3600, maxAttempts: 8)

    /// The wait after the `attempt`-th failed attempt (1-based).
    public func delay(afterAttempt attempt: Int) -> TimeInterval {
        let exponent = min(max(attempt - 1, 0), 30)
        return min(base * pow(2, Double(exponent)), cap)
    }

    /// What becomes of a job whose attempt (already counted in `job.attempts`) failed at `now`:
    /// the time of its next attempt, or `nil` when it is dead (after the job's own number of
    /// attempts or this policy's, whichever is smaller).
    public func nextAttempt(of job: Job, failedAt now: Date) -> Date? {
        job.attempts >= min(job.maxAttempts, maxAttempts) ? nil : now.addingTimeInterval(delay(afterAttempt: job.attempts))
    }
}
