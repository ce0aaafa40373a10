import Foundation
import NIOConcurrencyHelpers

/// Makes committed writes durable on a thread of its own: it syncs the write-ahead log to disk
/// and only then lets their requests be answered.
///
/// NB: with `synchronous = FULL` the writer waited for every commit's fsync before it could start
/// the next batch. The writer now commits with `synchronous = NORMAL` — the commit is in the log,
/// in the system's cache, and survives a crash of the process — and hands the batch here; the
/// next batch is written while this one is synced. Nobody is answered before the fsync that
/// covers their commit has returned, so an acknowledged write survives a power cut as it did
/// before. One fsync covers every batch committed while the last one ran. (Checkpoints sync the
/// log and the database themselves.)
final class WALSyncer: Sendable {
    typealias Acknowledge = @Sendable (Result<Void, any Error>) -> Void

    private struct State {
        var waiting = WorkQueue<Acknowledge>()
        /// Whether the directory holding the log was synced (once: the log's own name must be
        /// on disk too).
        var directorySynced = false
    }

    private let logPath: String
    private let thread = SQLiteThread(name: "sqlite-sync")
    private let state = NIOLockedValueBox(State())

    /// Syncs the log of the database at `databasePath`.
    init(databasePath: String) {
        logPath = databasePath + "-wal"
    }

    /// Calls `acknowledge` once everything committed so far is on disk (or syncing failed).
    func whenDurable(_ acknowledge: @escaping Acknowledge) {
        if state.withLockedValue({ $0.waiting.add(acknowledge) }) { thread.perform { self.syncWaiting() } }
    }

    /// Lets the thread end once the writes waiting so far are synced.
    func stop() {
        thread.stop()
    }

    /// Syncs until nobody waits any more (on the thread).
    private func syncWaiting() {
        while case let (batch, directorySynced) = state.withLockedValue({ ($0.waiting.next(), $0.directorySynced) }), !batch.isEmpty {
            var result = sync(logPath)
            if case .success = result, !directorySynced {
                result = sync((logPath as NSString).deletingLastPathComponent)
                if case .success = result { state.withLockedValue { $0.directorySynced = true } }
            }
            for acknowledge in batch { acknowledge(result) }
        }
    }

    /// One fsync of a file (any descriptor of a file syncs the file).
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
