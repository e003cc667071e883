import YuqingCore

/// The outcome of running a source.
public struct RunResult: Sendable {
    public var commands: Int = 0
    public var failures: Int = 0
    /// The worst failure: 0 ok, 1 a command failed, 3 internal failure.
    public var exitCode: Int32 = ExitCode.ok
    /// `quit` was run.
    public var quit: Bool = false
}

struct RunContext {
    var sink: any OutputSink
    var depth: Int
}

/// Runs sources (scripts, `-c`, standard input, `run FILE`, the start-up file, drills): words → `$name`
/// expansion → parse against the command table → handler → render.
public struct Interpreter: Sendable {
    public var entries: [CommandEntry]
    public init(entries: [CommandEntry] = CommandTable.entries) { self.entries = entries }

    public func run(source: String, file: String, session: Session, keepGoing: Bool,
                    output: some OutputSink) -> RunResult {
        RunResult()
    }
}
