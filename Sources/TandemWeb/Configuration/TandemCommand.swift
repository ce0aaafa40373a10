import Foundation
import Logging
import Vapor

/// The `tandem` executable: checks the command line (`CommandLineGuide`: help, unknown commands
/// and options), reads the configuration, sets the application up, creates the first
/// administrator when there is none, and runs Vapor's command (`serve` by default, with
/// `--hostname` and `--port`; `migrate`; `routes`; `demo`; `dataset`; `import`). `backup` and
/// `restore` run without the application (see `BackupCommands`).
public enum TandemCommand {
    public static func main() async {
        let command: String
        switch CommandLineGuide.decide(Array(CommandLine.arguments.dropFirst())) {
        case .show(let text):
            print(text)
            exit(0)
        case .refuse(let text):
            FileHandle.standardError.write(Data((text + "\n").utf8))
            exit(2)
        case .run(let name):
            // NB: the guide's reading, not the first word: in `tandem -e production` that is a value.
            command = name
        }
        let configuration: TandemConfiguration
        do {
            configuration = try TandemConfiguration.fromEnvironment()
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            exit(1)
        }
        if let status = await BackupCommands.run(Array(CommandLine.arguments.dropFirst()), configuration) {
            exit(status)
        }
        do {
            var environment = try Environment.detect()
            try LoggingSystem.bootstrap(from: &environment)
            let app = try await Application.make(environment)
            do {
                try await configure(app, configuration)
                app.asyncCommands.use(DemoCommand(), as: "demo")
                app.asyncCommands.use(DatasetCommand(), as: "dataset")
                app.asyncCommands.use(ImportCommand(), as: "import")
                app.asyncCommands.use(DirectorySyncCommand(), as: "directory-sync")
                if command == "serve" {
                    // NB: on SQLite the server is the only writer that runs imports, so one still
                    // marked running was cut off; on PostgreSQL another instance may be running a
                    // recent one (none takes an hour).
                    _ = try await app.tandem.imports.failInterrupted(exceptWithin: app.tandem.database.dialect == .sqlite ? 0 : 3600)
                }
                if ["serve", "demo"].contains(command), let password = try await FirstStart.ensureAdministrator(app) {
                    print(
                        """

                        ────────────────────────────────────────────────────────────
                         Tandem 协同 — first start. Administrator created.
                           login:    admin
                           password: \(password)
                         This password is shown once. Change it after signing in.
                        ────────────────────────────────────────────────────────────

                        """)
                    fflush(nil)  // NB: stdout is block-buffered when it is not a terminal.
                }
                if command == "serve" {
                    app.tandem.jobRunner.start()
                    app.tandem.scheduler.start()
                }
                try await app.execute()
            } catch {
                app.logger.critical("\(error)")
                try? await app.asyncShutdown()
                exit(1)
            }
            try await app.asyncShutdown()
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            exit(1)
        }
    }
}
