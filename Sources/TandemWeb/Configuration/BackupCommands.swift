import Foundation
import Logging
import TandemCore
import TandemStore

/// `tandem backup [DIRECTORY]` and `tandem restore DIRECTORY` (their usage is in `CommandLineGuide`). They work on the data directory
/// and database the configuration names, without starting the application: a backup runs
/// beside a serving Tandem (it is online and consistent); a restore needs the server stopped and
/// an empty database.
enum BackupCommands {
    /// Runs the command if the arguments name one; `nil` when they name another command.
    static func run(_ arguments: [String], _ configuration: TandemConfiguration) async -> Int32? {
        guard let command = arguments.first, ["backup", "restore"].contains(command) else { return nil }
        let location = DataLocation(configuration)
        let logger = Logger(label: "tandem.backup")
        do {
            if command == "backup" {
                let stamp = Timestamp.format(Date()).replacingOccurrences(of: ":", with: "-")
                let destination = URL(fileURLWithPath: arguments.dropFirst().first ?? "tandem-backups/\(stamp)")
                let manifest = try await Backup.create(of: location, at: destination, logger: logger)
                print(
                    "Backup written to \(destination.standardizedFileURL.path): \(manifest.database) database, \(manifest.attachments) attachments."
                )
            } else {
                // NB: CommandLineGuide refused the command line without a directory.
                guard let source = arguments.dropFirst().first else { return 2 }
                let manifest = try Backup.restore(from: URL(fileURLWithPath: source), into: location)
                print("Restored the backup of \(Timestamp.format(manifest.createdAt)): \(manifest.attachments) attachments.")
            }
            return 0
        } catch {
            FileHandle.standardError.write(Data("\(command) failed: \(error)\n".utf8))
            return 1
        }
    }
}

extension DataLocation {
    /// Where the configuration keeps the data.
    public init(_ configuration: TandemConfiguration) {
        let database: DataLocation.Database
        switch configuration.database {
        case .sqlite(let path): database = .sqlite(path: path)
        case .postgres(let url): database = .postgres(url: url)
        }
        self.init(database: database, attachments: configuration.dataDirectory.appendingPathComponent("attachments"))
    }
}
