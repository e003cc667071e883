import YuqingCore

/// The verbs of training drills (Art. 11): `drill run|status|next|advance|note|end|report|log|replay|check`.
enum DrillVerbs {
    static let entries: [CommandEntry] = [drill]

    static let drill = CommandEntry(group: CommandSpec(
        name: "drill", alias: "演练", group: .drills,
        summary: Localized(zh: "演练：按脚本在模拟时钟上推演、评分并生成评估报告", en: "training drills: play a scenario on a simulated clock, score it, write the after-action report"),
        synopsis: "drill run FILE [--auto [--actions FILE] | --live [--speed N]] | drill status | drill next | drill advance SPAN | drill note TEXT | drill end | drill report [--out FILE] [--format md|html|docx] [--lang zh|en] | drill replay LOG [--verify] | drill check FILE",
        help: Localized(
            zh: "演练在独立的内存数据库中进行（不会触及真实案件），时钟为模拟时钟，从脚本的 epoch 开始。逐步模式下学员在提示符下操作（用 as 切换身份），drill next 推进到下一个注入或时限，drill advance 30m 拨快时钟（clock advance 也会触发到期的注入）；--auto 无人值守，时钟从一个事件跳到下一个，学员操作可由 --actions 文件提供；--live --speed 60 时钟按倍速走动。drill end 结束并评分，drill report 生成评估报告（默认中文；--out 的扩展名决定格式：.md、.html、.docx），drill replay LOG --verify 重放并核对状态哈希与报告。详见 docs/drills.md。",
            en: "A drill runs in its own in-memory store (never the real cases) on a simulated clock starting at the script's epoch. Stepped: trainees act at the prompt (switching with `as`); `drill next` jumps to the next inject or deadline, `drill advance 30m` moves the clock (so does `clock advance`, which also fires what falls due). `--auto`: nobody at the keyboard, the clock jumps from event to event, trainee actions may come from `--actions FILE`. `--live --speed 60`: the clock runs 60 times faster than real time. `drill end` scores it; `drill report` writes the after-action report (Chinese by default; --out's extension chooses .md, .html or .docx); `drill replay LOG --verify` re-runs a drill log and checks the state hash and report. See docs/drills.md."),
        examples: ["drill run scripts/drills/tap-water-rumour.yq", "drill run scripts/drills/tap-water-rumour.yq --auto --actions scripts/drills/tap-water-rumour.actions.yq",
                   "drill next", "drill advance 30m", "drill status", "drill note \"回应口径未经会商统一\" --improve --owner propaganda",
                   "drill end --log 演练记录.log", "drill report --out 评估报告.md", "drill replay 演练记录.log --verify"],
        subverbs: [RunDrill.entry, Status.entry, Next.entry, Advance.entry, Note.entry, End.entry, Report.entry, Log.entry,
                   Replay.entry, Denied.entry, Check.entry],
        defaultSubverb: "status"))

    struct RunDrill: Verb {
        static let spec = CommandSpec(
            name: "run", alias: "开始", group: .drills,
            summary: Localized(zh: "开始演练（默认逐步推进）", en: "start a drill (stepped unless --auto or --live)"),
            synopsis: "drill run FILE [--auto] [--actions FILE] [--live] [--speed N] [--log FILE] [--report FILE] [--lang zh|en] [--quiet]")

