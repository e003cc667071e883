import YuqingCore

extension ShellVerbs {
    struct Format: Verb {
        static let spec = CommandSpec(
            name: "format", alias: "格式", group: .shell,
            summary: .both("设定输出格式：table、json、csv、md", "set the output format: table, json, csv, md"),
            synopsis: "format [table|json|csv|md] [--bom]",
            help: .both("对之后所有命令生效；单条命令可用 --format 临时指定。--bom 让 CSV 带 UTF-8 BOM（供 Excel 使用）。表格和 CSV 中的时间精确到分（2026-11-30 15:20，Excel、WPS 读作日期时间）；按系统时钟记录的秒数只在 JSON 中给出（docs/json.md）。",
                        "Applies to every following command; one command can use --format instead. --bom makes CSV start with a UTF-8 byte-order mark (for Excel). Tables and CSV give times in minutes (2026-11-30 15:20, which Excel and WPS read as a date and time); the seconds of a time logged on the system clock are in JSON only (docs/json.md)."),
            examples: ["format json", "format csv --bom", "格式 表格"])

        @Argument(FlagSpec.format.kind, name: "FORMAT", help: .both("输出格式", "output format")) var format: OutputFormat?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            if let f = format {
                session.format = f
                session.csvBOM = inv.bom
            }
            let bom = session.format == .csv && session.csvBOM
            return CommandOutput(zh: "输出格式：\(session.format.rawValue)\(bom ? "（带 BOM）" : "")",
                                 en: "Output format: \(session.format.rawValue)\(bom ? " (with BOM)" : "").")
        }
    }

    struct Lang: Verb {
        static let spec = CommandSpec(
            name: "lang", alias: "语言", group: .shell,
            summary: .both("设定界面语言：zh 或 en", "set the interface language: zh or en"),
            synopsis: "lang [zh|en]",
            examples: ["lang zh", "语言 英文"])

        @Argument(.choice([Choice("zh", zh: "中文", help: .both("中文", "Chinese")), Choice("en", zh: "英文", help: .both("英文", "English"))]),
                  name: "LANG", help: .both("语言", "language")) var language: Language?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            if let l = language { session.language = l }
            return CommandOutput(zh: "界面语言：中文", en: "Language: English")
        }
    }

    /// `quit` and its hidden twin `exit`.
    struct Quit: Verb {
        static let spec = CommandSpec(
            name: "quit", alias: "退出", group: .shell,
            summary: .both("退出（脚本中则停止脚本）", "leave the shell (in a script: stop the script)"),
            synopsis: "quit [STATUS]",
            examples: ["quit", "quit 1"])

        @Argument(.integer(0...255), name: "STATUS", help: .both("退出状态，默认 0", "exit status, 0 by default")) var status: Int = 0

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            session.quitRequested = Int32(status)
            return .empty
        }
    }

    static let exit: CommandEntry = {
        var e = Quit.entry
        e.editSpec { s in
            s.name = "exit"
            s.alias = "离开"
            s.synopsis = "exit [STATUS]"
            s.examples = ["exit"]
            s.summary = .both("同 quit", "same as quit")
            s.help = s.summary
            s.hidden = true
        }
        return e
    }()
}

extension ShellVerbs {
    struct Clear: Verb {
        static let spec = CommandSpec(
            name: "clear", alias: "清屏", group: .shell,
            summary: .both("清除屏幕（同 Ctrl-L）", "clear the screen (as Ctrl-L does)"),
            synopsis: "clear",
            help: .both("在终端上清除屏幕，提示符回到顶端；在脚本中或输出到管道、文件时不做任何事。",
                        "On a terminal, clears the screen and puts the prompt at the top; in a script, or when the output goes to a pipe or a file, does nothing."),
            examples: ["clear"])

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            // Only what was typed at the prompt clears: a script that says `clear` must not blank the screen of the
            // person who ran it.
            if inv.verbRange.file == Diagnostics.interactiveFile { session.runContext?.sink.clearScreen() }
            return .empty
        }
    }
}
