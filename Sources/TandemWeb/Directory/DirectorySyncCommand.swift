import Foundation
import TandemCore
import Vapor

/// `tandem directory-sync [--dry-run]`: syncs departments and people from the company directory
/// now (as the administration page's button does), printing what changed and how long it took.
struct DirectorySyncCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "dry-run", help: "Only work out and record what would change.")
        var dryRun: Bool
    }

    var help: String { "Syncs departments and people from the company directory (TANDEM_LDAP_URL) now." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let started = Date()
        let run = try await context.application.tandem.directorySync.sync(dryRun: signature.dryRun, by: nil)
        let counts =
            (run.departmentCounts.map { "departments \($0.key): \($0.value)" } + run.personCounts.map { "people \($0.key): \($0.value)" })
            .sorted()
        context.console.print(
            String(
                format: "Directory sync (%@) in %.1f s: %@; %d left for an administrator.", run.outcome.rawValue,
                Date().timeIntervalSince(started), counts.isEmpty ? "nothing changes" : counts.joined(separator: ", "), run.flags.count))
    }
}
