import Foundation

/// Makes committed writes durable on a thread of its own: it syncs the write-ahead log to disk
/// and only then lets their requests be answered.
///
/// NB: with `synchronous = FULL` the writer waited for every commit's fsync (about a third of its
/// time while raising needs) before it could start the next batch. The writer now commits with
/// `synchronous = NORMAL` — the commit is in the log, in the system's cache, and survives a crash
/// of the process — and hands the batch here; the next batch is written while this one is synced.
/// Nobody is answered before the fsync that covers their commit has returned, so an
/// acknowledged write survives a power cut as it did before. One fsync covers every batch
/// committed while the last one ran. (Checkpoints sync the log and the database themselves.)
final class WALSyncer: @unchecked Sendable {
    typealias Acknowledge = @Sendable (Result<Void, any Error>) -> Void

    // NB: @unchecked: `waiting` and `stopping` are used only under `condition`'s lock.
    private let condition = NSCondition()
    private var waiting: [Acknowledge] = []
    private var stopping = false
    private let logPath: String
    /// Whether the directory holding the log was synced (once: the log's own name must be on
    /// disk too). Used only by the syncing thread.
    private var directorySynced = false

    /// Syncs the log of the database at `databasePath`.
    init(databasePath: String) {
        logPath = databasePath + "-wal"
        Thread { [self] in
            SQLiteThread.nameCurrentThread("sqlite-sync")
            runSyncs()
        }.start()
    }

    /// Calls `acknowledge` once everything committed so far is on disk (or syncing failed).
    func whenDurable(_ acknowledge: @escaping Acknowledge) {
        condition.lock()
        waiting.append(acknowledge)
        condition.signal()
        condition.unlock()
    }

    /// Lets the thread end once the writes waiting so far are synced.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    private func runSyncs() {
        while true {
            condition.lock()
            while waiting.isEmpty && !stopping { condition.wait() }
            let batch = waiting
            waiting = []
            let stop = stopping
            condition.unlock()
            if !batch.isEmpty {
                let result = syncLog()
                for acknowledge in batch { acknowledge(result) }
            }
            if stop && batch.isEmpty { return }
        }
    }

    /// One fsync of the log file (any descriptor of a file syncs the file).
    private func syncLog() -> Result<Void, any Error> {
        if case .failure(let error) = sync(logPath) { return .failure(error) }
        if !directorySynced {
            if case .failure(let error) = sync((logPath as NSString).deletingLastPathComponent) { return .failure(error) }
            directorySynced = true
        }
        return .success(())
    }

    private func sync(_ path: String) -> Result<Void, any Error> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(WALSyncError(step: "open", code: errno)) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { return .failure(WALSyncError(step: "fsync", code: errno)) }
        return .success(())
    }
}

/// The log could not be synced: the writes it holds may not survive a power cut.
struct WALSyncError: Error, CustomStringConvertible {
    let step: String
    let code: Int32
    var description: String { "the database log could not be synced to disk (\(step): \(String(cString: strerror(code))))" }
}
