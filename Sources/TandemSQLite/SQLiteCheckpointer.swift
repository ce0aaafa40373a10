import NIOConcurrencyHelpers

/// Copies the write-ahead log back into the database file on a thread of its own, so that the
/// single writer does not (SQLite's automatic checkpoint runs inside the COMMIT that crosses
/// 1,000 pages of log: 7% of the writer's time while raising needs).
///
/// NB: a checkpoint that runs beside the writer can fall behind it, and the log is only started
/// over once it has been copied whole; so past `inlinePages` the writer checkpoints itself, as
/// SQLite would, which bounds the log's size.
final class SQLiteCheckpointer: Sendable {
    private struct State {
        /// The log's size when a checkpoint was last asked for: the next is asked for once as
        /// much again was written (a page written again meanwhile is then copied once, not twice).
        var askedAt: Int32 = 0
        /// Checkpoints asked for; those asked for while one runs make one more after it.
        var asked = WorkQueue<Void>()
        /// Opened on the thread by the first checkpoint.
        var connection: SQLiteHandle?
    }

    /// Pages written to the log after which a checkpoint is asked for (SQLite's own default).
    static let backgroundPages: Int32 = 1_000
    /// Pages of log after which the writer checkpoints before it goes on (about 80 MB).
    static let inlinePages: Int32 = 20_000

    private let path: String
    private let thread = SQLiteThread(name: "sqlite-ckpt")
    private let state = NIOLockedValueBox(State())

    init(path: String) {
        self.path = path
    }

    /// Called by the writer's connection after each commit with the log's size in pages; answers
    /// whether the writer should checkpoint now, itself.
    func logGrew(to pages: Int32) -> Bool {
        if pages >= Self.inlinePages { return true }
        let starts = state.withLockedValue { state -> Bool in
            if pages < state.askedAt { state.askedAt = 0 }  // the log started over
            guard pages - state.askedAt >= Self.backgroundPages else { return false }
            state.askedAt = pages
            return state.asked.add(())
        }
        if starts { thread.perform { self.checkpoint() } }
        return false
    }

    func stop() {
        thread.perform { self.state.withLockedValue { $0.connection?.close() } }
        thread.stop()
    }

    /// Checkpoints until none is asked for any more (on the thread).
    private func checkpoint() {
        while !state.withLockedValue({ $0.asked.next() }).isEmpty {
            do {
                let connection = try state.withLockedValue { state in
                    if let connection = state.connection { return connection }
                    let opened = try SQLiteHandle(path: path, pragmas: [])
                    state.connection = opened
                    return opened
                }
                try connection.execute("PRAGMA wal_checkpoint(PASSIVE)", []) { _ in }
            } catch {
                // NB: a failed checkpoint is tried again at the next 1,000 pages; the writer
                // checkpoints itself if the log keeps growing.
                state.withLockedValue { $0.connection = nil }
            }
        }
    }
}
