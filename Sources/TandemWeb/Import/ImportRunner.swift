import Foundation
import Logging
import NIOConcurrencyHelpers
import TandemCore

/// Runs checked imports in the background of this process, one task each, and remembers how
/// many rows each has written so far (the record in the database says so only at the end: the
/// rows go in one transaction).
final class ImportRunner: Sendable {
    let workflow: ImportWorkflow
    let logger: Logger
    private let written = NIOLockedValueBox<[ImportRecord.ID: Int]>([:])

    init(workflow: ImportWorkflow, logger: Logger) {
        self.workflow = workflow
        self.logger = logger
    }

    /// Starts writing a prepared import, if its check found nothing wrong.
    func start(_ prepared: ImportWorkflow.Prepared) {
        let id = prepared.record.id
        guard prepared.record.state == .running else { return }
        written.withLockedValue { $0[id] = 0 }
        Task { [self] in
            let record = await workflow.run(prepared) { count in self.written.withLockedValue { $0[id] = count } }
            written.withLockedValue { $0[id] = nil }
            if record.state == .failed { logger.error("import \(id) (\(record.kind.rawValue)) failed: \(record.error ?? "")") }
        }
    }

    /// The record as this process knows it: a running import with the rows written so far.
    func current(_ record: ImportRecord) -> ImportRecord {
        guard record.state == .running, let count = written.withLockedValue({ $0[record.id] }) else { return record }
        var record = record
        record.written = count
        return record
    }
}
