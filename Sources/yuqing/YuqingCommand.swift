import ArgumentParser
import YuqingCore
import YuqingShell

/// The command line of `yuqing`. Only argv lives here; everything else is in the YuqingShell library. `--help` is
/// answered before parsing, in the user's language, by `CommandLineText.help`.
struct YuqingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "yuqing",
        abstract: "A chat-style shell for a city's government-affairs public opinion response system.",
        version: YuqingVersion.string
    )

    @Option(name: .customShort("c"), help: ArgumentHelp("Run COMMAND (repeatable).", valueName: "COMMAND"))
    var command: [String] = []

    @Option(help: ArgumentHelp("The store: a SQLite file (default: yuqing.sqlite in the data directory, or $YUQING_DB) or a PostgreSQL URL (postgres://user@host:port/dbname).", valueName: "PATH"))
    var db: String?

    @Option(help: "Output format: table, json, csv or md.")
    var format: String?

    @Option(help: "Interface language: zh or en (default from LC_ALL/LANG).")
    var lang: String?

    @Flag(help: "Go on after a failing command (the exit status is still non-zero).")
    var keepGoing = false

    @Flag(help: "Do not run the start-up file.")
    var noInit = false

    @Flag(help: .hidden)
    var commandsMd = false

    @Argument(help: ArgumentHelp("`run FILE…` to run script files.", valueName: "run FILE"))
    var words: [String] = []

    /// The messages are English here; `CommandLineText.usageError` says them in Chinese under `--lang zh`.
    func validate() throws {
        func fail(_ p: CommandLineText.Problem) -> ValidationError { ValidationError(p.message.en) }
        if let f = format, OutputFormat(rawValue: f) == nil { throw fail(.format(f)) }
        if let l = lang, Language(rawValue: l) == nil { throw fail(.language(l)) }
        if let first = words.first {
            guard first == "run" || first == "运行" else { throw fail(.unexpected(first)) }
            guard words.count > 1 else { throw fail(.runNeedsFile) }
            guard command.isEmpty else { throw fail(.runAndCommand) }
        }
    }

    var launch: Launch {
        let mode: Launch.Mode = words.isEmpty ? (command.isEmpty ? .interactive : .commands(command))
            : .files(Array(words.dropFirst()))
        return Launch(mode: mode, dbPath: db, format: format.flatMap(OutputFormat.init(rawValue:)),
                      language: lang.flatMap(Language.init(rawValue:)), keepGoing: keepGoing, noInit: noInit)
    }
}

enum YuqingVersion {
    static let string = "0.1.0"
}
