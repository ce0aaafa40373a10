import Foundation
import NIOConcurrencyHelpers
import TandemCore
import Vapor

/// `tandem import KIND FILE`: checks a CSV file of departments, people or needs and, if every
/// row is good, writes it (all or nothing), printing how far it has got.
struct ImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "kind", help: "departments, people or needs")
        var kind: String
        @Argument(name: "file", help: "The CSV file (UTF-8, with or without BOM, or GB18030/GBK).")
        var file: String
        @Flag(name: "dry-run", help: "Only check the file: report every bad row, write nothing.")
        var dryRun: Bool
        @Option(name: "by", help: "The administrator recorded as importing (default: admin).")
        var by: String?
    }

    var help: String { "Imports departments, people or needs from a CSV file (all rows or none)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let services = context.application.tandem
        guard let kind = ImportKind(rawValue: signature.kind) else {
            throw TandemError.invalid("kind", "kind must be departments, people or needs, not '\(signature.kind)'")
        }
        guard let data = FileManager.default.contents(atPath: signature.file) else {
            throw TandemError.invalid("file", "cannot read \(signature.file)")
        }
        let login = signature.by ?? "admin"
        guard let actor = try await services.organisation.store.person(login: login), actor.isActive else {
            throw TandemError.invalid("by", "no active person signs in as \(login)")
        }
        let prepared = try await services.imports.prepare(
            kind, file: Array(data), fileName: URL(fileURLWithPath: signature.file).lastPathComponent,
            dryRun: signature.dryRun, by: actor)
        let record = prepared.record
        context.console.print("\(record.fileName): \(record.rows) rows, \(record.encoding.rawValue)")
        switch record.state {
        case .rejected:
            for problem in record.problems { context.console.print("line \(problem.line), \(problem.field): \(problem.message)") }
            if record.problemCount > record.problems.count {
                context.console.print("… and \(record.problemCount - record.problems.count) more problems")
            }
            throw TandemError(.invalidInput, "\(record.problemCount) problem(s) in the file; nothing was imported")
        case .checked:
            context.console.print("Every row is good; nothing was written (dry run).")
        default:
            let started = Date()
            let lastShown = NIOLockedValueBox(Date.distantPast)
            let console = context.console
            let total = record.rows
            let finished = await services.imports.run(prepared) { written in
                let now = Date()
                let due = lastShown.withLockedValue { last -> Bool in
                    guard now.timeIntervalSince(last) >= 2 else { return false }
                    last = now
                    return true
                }
                guard due else { return }
                console.print(
                    String(
                        format: "%d / %d rows (%.0f%%), %.0f s", written, total, 100 * Double(written) / Double(max(total, 1)),
                        now.timeIntervalSince(started)))
            }
            guard finished.state == .done else {
                throw TandemError(.unavailable, "the import failed and wrote nothing: \(finished.error ?? "")")
            }
            context.console.print(
                String(format: "Imported %d %@ in %.1f s.", finished.written, kind.rawValue, Date().timeIntervalSince(started)))
        }
    }
}