        @Argument(.path, name: "FILE", help: Localized(zh: "演练脚本", en: "the drill script")) var file: String
        @Flag(help: Localized(zh: "自动推演到结束", en: "run to the end unattended")) var auto: Bool
        @Option(.path, help: Localized(zh: "学员操作脚本（隐含 --auto）", en: "scripted trainee actions (implies --auto)")) var actions: String?
        @Flag(help: Localized(zh: "实时模式：时钟按倍速走动", en: "live: the clock runs at a speed factor")) var live: Bool
        @Option(.integer(1...10_000), help: Localized(zh: "实时模式倍速（默认 60）", en: "live speed factor (default 60)")) var speed: Int = 60
        @Option(.path, help: Localized(zh: "结束时写入演练日志（供重放）", en: "write the drill log at the end (for replay)")) var log: String?
        @Option(.path, help: Localized(zh: "结束时写入评估报告（.md、.html 或 .docx）", en: "write the after-action report at the end (.md, .html or .docx)")) var report: String?
        @Option(.language, help: Localized(zh: "报告语言（默认中文）", en: "report language (Chinese by default)")) var lang: Language = .zh
        @Flag(help: Localized(zh: "自动模式下不显示过程", en: "do not show the run in --auto mode")) var quiet: Bool

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            try DrillCommands.run(self, inv, session)
        }
    }

    struct Status: Verb {
        static let spec = CommandSpec(
            name: "status", alias: "状态", group: .drills,
            summary: Localized(zh: "演练时钟、下一个注入和进行中的预期行动", en: "the drill clock, the next inject and open expectations"))

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            try DrillCommands.status(inv, session)
        }
    }

    struct Next: Verb {
        static let spec = CommandSpec(
            name: "next", alias: "下一步", group: .drills,
            summary: Localized(zh: "推进到下一个注入或时限", en: "jump to the next inject or deadline"))

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            try DrillCommands.next(inv, session)
        }
    }

    struct Advance: Verb {
        static let spec = CommandSpec(
            name: "advance", alias: "推进", group: .drills,
            summary: Localized(zh: "把演练时钟拨快一段时间", en: "move the drill clock forward"),
            synopsis: "drill advance SPAN")

        @Argument(.span, name: "SPAN", help: Localized(zh: "时长，如 30m", en: "a span such as 30m")) var span: Span

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            try DrillCommands.advance(span, inv, session)
        }
    }

    struct Note: Verb {
        static let spec = CommandSpec(
            name: "note", alias: "记录", group: .drills,
            summary: Localized(zh: "导调记录：优点、不足或改进事项", en: "a trainer's note: a strength, an area for improvement, a plan item"),
            synopsis: "drill note TEXT [--strength | --improve [--owner DEPT] [--due DATE]]",
            textBlock: true)

        @Argument(.text, name: "TEXT", help: Localized(zh: "内容", en: "the note")) var text: String
        @Flag(help: Localized(zh: "记为优点", en: "a strength")) var strength: Bool
        @Flag(help: Localized(zh: "记为不足（列入改进计划）", en: "an area for improvement (goes into the plan)")) var improve: Bool
        @Option(.department, help: Localized(zh: "改进责任部门", en: "who owns the improvement")) var owner: String?
        @Option(.date, help: Localized(zh: "改进完成时限", en: "when the improvement is due")) var due: CivilDate?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            try DrillCommands.note(self, inv, session)
        }
    }

    struct End: Verb {
        static let spec = CommandSpec(
            name: "end", alias: "结束", group: .drills,
            summary: Localized(zh: "结束演练并评分", en: "end the drill and score it"),
            synopsis: "drill end [--log FILE] [--report FILE] [--lang zh|en]")

        @Option(.path, help: Localized(zh: "写入演练日志", en: "write the drill log")) var log: String?
        @Option(.path, help: Localized(zh: "写入评估报告（.md、.html 或 .docx）", en: "write the report (.md, .html or .docx)")) var report: String?
        @Option(.language, help: Localized(zh: "报告语言", en: "report language")) var lang: Language = .zh

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            try DrillCommands.end(log: $log, report: $report, lang: lang, inv, session)
        }
    }

    struct Report: Verb {
        static let spec = CommandSpec(
            name: "report", alias: "报告", group: .drills,
            summary: Localized(zh: "评估报告（Markdown、网页或 Word）", en: "the after-action report (Markdown, HTML or Word)"),
            synopsis: "drill report [--out FILE] [--format md|html|docx] [--lang zh|en]")

        @Option(.path, help: DocumentTarget.outHelp) var out: String?
        @Option(DocumentTarget.formats, help: DocumentTarget.formatHelp) var format: DocumentFormat?
        @Option(.language, help: DocumentTarget.langHelp) var lang: Language = .zh

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let target = try DocumentTarget.resolve(out: $out, format: format, formatRef: $format, verbRange: inv.verbRange)
            return try DrillCommands.report(target, lang: lang, inv, session)
        }
    }

    struct Log: Verb {
        static let spec = CommandSpec(
            name: "log", alias: "日志", group: .drills,
            summary: Localized(zh: "写出演练日志（学员操作，供重放）", en: "write the drill log (trainee actions, for replay)"),
            synopsis: "drill log FILE")

        @Argument(.path, name: "FILE") var file: String

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            try DrillCommands.writeLog($file, inv, session)
        }
    }

    struct Replay: Verb {
        static let spec = CommandSpec(
            name: "replay", alias: "重放", group: .drills,
            summary: Localized(zh: "重放演练日志，核对状态哈希与报告", en: "replay a drill log and check the state hash and report"),
            synopsis: "drill replay LOG [--verify] [--script FILE]")

        @Argument(.path, name: "LOG") var log: String
        @Flag(help: Localized(zh: "不一致时报错", en: "fail when anything differs")) var verify: Bool
        @Option(.path, help: Localized(zh: "脚本路径（默认取日志中的路径）", en: "the script (default: the path in the log)")) var script: String?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            try DrillCommands.replay(self, inv, session)
        }
    }

    struct Denied: Verb {
        static let spec = CommandSpec(
            name: "denied", alias: "被拒", group: .drills,
            summary: Localized(zh: "（演练日志用）重现一条被拒绝的操作", en: "(drill logs) reproduce a refused action"),
            synopsis: "drill denied VERB [CASE] REASON",
            hidden: true)

        @Argument(.word, name: "VERB") var verb: String
        @Argument(.word, name: "CASE") var subject: String
        @Argument(.text, name: "REASON") var reason: String

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            try DrillCommands.denied(verb: verb, subject: subject, reason: reason, inv, session)
        }
    }

    struct Check: Verb {
        static let spec = CommandSpec(
            name: "check", alias: "检查", group: .drills,
            summary: Localized(zh: "只检查演练脚本（及操作脚本），不运行", en: "check a drill script (and actions) without running it"),
            synopsis: "drill check FILE [--actions FILE]")

        @Argument(.path, name: "FILE") var file: String
        @Option(.path) var actions: String?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            try DrillCommands.check(file: $file, actions: $actions, session)
        }
    }
}
