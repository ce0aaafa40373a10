import Foundation

/// Copies the write-ahead log back into the database file on a thread of its own, so that the
/// single writer does not (SQLite's automatic checkpoint runs inside the COMMIT that crosses
/// 1,000 pages of log: 7% of the writer's time while raising needs).
///
/// NB: a checkpoint that runs beside the writer can fall behind it, and the log is only started
/// over once it has been copied whole; so past `inlinePages` the writer checkpoints itself, as
/// SQLite would, which bounds the log's size.
final class SQLiteCheckpointer: @unchecked Sendable {
    // NB: @unchecked: `wanted`, `askedAt` and `stopping` are used only under `condition`'s lock.
    private let condition = NSCondition()
    private var wanted = false
    /// The log's size when a checkpoint was last asked for: the next is asked for once as much
    /// again was written (a page written again meanwhile is then copied once, not twice).
    private var askedAt: Int32 = 0
    private var stopping = false
    private let path: String
    /// Pages written to the log after which a checkpoint is asked for (SQLite's own default).
    static let backgroundPages: Int32 = 1_000
    /// Pages of log after which the writer checkpoints before it goes on (about 80 MB).
    static let inlinePages: Int32 = 20_000

    init(path: String) {
        self.path = path
        Thread { [self] in
            SQLiteThread.nameCurrentThread("sqlite-ckpt")
            runCheckpoints()
        }.start()
    }

    /// Called by the writer's connection after each commit with the log's size in pages; answers
    /// whether the writer should checkpoint now, itself.
    func logGrew(to pages: Int32) -> Bool {
        if pages >= Self.inlinePages { return true }
        condition.lock()
        defer { condition.unlock() }
        if pages < askedAt { askedAt = 0 }  // the log started over
        if pages - askedAt >= Self.backgroundPages {
            askedAt = pages
            wanted = true
            condition.signal()
        }
        return false
    }

    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    private func runCheckpoints() {
        var connection: SQLiteHandle?
        while true {
            condition.lock()
            while !wanted && !stopping { condition.wait() }
            wanted = false
            let stop = stopping
            condition.unlock()
            if stop { break }
            do {
                if connection == nil { connection = try SQLiteHandle(path: path, pragmas: []) }
                try connection?.execute("PRAGMA wal_checkpoint(PASSIVE)", []) { _ in }
            } catch {
                // NB: a failed checkpoint is retried at the next commit past the threshold; the
                // writer checkpoints itself if the log keeps growing.
                connection = nil
            }
        }
        connection?.close()
    }
}
