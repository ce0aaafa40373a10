import ConsoleKit
import Fluent
import Vapor

/// Every command `tandem` takes, with its arguments and options. It is asked before anything
/// starts (no configuration read, no database opened): `tandem --help` lists the commands, each
/// answers `--help` with its usage, and an unknown command or option, a missing option value or a
/// wrong number of arguments is refused with the usage. The commands built on ConsoleKit are
/// described from their own signatures, so the guide cannot drift from what they parse.
struct CommandLineGuide {
    struct Command {
        var name: String
        var summary: String
        var arguments: [Input]
        var options: [Input]

        /// A command described by its ConsoleKit signature (it starts the application, so it also
        /// takes Vapor's `--env` and `--log`); `helps` says what an input its signature leaves
        /// undescribed is for.
        init<Signature: CommandSignature>(_ name: String, _ summary: String, _ signature: Signature, helps: [String: String] = [:]) {
            let inputs = Mirror(reflecting: signature).children.compactMap { $0.value as? any DescribedInput }.map { value in
                var input = value.input
                if input.help.isEmpty { input.help = helps[input.name] ?? "" }
                return input
            }
            self.init(
                name, summary, arguments: inputs.filter { $0.kind == .argument },
                options: inputs.filter { $0.kind != .argument } + CommandLineGuide.applicationOptions)
        }

        init(_ name: String, _ summary: String, arguments: [Input] = [], options: [Input] = []) {
            self.name = name
            self.summary = summary
            self.arguments = arguments
            self.options = options
        }
    }

    /// One argument, option (takes a value) or flag (takes none).
    struct Input: Equatable {
        enum Kind: Equatable { case argument, optionalArgument, option, flag }
        var name: String
        var short: Character?
        var help: String
        var kind: Kind
    }

    /// What to do with a command line.
    enum Decision: Equatable {
        /// Run the command (`serve` when none is named).
        case run(String)
        /// Print this and exit with success (`--help`).
        case show(String)
        /// Print this on standard error and exit with status 2.
        case refuse(String)
    }

    static let program = "tandem"

    /// What Vapor reads before any command that starts the application: the environment and the
    /// log level.
    static let applicationOptions = [
        Input(name: "env", short: "e", help: "Vapor's environment: development (default), production or testing.", kind: .option),
        Input(name: "log", short: nil, help: "The log level: trace, debug, info, notice, warning, error or critical.", kind: .option),
    ]

    static let commands: [Command] = [
        Command("serve", "Serves Tandem over HTTP (the command when none is named).", ServeCommand.Signature()),
        Command(
            "migrate", "Brings the database's tables up to date (serve does it too), or reverts the last migrations.",
            MigrateCommand.Signature(), helps: ["revert": "Reverts the last batch of migrations (asks first)."]),
        Command("routes", "Lists every HTTP route.", RoutesCommand.Signature()),
        Command("demo", DemoCommand().help, DemoCommand.Signature()),
        Command("dataset", DatasetCommand().help, DatasetCommand.Signature()),
        Command("import", ImportCommand().help, ImportCommand.Signature()),
        Command("directory-sync", DirectorySyncCommand().help, DirectorySyncCommand.Signature()),
        Command(
            "backup", "Writes an online, consistent backup of the database and the attachments while Tandem serves.",
            arguments: [
                Input(
                    name: "directory", help: "Where to write it, a new directory (default: ./tandem-backups/<time>).",
                    kind: .optionalArgument)
            ]),
        Command(
            "restore", "Restores a backup into the configured, empty database (stop the server first).",
            arguments: [Input(name: "directory", help: "The backup's directory.", kind: .argument)]),
    ]

    static func decide(_ arguments: [String]) -> Decision {
        // Vapor reads --env and --log wherever they stand: the command is the first other word.
        let skipped = applicationOptionPlaces(in: arguments)
        let words = arguments.indices.filter { !skipped.contains($0) }
        guard let firstPlace = words.first else { return .run("serve") }
        let first = arguments[firstPlace]
        if ["--help", "-h", "help"].contains(first) {
            if first == "help", let next = words.dropFirst().first {
                let name = arguments[next]
                return commands.first { $0.name == name }.map { .show(usage(of: $0)) } ?? .refuse(unknownCommand(name))
            }
            return .show(overview)
        }
        // Options with no command are the server's (`tandem --port 8080`).
        let named = !first.hasPrefix("-")
        let name = named ? first : "serve"
        guard let command = commands.first(where: { $0.name == name }) else { return .refuse(unknownCommand(name)) }
        var rest = arguments
        if named { rest.remove(at: firstPlace) }
        if rest.contains(where: { ["--help", "-h"].contains($0) }) { return .show(usage(of: command)) }
        return check(rest, against: command)
    }

