import YuqingCore

/// The outcome of running a source.
public struct RunResult: Sendable {
    public var commands: Int = 0
    public var failures: Int = 0
    /// The worst failure: 0 ok, 1 a command failed, 3 internal failure.
    public var exitCode: Int32 = ExitCode.ok
    /// `quit` was run.
    public var quit: Bool = false
    public init() {}
}

/// The run in progress, reachable from handlers of `run`/`source`/`echo` through the session.
struct RunContext {
    var sink: any OutputSink
    var depth: Int
    var keepGoing: Bool
    var interpreter: Interpreter
}

/// Runs sources (scripts, `-c`, standard input, `run FILE`, the start-up file, drills): words → `$name`
/// expansion → parse against the command table → handler (inside the session's transaction) → render.
/// Scripts stop at the first failing command unless `keepGoing`.
public struct Interpreter: Sendable {
    public var entries: [CommandEntry]
    public init(entries: [CommandEntry] = CommandTable.entries) { self.entries = entries }

    /// Nested `run`/`source` deeper than this is refused (a script that runs itself).
    static let maxDepth = 16

    public func run(source: String, file: String, session: Session, keepGoing: Bool,
                    output: some OutputSink) -> RunResult {
        var result = RunResult()
        let lexer = Lexer(source: source, file: file)
        let lines = lexer.rawLines
        let saved = session.runContext
        session.runContext = RunContext(sink: output, depth: (saved?.depth ?? 0) + 1, keepGoing: keepGoing,
                                        interpreter: self)
        defer { session.runContext = saved }

        lexer.commands { item in
            if session.quitRequested != nil || session.abortRun { return false }
            do throws(ShellError) {
                switch item {
                case .failure(let e): throw e
                case .success(let cmd): try execute(cmd, session: session, output: output)
                }
                result.commands += 1
            } catch {
                result.failures += 1
                result.exitCode = max(result.exitCode, ExitCode.of(error.kind))
                if !error.reported {
                    var line: String?
                    if let r = error.range, r.file == file, r.line >= 1, r.line <= lines.count { line = lines[r.line - 1] }
                    output.err(Diagnostics.render(error, line: line, language: session.language, color: output.color,
                                                  width: output.errWidth))
                }
                session.afterFailure?(error)
                if !keepGoing || session.abortRun { return false }
            }
            return true
        }
        if session.quitRequested != nil { result.quit = true }
        return result
    }

    /// Standard output carries data only when the format is for programs: in CSV every sentence goes to standard
    /// error; in JSON the sentences of a command that also has data (a table, its JSON, a document) go there too,
    /// while a command that only answers in sentences prints them as its JSON object (`{"messages": …}`), so every
    /// command gives one JSON line (docs/json.md, "Several commands").
    static func split(_ o: CommandOutput, format: OutputFormat) -> (data: CommandOutput, notes: CommandOutput) {
        guard !o.messages.isEmpty else { return (o, .empty) }
        let hasData = !o.tables.isEmpty || o.json != nil || o.document != nil || o.stream != nil
        guard format == .csv || (format == .json && hasData) else { return (o, .empty) }
        var data = o
        data.messages = []
        return (data, CommandOutput(messages: o.messages))
    }

    /// Parses and runs one command; for the REPL and tests that want the invocation's output directly.
    func execute(_ cmd: LexCommand, session: Session, output: some OutputSink) throws(ShellError) {
        let words = try Parser.expand(cmd, variables: session.variables)
        let (inv, entry) = try Parser.parse(words: words, command: cmd, entries: entries, session: session)
        let before = session.clock.now()
        guard let handler = entry.handler else {
            throw ShellError(zh: "\(inv.verbName) 没有处理程序", en: "`\(inv.verbName)` has no handler", range: inv.verbRange, kind: .internal)
        }
        // Every command is checked before its handler runs (inside the session's wrapper, which sees the denial
        // logged, as drills do); a refusal without a range points at the verb, below).
        let body = { () throws(ShellError) -> CommandOutput in
            try session.authorize?(inv)
            if let handed = try session.handOff?(inv) { return handed }
            return try handler(inv, session)
        }
        if inv.spec.waits || inv.spec.commitsAlone { session.settle?() }
        let out: CommandOutput
        do {
            if let tx = session.transaction { out = try tx(body) } else { out = try body() }
        } catch {
            var e = error
            if e.range == nil && !e.reported { e.range = inv.verbRange }
            throw e
        }
        if let c = out.created { session.variables["last"] = c.description }
        if inv.spec.mutates, !out.changedNothing, let rec = session.recorder {
            let effective = out.effective ?? (try? session.effectiveTime(inv)) ?? before
            rec.record(inv, effective: effective, actor: session.actor)
        }
        let (data, notes) = Interpreter.split(out, format: inv.format)
        if !notes.messages.isEmpty {
            output.err(Renderer(language: session.language, format: .table, color: false).render(notes))
        }
        let renderer = Renderer(language: session.language, format: inv.format, bom: inv.bom,
                                width: output.isTerminal ? output.width : nil, color: output.color)
        if data.stream != nil {
            // A streamed listing is written as the store reads it, past a script's gate (`streamingSink`).
            let sink = try output.streamingSink()
            do {
                try renderer.render(data) { sink.out($0) }
            } catch {
                var e = error
                if e.range == nil && !e.reported { e.range = inv.verbRange }
                throw e
            }
            sink.flush()
        } else {
            try renderer.render(data) { output.out($0) }
        }
        session.afterCommand?(inv, out)
    }
}
