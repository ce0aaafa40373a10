import Testing

@testable import TandemWeb

@Suite("The command line explains itself")
struct CommandLineGuideTests {
    typealias Guide = CommandLineGuide

    @Test("--help lists every command, backup and restore included")
    func overview() {
        guard case .show(let text) = Guide.decide(["--help"]) else { Issue.record("no help"); return }
        for name in ["serve", "migrate", "routes", "demo", "dataset", "import", "backup", "restore"] {
            #expect(text.contains("\n  \(name) "), "\(name) is listed")
        }
        #expect(Guide.decide(["-h"]) == .show(text) && Guide.decide(["help"]) == .show(text))
    }

    @Test("every command answers --help with its usage, and runs nothing", arguments: CommandLineGuide.commands.map(\.name))
    func commandHelp(name: String) {
        guard case .show(let text) = Guide.decide([name, "--help"]) else { Issue.record("\(name) --help runs"); return }
        #expect(text.hasPrefix("Usage: tandem \(name)"))
        #expect(Guide.decide(["help", name]) == .show(text))
        #expect(Guide.decide([name, "-h"]) == .show(text))
    }

    @Test("the usage is read from the commands' own signatures")
    func signatures() {
        guard case .show(let importHelp) = Guide.decide(["import", "--help"]),
            case .show(let serveHelp) = Guide.decide(["serve", "--help"])
        else { Issue.record("no help"); return }
        #expect(importHelp.hasPrefix("Usage: tandem import <kind> <file> [--dry-run] [--by <value>] [--env <value>] [--log <value>]"))
        #expect(serveHelp.contains("-p, --port <value>") && serveHelp.contains("-H, --hostname <value>"))
    }

    @Test(
        "what the commands take is run",
        arguments: [
            ([], "serve"), (["--port", "8081"], "serve"), (["serve", "-H", "127.0.0.1", "-p", "8081"], "serve"),
            (["migrate", "--revert"], "migrate"), (["serve", "--env", "production", "--log", "warning"], "serve"),
            (["-e", "production"], "serve"), (["-e", "production", "serve", "-p", "8081"], "serve"),
            (["--log", "warning", "demo", "--needs", "5"], "demo"), (["demo", "--needs", "70"], "demo"), (["backup"], "backup"),
            (["backup", "/tmp/b"], "backup"), (["restore", "/tmp/b"], "restore"),
            (["import", "needs", "a.csv", "--dry-run", "--by", "admin"], "import"),
        ])
    func runs(arguments: [String], command: String) {
        #expect(Guide.decide(arguments) == .run(command))
    }

    @Test(
        "anything else is refused with the usage, before anything starts",
        arguments: [
            (["frob"], "unknown command 'frob'"), (["backup", "--bogus"], "unknown option --bogus"),
            (["backup", "a", "b"], "takes at most 1 argument"), (["restore"], "the argument <directory> is missing"),
            (["demo", "--needs"], "--needs needs a value"), (["demo", "--needs", "--port"], "--needs needs a value"),
            (["import", "needs"], "the argument <file> is missing"), (["serve", "--verbose"], "unknown option --verbose"),
            (["help", "frob"], "unknown command 'frob'"), (["backup", "--env", "production"], "unknown option --env"),
        ])
    func refusals(arguments: [String], message: String) {
        guard case .refuse(let text) = Guide.decide(arguments) else { Issue.record("\(arguments) not refused"); return }
        #expect(text.contains(message), "\(text)")
        #expect(text.contains("Usage: tandem"), "the usage follows the message")
    }
}
