import Foundation
import YuqingCore
import YuqingStore
#if canImport(Glibc)
import Glibc
#endif

/// Runs what the executable was asked for: set the session up, run the start-up file, then the REPL, the
/// files, the `-c` commands or standard input. Returns the exit status.
public struct Launcher {
    public var launch: Launch
    public var configurator: any SessionConfigurator
    public var environment: Environment

    public init(launch: Launch, configurator: any SessionConfigurator, environment: Environment = .current) {
        self.launch = launch
        self.configurator = configurator
        self.environment = environment
    }

    /// zh when LC_ALL / LC_MESSAGES / LANG (first set) starts with zh, else en.
    public static func defaultLanguage(_ env: Environment) -> Language {
        let v = [env["LC_ALL"], env["LC_MESSAGES"], env["LANG"]].compactMap { $0 }.first { !$0.isEmpty } ?? ""
        return v.lowercased().hasPrefix("zh") ? .zh : .en
    }

    var home: String { environment["HOME"] ?? NSHomeDirectory() }

    /// `$XDG_DATA_HOME/yuqing` or `~/.local/share/yuqing`.
    public var dataDirectory: String { Launcher.dataDirectory(environment) }

    public static func dataDirectory(_ env: Environment) -> String {
        if let x = env["XDG_DATA_HOME"], x.hasPrefix("/") { return x + "/yuqing" }
        return (env["HOME"] ?? NSHomeDirectory()) + "/.local/share/yuqing"
    }

    /// `$XDG_CONFIG_HOME/yuqing/init.yq` or `~/.config/yuqing/init.yq`.
    public var initFile: String {
        if let x = environment["XDG_CONFIG_HOME"], x.hasPrefix("/") { return x + "/yuqing/init.yq" }
        return home + "/.config/yuqing/init.yq"
    }

    public func run() -> Int32 {
        let sink = StandardSink(environment: environment)
        defer { sink.flush() }
        let lang = launch.language ?? Launcher.defaultLanguage(environment)
        let session = Session(language: lang, format: launch.format ?? .table)
        // Long work draws a progress line only for a person at a terminal: the REPL or `-c`, never a script.
        let interactive: Bool
        switch launch.mode {
        case .interactive: interactive = isatty(0) == 1
        case .commands: interactive = true
        case .files: interactive = false
        }
        session.register(ProgressPolicy.detect(environment: environment, interactive: interactive))
        func fail(_ e: ShellError, _ code: Int32) -> Int32 {
            sink.err(Diagnostics.render(e, line: nil, language: lang, color: sink.color))
            return code
        }
        if let now = environment["YUQING_NOW"], !now.isEmpty {
            let r = SourceRange(file: "YUQING_NOW", line: 1, column: 1, length: now.count)
            guard case .absolute(let t)? = try? ValueParser.time(now, range: r) else {
                return fail(ShellError(zh: "YUQING_NOW 须为完整时间，如 2019-12-19T09:00",
                                       en: "YUQING_NOW must be a full time such as 2019-12-19T09:00"), ExitCode.usage)
            }
            session.clock = SimulatedClock(t)
        }
        let dbPath: String
        // `--db`, else `YUQING_DB` (a file or a postgres:// URL), else the file in the data directory.
        if let p = launch.dbPath ?? environment["YUQING_DB"].flatMap({ $0.isEmpty ? nil : $0 }) {
            dbPath = p
        } else {
            do {
                try SecureFiles.createDirectories(dataDirectory, mode: 0o700)
            } catch {
                return fail(ShellError(zh: "无法创建数据目录 \(dataDirectory)", en: "cannot create the data directory \(dataDirectory)",
                                       kind: .internal), ExitCode.internalFailure)
            }
            dbPath = dataDirectory + "/yuqing.sqlite"
        }
        do throws(ShellError) {
            try configurator.configure(session, dbPath: dbPath)
        } catch {
            return fail(error, ExitCode.atStartUp(error.kind))
        }
        for w in session.startupWarnings {
            sink.err(Diagnostics.render(ShellError(w), line: nil, language: lang, color: sink.color, warning: true))
        }
        let interpreter = Interpreter()
        if !launch.noInit, let data = FileManager.default.contents(atPath: initFile) {
            do throws(ShellError) {
                _ = interpreter.run(source: try SourceText.decode(data, file: initFile), file: initFile, session: session,
                                    keepGoing: true, output: sink)
            } catch {
                sink.err(Diagnostics.render(error, line: nil, language: lang, color: sink.color))
            }
            if let q = session.quitRequested { return q }
        }

        if case .interactive = launch.mode, isatty(0) == 1 {
            sink.flush()
            // The history file lives in the data directory even when --db points elsewhere.
            try? SecureFiles.createDirectories(dataDirectory, mode: 0o700)
            let repl = REPL(session: session, interpreter: interpreter, sink: sink,
                            historyPath: dataDirectory + "/history")
            return repl.run()
        }
        var sources: [(text: String, file: String)] = []
        switch launch.mode {
        case .commands(let cmds):
            // Several `-c` are numbered so that an error names which one it is (`<command 2>:1:1`).
            sources = cmds.count == 1 ? [(cmds[0], "<command>")]
                : cmds.enumerated().map { ($0.element, "<command \($0.offset + 1)>") }
        case .files(let files):
            for f in files {
                guard let data = FileManager.default.contents(atPath: f) else {
                    return fail(ShellError(zh: "无法读取文件 \(f)", en: "cannot read file \(f)"), ExitCode.usage)
                }
                do throws(ShellError) { sources.append((try SourceText.decode(data, file: f), f)) } catch {
                    return fail(error, ExitCode.usage)
                }
            }
        case .interactive:
            let data = FileHandle.standardInput.readDataToEndOfFile()
            do throws(ShellError) { sources = [(try SourceText.decode(data, file: "<stdin>"), "<stdin>")] } catch {
                return fail(error, ExitCode.usage)
            }
        }
        let keepGoing = launch.keepGoing
        let runAll: (any OutputSink) -> RunResult = { out in
            var result = RunResult()
            for (text, file) in sources {
                let r = interpreter.run(source: text, file: file, session: session, keepGoing: keepGoing, output: out)
                result.failures += r.failures
                result.exitCode = max(result.exitCode, r.exitCode)
                if session.quitRequested != nil || (result.failures > 0 && !keepGoing) { break }
            }
            return result
        }
        let result = session.scriptScope?(sink, runAll) ?? runAll(sink)
        if let q = session.quitRequested, result.failures == 0 { return q }
        return result.exitCode
    }
}
