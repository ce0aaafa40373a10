import Foundation

/// A thread of its own that runs, in order, what is handed to it: Swift tasks preferring it
/// (`withTaskExecutorPreference`, `Task(executorPreference:)`) and plain calls (`perform`).
///
/// The store's SQLite work runs on such threads, so a call that blocks — a statement, a commit's
/// fsync, a checkpoint — blocks this thread and not one of the few cooperative threads every
/// request shares, and the statements of one piece of work follow each other without leaving it.
final class SQLiteThread: TaskExecutor, @unchecked Sendable {
    // NB: @unchecked: `work` and `stopping` are used only under `condition`'s lock.
    private let condition = NSCondition()
    private var work: [@Sendable () -> Void] = []
    private var stopping = false

    /// `name` shows in `top -H`, `perf` and the like (at most 15 characters there).
    init(name: String) {
        Thread { [self] in
            Self.nameCurrentThread(name)
            runWork()
        }.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        perform { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    /// Runs `body` on this thread after what was handed to it before.
    func perform(_ body: @escaping @Sendable () -> Void) {
        condition.lock()
        work.append(body)
        condition.signal()
        condition.unlock()
    }

    /// Lets the thread end once what was handed to it so far has run.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    private func runWork() {
        var batch: [@Sendable () -> Void] = []
        while true {
            condition.lock()
            while work.isEmpty && !stopping { condition.wait() }
            if work.isEmpty {
                condition.unlock()
                return
            }
            swap(&batch, &work)
            condition.unlock()
            for body in batch { body() }
            batch.removeAll(keepingCapacity: true)
        }
    }

    /// Names the calling thread for the system's tools (Foundation's `Thread.name` does not).
    private static func nameCurrentThread(_ name: String) {
        #if os(Linux)
            try? String(name.prefix(15)).write(toFile: "/proc/thread-self/comm", atomically: false, encoding: .utf8)
        #endif
    }
}
