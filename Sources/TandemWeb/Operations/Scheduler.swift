import Foundation
import Logging
import NIOConcurrencyHelpers
import TandemCore
import TandemStore

/// The server's periodic work, in one loop. Every few seconds it asks for a refresh of each need
/// whose next service-level warning or breach has come (as jobs, deduplicated across processes),
/// announces the survey rounds that opened (each once) and asks for the reminders before a survey
/// round or an evaluation closes (each once); once an hour it clears jobs done more than a week
/// ago and (SQLite) brings the planner's statistics up to date — the first round at start. The announcing of alerts itself happens in the refresh, exactly once.
final class Scheduler: Sendable {
    let workflow: ServiceLevelWorkflow
    let surveys: SurveyWorkflow
    let evaluations: EvaluationWorkflow
    /// The directory sync and how often it runs (hours; 0: never on its own).
    let directorySync: DirectorySyncWorkflow
    let syncHours: Int
    /// The reminder jobs this process asked for already (the database keeps them once across processes).
    private let remindersAsked = NIOLockedValueBox<Set<String>>([])
    let jobs: any JobStore
    let runner: JobRunner
    /// Whose planner statistics the hourly round refreshes (SQLite).
    let database: StoreDatabase
    let interval: Duration
    let logger: Logger
    private let loop = NIOLockedValueBox<Task<Void, Never>?>(nil)

    static let keepDoneJobs: TimeInterval = 7 * 24 * 3600

    init(
        workflow: ServiceLevelWorkflow, surveys: SurveyWorkflow, evaluations: EvaluationWorkflow, directorySync: DirectorySyncWorkflow,
        syncHours: Int, jobs: any JobStore, runner: JobRunner, database: StoreDatabase, interval: Duration, logger: Logger
    ) {
        self.directorySync = directorySync
        self.syncHours = syncHours
        self.database = database
        self.workflow = workflow
        self.surveys = surveys
        self.evaluations = evaluations
        self.jobs = jobs
        self.runner = runner
        self.interval = interval
        self.logger = logger
    }

    func start() {
        loop.withLockedValue { task in
            guard task == nil else { return }
            task = Task { [self] in
                var lastCleanup = Date.distantPast
                while !Task.isCancelled {
                    await lookOnce()
                    if Date().timeIntervalSince(lastCleanup) > 3600 {
                        lastCleanup = Date()
                        do {
                            let removed = try await jobs.deleteFinished(before: Date().addingTimeInterval(-Self.keepDoneJobs))
                            if removed > 0 { logger.info("jobs: removed \(removed) done more than a week ago") }
                        } catch {
                            logger.warning("jobs: could not clear old ones: \(error)")
                        }
                        if database.dialect == .sqlite {
                            do { try await database.refreshPlannerStatistics() } catch {
                                logger.warning("the planner's statistics could not be refreshed: \(error)")
                            }
                        }
                    }
                    try? await Task.sleep(for: interval)
                }
            }
        }
    }

    /// Stops looking; waits at most a few seconds for a look in progress.
    func stop() async {
        let task = loop.withLockedValue { task in
            defer { task = nil }; return task
        }
        guard let task else { return }
        task.cancel()
        await JobRunner.wait(for: task, atMost: .seconds(5))
    }

    /// One look: announces the survey rounds that opened, asks for the reminders due and for the
    /// refreshes that came due.
    func lookOnce() async {
        do {
            // Survey rounds announced; reminders before a round or an evaluation cycle closes: asked for once.
            let reminders =
                try await surveys.watch() + evaluations.dueReminders() + [try directorySync.dueSync(every: syncHours)].compactMap { $0 }
            let new = remindersAsked.withLockedValue { asked in reminders.filter { asked.insert($0.dedupKey ?? "").inserted } }
            if !new.isEmpty {
                try await jobs.enqueue(new)
                runner.wake()
            }
        } catch {
            logger.warning("surveys and evaluations: the scheduler could not announce or remind: \(error)")
        }
        do {
            let due = try await workflow.dueRefreshes()
            guard !due.isEmpty else { return }
            try await jobs.enqueue(due)
            runner.wake()
        } catch {
            logger.warning("service levels: the scheduler could not look: \(error)")
        }
    }
}
