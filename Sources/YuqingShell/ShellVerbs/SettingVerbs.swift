import YuqingCore

extension ShellVerbs {
    static let format = CommandEntry(spec: CommandSpec(
        name: "format", alias: "格式", group: .shell,
        summary: .both("设定输出格式：table、json、csv、md", "set the output format: table, json, csv, md"),
        synopsis: "format [table|json|csv|md] [--bom]",
        help: .both("对之后所有命令生效；单条命令可用 --format 临时指定。--bom 让 CSV 带 UTF-8 BOM（供 Excel 使用）。",
                    "Applies to every following command; one command can use --format instead. --bom makes CSV start with a UTF-8 byte-order mark (for Excel)."),
        examples: ["format json", "format csv --bom", "格式 表格"],
        positionals: [ArgSpec("FORMAT", FlagSpec.format.kind, optional: true, help: .both("输出格式", "output format"))]
    )) { inv, session throws(ShellError) in
        if let f = inv.positional(0)?.text.flatMap(OutputFormat.init(rawValue:)) {
            session.format = f
            session.csvBOM = inv.has("bom")
        }
        let bom = session.format == .csv && session.csvBOM
        return CommandOutput(zh: "输出格式：\(session.format.rawValue)\(bom ? "（带 BOM）" : "")",
                             en: "Output format: \(session.format.rawValue)\(bom ? " (with BOM)" : "").")
    }

    static let lang = CommandEntry(spec: CommandSpec(
        name: "lang", alias: "语言", group: .shell,
        summary: .both("设定界面语言：zh 或 en", "set the interface language: zh or en"),
        synopsis: "lang [zh|en]",
        examples: ["lang zh", "语言 英文"],
        positionals: [ArgSpec("LANG", .choice([Choice("zh", zh: "中文", help: .both("中文", "Chinese")),
                                               Choice("en", zh: "英文", help: .both("英文", "English"))]),
                              optional: true, help: .both("语言", "language"))]
    )) { inv, session throws(ShellError) in
        if let l = inv.positional(0)?.text.flatMap(Language.init(rawValue:)) { session.language = l }
        return CommandOutput(zh: "界面语言：中文", en: "Language: English")
    }

    static let quitSpec = CommandSpec(
        name: "quit", alias: "退出", group: .shell,
        summary: .both("退出（脚本中则停止脚本）", "leave the shell (in a script: stop the script)"),
        synopsis: "quit [STATUS]",
        examples: ["quit", "quit 1"],
        positionals: [ArgSpec("STATUS", .integer, optional: true, help: .both("退出状态，默认 0", "exit status, 0 by default"))]
    )

    static func quitHandler(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
        let code = inv.positional(0)?.integer ?? 0
        guard (0...255).contains(code) else {
            throw ShellError(zh: "退出状态须在 0–255 之间", en: "the exit status must be between 0 and 255", range: inv.positional(0)?.range)
        }
        session.quitRequested = Int32(code)
        return .empty
    }

    static let quit = CommandEntry(spec: quitSpec) { inv, session throws(ShellError) in try quitHandler(inv, session) }

    static let exit: CommandEntry = {
        var spec = quitSpec
        spec.name = "exit"
        spec.alias = "离开"
        spec.synopsis = "exit [STATUS]"
        spec.examples = ["exit"]
        spec.summary = .both("同 quit", "same as quit")
        spec.help = spec.summary
        spec.hidden = true
        return CommandEntry(spec: spec) { inv, session throws(ShellError) in try quitHandler(inv, session) }
    }()
}