    /// Where `--env`, `-e` and `--log` and their values stand.
    private static func applicationOptionPlaces(in arguments: [String]) -> Set<Int> {
        var places: Set<Int> = []
        var index = 0
        while index < arguments.count {
            if applicationOptions.contains(where: { "--\($0.name)" == arguments[index] || $0.short.map { "-\($0)" } == arguments[index] }) {
                places.insert(index)
                if index + 1 < arguments.count { places.insert(index + 1) }
                index += 2
            } else {
                index += 1
            }
        }
        return places
    }

    private static func check(_ arguments: [String], against command: Command) -> Decision {
        var positional = 0
        var index = 0
        while index < arguments.count {
            let token = arguments[index]
            index += 1
            guard token.hasPrefix("-"), token != "-" else {
                positional += 1
                continue
            }
            let option = command.options.first { "--\($0.name)" == token || $0.short.map { "-\($0)" } == token }
            guard let option else { return .refuse("\(program) \(command.name): unknown option \(token)\n\n" + usage(of: command)) }
            if option.kind == .option {
                guard index < arguments.count, !arguments[index].hasPrefix("--") else {
                    return .refuse("\(program) \(command.name): --\(option.name) needs a value\n\n" + usage(of: command))
                }
                index += 1
            }
        }
        let required = command.arguments.filter { $0.kind == .argument }.count
        if positional < required {
            let missing = command.arguments[positional].name
            return .refuse("\(program) \(command.name): the argument <\(missing)> is missing\n\n" + usage(of: command))
        }
        if positional > command.arguments.count {
            return .refuse("\(program) \(command.name): takes at most \(command.arguments.count) argument(s)\n\n" + usage(of: command))
        }
        return .run(command.name)
    }

    static var overview: String {
        let width = commands.map(\.name.count).max() ?? 0
        let lines = commands.map { "  \($0.name.padding(toLength: width + 2, withPad: " ", startingAt: 0))\($0.summary)" }
        return """
            Tandem 协同 — internal customer needs between departments.

            Usage: \(program) [command] [arguments] [options]

            Commands:
            \(lines.joined(separator: "\n"))

            Run '\(program) <command> --help' for a command's arguments and options.
            The configuration comes from TANDEM_* environment variables (see the README).
            """
    }

    static func usage(of command: Command) -> String {
        let arguments = command.arguments.map { $0.kind == .argument ? "<\($0.name)>" : "[\($0.name)]" }
        let options = command.options.map { $0.kind == .flag ? "[--\($0.name)]" : "[--\($0.name) <value>]" }
        var text = "Usage: " + ([program, command.name] + arguments + options).joined(separator: " ") + "\n\n" + command.summary + "\n"
        let help = Input(name: "help", short: "h", help: "Shows this help.", kind: .flag)
        let described =
            command.arguments.map { ("<\($0.name)>", $0.help) }
            + (command.options + [help]).map { option in
                (
                    ([option.short.map { "-\($0)" }].compactMap { $0 } + ["--\(option.name)" + (option.kind == .option ? " <value>" : "")])
                        .joined(separator: ", "), option.help
                )
            }
        let width = described.map(\.0.count).max() ?? 0
        text +=
            "\n" + described.map { "  \($0.0.padding(toLength: width + 2, withPad: " ", startingAt: 0))\($0.1)" }.joined(separator: "\n")
        return text
    }

    private static func unknownCommand(_ name: String) -> String {
        "\(program): unknown command '\(name)'\n\n" + overview
    }
}

/// A ConsoleKit signature value the guide can describe.
protocol DescribedInput {
    var input: CommandLineGuide.Input { get }
}

extension Option: DescribedInput {
    var input: CommandLineGuide.Input { .init(name: name, short: short, help: help, kind: .option) }
}

extension Flag: DescribedInput {
    var input: CommandLineGuide.Input { .init(name: name, short: short, help: help, kind: .flag) }
}

extension Argument: DescribedInput {
    var input: CommandLineGuide.Input { .init(name: name, short: nil, help: help, kind: .argument) }
}
