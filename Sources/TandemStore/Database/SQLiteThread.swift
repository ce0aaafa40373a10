import Foundation

/// A thread of its own that runs Swift tasks preferring it (`withTaskExecutorPreference`,
/// `Task(executorPreference:)`): the store's SQLite work runs here, so a statement that blocks
/// blocks this thread and not one of the few cooperative threads every request shares, and the
/// statements of one piece of work follow each other without leaving the thread.
final class SQLiteThread: TaskExecutor, @unchecked Sendable {
    // NB: @unchecked: `jobs` and `stopping` are used only under `condition`'s lock.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var stopping = false

    /// `name` shows in `top -H`, `perf` and the like (at most 15 characters there).
    init(name: String) {
        Thread { [self] in
            Self.nameCurrentThread(name)
            runJobs()
        }.start()
    }

    /// Names the calling thread for the system's tools (Foundation's `Thread.name` does not).
    static func nameCurrentThread(_ name: String) {
        #if os(Linux)
        try? String(name.prefix(15)).write(toFile: "/proc/thread-self/comm", atomically: false, encoding: .utf8)
        #endif
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Lets the thread end once the jobs queued so far have run.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    private func runJobs() {
        var batch: [UnownedJob] = []
        while true {
            condition.lock()
            while jobs.isEmpty && !stopping { condition.wait() }
            if jobs.isEmpty {
                condition.unlock()
                return
            }
            swap(&batch, &jobs)
            condition.unlock()
            for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
            batch.removeAll(keepingCapacity: true)
        }
    }
}
