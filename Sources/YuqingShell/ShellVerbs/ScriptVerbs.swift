import Foundation
import YuqingCore

extension ShellVerbs {
    /// Reads a script file; a file that cannot be read is a usage error at the FILE argument.
    static func readScript(_ arg: Arg) throws(ShellError) -> String {
        let path = arg.raw
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ShellError(zh: "无法读取文件 \(path)", en: "cannot read file \(path)", range: arg.range, kind: .usage)
        }
        return try SourceText.decode(data, file: path)
    }

    /// Runs FILE in this session; its diagnostics point into the file. Failure is reported there, so the
    /// calling command only fails (without printing again).
    static func runFile(_ file: ArgumentRef, _ session: Session) throws(ShellError) -> RunResult {
        guard let arg = file.arg else { return RunResult() }
        guard let ctx = session.runContext else {
            throw ShellError(zh: "没有可用的解释器", en: "no interpreter is running", kind: .internal)
        }
        guard ctx.depth < Interpreter.maxDepth else {
            throw ShellError(zh: "run/source 嵌套过深（超过 \(Interpreter.maxDepth) 层）",
                             en: "run/source nested too deeply (more than \(Interpreter.maxDepth))", range: arg.range)
        }
        let text = try readScript(arg)
        let result = ctx.interpreter.run(source: text, file: arg.raw, session: session, keepGoing: ctx.keepGoing,
                                         output: ctx.sink)
        if result.failures > 0 {
            throw ShellError(Localized(zh: "\(arg.raw) 中有 \(result.failures) 条命令失败", en: "\(result.failures) command(s) failed in \(arg.raw)"),
                             range: arg.range, kind: result.exitCode == ExitCode.internalFailure ? .internal : .usage,
                             reported: true)
        }
        return result
    }

    struct SourceVerb: Verb {
        static let spec = CommandSpec(
            name: "source", alias: "载入", group: .shell,
            summary: .both("在当前会话中执行脚本（身份、变量、设置保留）", "run a script in this session (its actor, variables and settings stay)"),
            synopsis: "source FILE",
            examples: ["source setup.yq"])

        @Argument(.path, name: "FILE", help: .both("脚本文件", "script file")) var file: String

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            _ = try runFile($file, session)
            return .empty
        }
    }

    struct Run: Verb {
        static let spec = CommandSpec(
            name: "run", alias: "运行", group: .shell,
            summary: .both("执行脚本（之后恢复身份、变量、格式和语言）", "run a script (then restore actor, variables, format and language)"),
            synopsis: "run FILE",
            help: .both("脚本与当前会话共用数据和时钟；脚本结束后恢复原来的身份、变量（$last 除外）、输出格式和语言。出错时默认停止。",
                        "The script shares the store and the clock; afterwards the actor, variables (except $last), output format and language are restored. It stops at the first error."),
            examples: ["run scripts/examples/day.yq"])

        @Argument(.path, name: "FILE", help: .both("脚本文件", "script file")) var file: String

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let saved = (session.actor, session.variables, session.format, session.language, session.csvBOM)
            defer {
                let last = session.variables["last"]
                (session.actor, session.variables, session.format, session.language, session.csvBOM) = saved
                if let last { session.variables["last"] = last }
            }
            _ = try runFile($file, session)
            return .empty
        }
    }

    /// `record`: whether a recording is running.
    struct Record: Verb {
        static let spec = CommandSpec(
            name: "record", alias: "录制", group: .shell,
            summary: .both("把成功的修改命令录制为可重放的脚本", "record the successful changing commands as a replayable script"),
            synopsis: "record [start FILE | stop]",
            help: .both("录制的每条命令都带 --at 生效时间，身份变化时写入 as 行，因此重放得到相同的状态。",
                        "Each recorded command carries its effective time as --at, and an `as` line is written whenever the actor changes, so replaying gives the same state."),
            examples: ["record start 今天.yq", "record stop"],
            subverbs: [RecordStart.entry, RecordStop.entry])

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            if let rec = session.recorder {
                return CommandOutput(zh: "正在录制到 \(rec.path)", en: "Recording to \(rec.path).")
            }
            return CommandOutput(zh: "未在录制", en: "Not recording.")
        }
    }

    struct RecordStart: Verb {
        static let spec = CommandSpec(name: "start", alias: "开始", group: .shell, summary: .both("开始录制到文件", "start recording into FILE"),
                                      synopsis: "record start FILE")

        @Argument(.path, name: "FILE", help: .both("输出的脚本文件（覆盖）", "the script file to write (overwritten)")) var file: String

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            // A second start switched files silently and left the first with its header only.
            if let current = session.recorder {
                throw ShellError(zh: "已在录制到 \(current.path)", en: "already recording to \(current.path)", range: $file.range,
                                 hint: .both("先 `record stop`", "`record stop` first"), kind: .wrongStage)
            }
            let rec = try ShellError.at($file.range) { try Recorder.start(path: file, now: session.clock.now()) }
            rec.lastActor = nil
            session.recorder = rec
            return CommandOutput(zh: "开始录制到 \(file)", en: "Recording to \(file).")
        }
    }

    struct RecordStop: Verb {
        static let spec = CommandSpec(name: "stop", alias: "停止", group: .shell, summary: .both("停止录制", "stop recording"),
                                      synopsis: "record stop")

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            guard let rec = session.recorder else {
                throw ShellError(zh: "没有正在进行的录制", en: "not recording", range: inv.verbRange, kind: .wrongStage)
            }
            session.recorder = nil
            return CommandOutput(zh: "录制已保存到 \(rec.path)", en: "Recording saved to \(rec.path).")
        }
    }
}
