import ArgumentParser
import YuqingCore
import YuqingShell

/// The command line of `yuqing`. Only argv lives here; everything else is in the YuqingShell library.
struct YuqingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "yuqing",
        abstract: "政务舆情回应 — a chat-style shell for a city's government-affairs public opinion response system.",
        discussion: """
        yuqing                 interactive shell on a terminal; commands from standard input otherwise
        yuqing run FILE…       run script files
        yuqing -c 'COMMAND'    run commands (repeatable)

        Exit status: 0 ok; 1 a command failed; 2 usage error (bad arguments, unreadable file); 3 internal failure.
        Start-up file: $XDG_CONFIG_HOME/yuqing/init.yq (~/.config/yuqing/init.yq), skipped with --no-init.
        """,
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

    func validate() throws {
        if let f = format, OutputFormat(rawValue: f) == nil {
            throw ValidationError("--format must be table, json, csv or md (got '\(f)')")
        }
        if let l = lang, Language(rawValue: l) == nil {
            throw ValidationError("--lang must be zh or en (got '\(l)')")
        }
        if let first = words.first {
            guard first == "run" || first == "运行" else {
                throw ValidationError("unexpected argument '\(first)': use `yuqing run FILE…` or `yuqing -c 'COMMAND'`")
            }
            guard words.count > 1 else { throw ValidationError("`run` needs at least one FILE") }
            guard command.isEmpty else { throw ValidationError("use either `run FILE…` or `-c`, not both") }
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
