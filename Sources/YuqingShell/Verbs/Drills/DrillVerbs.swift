import YuqingCore

/// The verbs of training drills (Art. 11): `drill run|status|plan|next|advance|inject|note|end|report|score|history|brief|log|replay|check`.
enum DrillVerbs {
    static let entries: [CommandEntry] = [drill]

    static let drill = CommandEntry(group: CommandSpec(
        name: "drill", alias: "演练", group: .drills,
        summary: Localized(zh: "演练：按脚本在模拟时钟上推演、评分并生成评估报告", en: "training drills: play a scenario on a simulated clock, score it, write the after-action report"),
        synopsis: "drill run FILE [--auto [--actions FILE] | --live [--speed N]] [--place TEXT] | drill join [N] [--as NAME] | drill leave | drill pause | drill resume | drill speed N | drill wait [SPAN] | drill status | drill plan | drill next | drill advance SPAN | drill inject COMMAND | drill note TEXT | drill end | drill report | drill score | drill history | drill brief [FILE] [--role ROLE] | drill replay LOG [--verify] | drill check FILE",
        help: Localized(
            zh: "演练在独立的内存数据库中进行（不会触及真实案件），时钟为模拟时钟，从脚本的 epoch 开始。逐步推进：导调用 drill next / drill advance 30m 推进时钟，学员用 as 本人姓名 上机操作，每项操作用时一个 step；--auto 无人值守，学员操作可由 --actions 文件提供；--live --speed 60 时钟按倍速走动，注入按时发出，导调可 drill pause / drill resume / drill speed N，学员可在各自终端 drill join 加入（操作由导调端按顺序执行，注入和其他学员的操作即时显示）。演练中不能用 --at 或 clock 改动时间；学员不能结束演练、记录评估或临时注入。drill status 是学员视图（已发生的情况和本人待办），drill plan 是导调视图（后续注入、预期行动、应变注入和进度）。drill end 结束并评分，drill report 生成评估报告（.md、.html、.docx），drill score 导出得分（JSON/CSV），drill history 列出历次演练，drill brief --role 生成学员说明，drill replay LOG --verify 重放核对。详见 docs/drills.md。",
            en: "A drill runs in its own in-memory store (never the real cases) on a simulated clock starting at the script's epoch. Stepped: exercise control moves the clock with `drill next` / `drill advance 30m`, trainees act at the prompt as themselves (`as NAME`), each action taking a step. `--auto`: nobody at the keyboard, trainee actions may come from `--actions FILE`. `--live --speed 60`: the clock runs 60 times faster than real time and injects fire on time; exercise control can `drill pause`, `drill resume` and `drill speed N`, and trainees can `drill join` from their own terminals (their actions are run by exercise control, in order; injects and the others' actions appear as they happen). Inside a drill nobody moves time with `--at` or `clock`; trainees may not end the drill, write evaluator notes or inject. `drill status` is the trainees' view (what has happened, their own duties), `drill plan` the controller's (what comes next, expectations, contingencies, progress). `drill end` scores it; `drill report` writes the after-action report (.md, .html, .docx); `drill score` exports the numbers (JSON/CSV); `drill history` lists past sessions; `drill brief --role` prints a handout; `drill replay LOG --verify` re-runs a log and checks it. See docs/drills.md."),
        examples: ["drill run scripts/drills/tap-water-rumour.yq --place \"市政务服务中心三楼会议室\"",
                   "drill run scripts/drills/tap-water-rumour.yq --auto --actions scripts/drills/tap-water-rumour.actions.yq",
                   "drill next", "drill advance 30m", "drill status", "drill plan",
                   "drill inject @second collect \"网传城东花园停水\" --url https://weibo.com/7715/Ib2",
                   "drill note \"回应口径未经会商统一\" --improve --objective O2 --owner propaganda --cause \"未召开会商\"",
                   "drill end --log 演练记录.log --report 评估报告.docx", "drill score --out 得分.json", "drill history",
                   "drill brief scripts/drills/tap-water-rumour.yq --role water --out 说明.docx", "drill replay 演练记录.log --verify"],
        subverbs: [RunDrill.entry, Status.entry, Plan.entry, Next.entry, Advance.entry, Inject.entry, Note.entry, End.entry,
                   Pause.entry, Resume.entry, Speed.entry, Wait.entry, Join.entry, Leave.entry,
                   Report.entry, Score.entry, History.entry, Brief.entry, Log.entry, Replay.entry, Denied.entry, Tick.entry,
                   Serve.entry, Sync.entry, Check.entry],
        defaultSubverb: "status"))

    struct RunDrill: Verb {
        static let spec = CommandSpec(
            name: "run", alias: "开始", group: .drills,
            summary: Localized(zh: "开始演练（默认逐步推进）", en: "start a drill (stepped unless --auto or --live)"),
            synopsis: "drill run FILE [--auto] [--actions FILE] [--live] [--speed N] [--place TEXT] [--log FILE] [--report FILE] [--lang zh|en] [--quiet]")

        @Argument(.path, name: "FILE", help: Localized(zh: "演练脚本", en: "the drill script")) var file: String
        @Option(.text, help: Localized(zh: "演练地点（写入评估报告）", en: "where the session takes place (for the report)")) var place: String?
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
            summary: Localized(zh: "学员视图：演练时钟、已收到的情况和本人待办的时限", en: "the trainees' view: the drill clock, what has come in, your open deadlines"))

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            try DrillViews.status(inv, session)
        }
    }

    struct Plan: Verb {
        static let spec = CommandSpec(
            name: "plan", alias: "计划", group: .drills,
            summary: Localized(zh: "导调视图：后续注入、预期行动、应变注入和进度", en: "the controller's view: what comes next, expectations, contingencies, progress"))

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            try DrillViews.plan(inv, session)
        }
    }

    struct Inject: Verb {
        static let spec = CommandSpec(
            name: "inject", alias: "注入", group: .drills,
            summary: Localized(zh: "导调临时注入一条命令（以导调身份执行，不计学员得分）", en: "exercise control injects a command (run as control, never scored)"),
            synopsis: "drill inject [@LABEL] [to TARGET] COMMAND…",
            examples: ["drill inject echo \"【导调】市长热线接到多个来电\"", "drill inject @second collect \"网传停水\" --url https://weibo.com/1/2"],
            textBlock: true)

        @Argument(.expression, name: "COMMAND", help: Localized(zh: "要注入的命令（可带 @标签 和 to 对象）", en: "the command (with an optional @label and `to TARGET`)")) var command: WordList

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            try DrillCommands.inject(command, inv, session)
        }
    }

    struct Tick: Verb {
        static let spec = CommandSpec(
            name: "tick", alias: "走时", group: .drills,
            summary: Localized(zh: "（实时演练内部用）发出到时的注入", en: "(live drills) fire what has fallen due"),
            hidden: true)

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            try DrillCommands.tick(inv, session)
        }
    }

    struct Score: Verb {
        static let spec = CommandSpec(
            name: "score", alias: "得分", group: .drills,
            summary: Localized(zh: "导出得分（JSON 或 CSV，数字为数值）", en: "export the score (JSON or CSV, numbers as numbers)"),
            synopsis: "drill score [--out FILE.json|FILE.csv] [--format json|csv]",
            examples: ["drill score --format json", "drill score --out 第3场得分.csv"])

        @Option(.path, help: Localized(zh: "写入文件（.json 或 .csv）", en: "write a file (.json or .csv)")) var out: String?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            try DrillRecords.score(self, inv, session)
        }
    }

    struct History: Verb {
        static let spec = CommandSpec(
            name: "history", alias: "档案", group: .drills,
            summary: Localized(zh: "历次演练：各场得分率、各目标和各学员的得分率", en: "past sessions: percentages per session, objective and trainee"),
            synopsis: "drill history [--drill TEXT] [--trainee NAME]",
            examples: ["drill history", "drill history --drill 自来水 --format csv", "drill history --trainee 李敏"])

        @Option(.text, help: Localized(zh: "只看标题含此文字的演练", en: "only drills whose title contains this")) var drill: String?
        @Option(.text, help: Localized(zh: "只看此学员", en: "only this trainee")) var trainee: String?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            try DrillRecords.history(self, inv, session)
        }
    }

    struct Brief: Verb {
        static let spec = CommandSpec(
            name: "brief", alias: "说明", group: .drills,
            summary: Localized(zh: "学员说明（按角色，含发给该角色的开场情况）", en: "a briefing handout (per role, with the starting information addressed to it)"),
            synopsis: "drill brief [FILE] [--role TRAINEE|DEPT|ROLE] [--out FILE] [--format md|html|docx] [--lang zh|en]",
            examples: ["drill brief scripts/drills/tap-water-rumour.yq --role water", "drill brief --role 赵强 --out 赵强说明.docx"])

        @Argument(.path, name: "FILE", help: Localized(zh: "演练脚本（默认当前演练）", en: "the drill script (default: the current drill)")) var file: String?
        @Option(.text, help: Localized(zh: "学员姓名、部门或角色", en: "a trainee, a department or a role")) var role: String?
        @Option(.path, help: DocumentTarget.outHelp) var out: String?
        @Option(DocumentTarget.formats, help: DocumentTarget.formatHelp) var format: DocumentFormat?
        @Option(.language, help: DocumentTarget.langHelp) var lang: Language = .zh

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            try DrillViews.brief(self, inv, session)
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
            summary: Localized(zh: "评估记录：优点、问题与原因、改进事项、总结讨论、评估结论", en: "an evaluator's note: a strength, an area with its cause, a plan item, the hotwash, the conclusion"),
            synopsis: "drill note TEXT [--strength | --improve [--about E] [--cause TEXT] [--action TEXT] [--owner DEPT] [--start DATE] [--due DATE] | --hotwash | --conclusion] [--objective O]",
            examples: ["drill note \"认领迅速\" --strength --objective O1",
                       "drill note \"回应口径未经会商\" --improve --objective O2 --cause \"夜间无协调员值守\" --owner open-gov",
                       "drill note \"报送超时\" --improve --about E3 --cause \"无带班领导\" --action \"值班表补充带班领导\" --owner water",
                       "drill note \"值班表未覆盖周六上午\" --hotwash", "drill note \"基本达到演练目的\" --conclusion"],
            textBlock: true)

        @Argument(.text, name: "TEXT", help: Localized(zh: "内容", en: "the note")) var text: String
        @Flag(help: Localized(zh: "记为优点", en: "a strength")) var strength: Bool
        @Flag(help: Localized(zh: "记为不足（列入改进计划）", en: "an area for improvement (goes into the plan)")) var improve: Bool
        @Flag(help: Localized(zh: "总结讨论（热反馈）要点", en: "a point of the hotwash")) var hotwash: Bool
        @Flag(help: Localized(zh: "评估结论（以最后一条为准）", en: "the evaluators' conclusion (the last one counts)")) var conclusion: Bool
        @Option(.word, help: Localized(zh: "所属目标（能力）", en: "the objective (capability) it is about")) var objective: String?
        @Option(.word, help: Localized(zh: "针对的预期行动（其问题行采用本条的说明和原因）", en: "the expectation it is about (its area takes this note's observation and cause)")) var about: String?
        @Option(.text, help: Localized(zh: "原因分析", en: "the root cause")) var cause: String?
        @Option(.text, help: Localized(zh: "改进措施（默认为记录内容）", en: "the corrective action (default: the note's text)")) var action: String?
        @Option(.department, help: Localized(zh: "改进责任部门", en: "who owns the improvement")) var owner: String?
        @Option(.date, help: Localized(zh: "改进开始日期（不早于演练当天；默认演练次日）", en: "when the improvement starts (not before the session's day; by default the day after)")) var start: CivilDate?
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
            return try DrillRecords.report(target, lang: lang, inv, session)
        }
    }

    struct Log: Verb {
        static let spec = CommandSpec(
            name: "log", alias: "日志", group: .drills,
            summary: Localized(zh: "写出演练日志（学员操作，供重放）", en: "write the drill log (trainee actions, for replay)"),
            synopsis: "drill log FILE")

        @Argument(.path, name: "FILE",
                  help: Localized(zh: "写出演练日志的文件", en: "the file to write the drill log to")) var file: String

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            try DrillRecords.writeLog($file, inv, session)
        }
    }

    struct Replay: Verb {
        static let spec = CommandSpec(
            name: "replay", alias: "重放", group: .drills,
            summary: Localized(zh: "重放演练日志，核对状态哈希与报告", en: "replay a drill log and check the state hash and report"),
            synopsis: "drill replay LOG [--verify] [--script FILE]")

        @Argument(.path, name: "LOG",
                  help: Localized(zh: "要重放的演练日志", en: "the drill log to replay")) var log: String
        @Flag(help: Localized(zh: "不一致时报错", en: "fail when anything differs")) var verify: Bool
        @Option(.path, help: Localized(zh: "脚本路径（默认取日志中的路径）", en: "the script (default: the path in the log)")) var script: String?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            try DrillRecords.replay(self, inv, session)
        }
    }

    struct Denied: Verb {
        static let spec = CommandSpec(
            name: "denied", alias: "被拒", group: .drills,
            summary: Localized(zh: "（演练日志用）重现一条被拒绝的操作", en: "(drill logs) reproduce a refused action"),
            synopsis: "drill denied VERB [CASE] REASON [--zh REASON] [--operator LOGIN] [--operator-name NAME]",
            hidden: true)

        @Argument(.word, name: "VERB",
                  help: Localized(zh: "被拒绝的命令", en: "the refused command")) var verb: String
        @Argument(.word, name: "CASE",
                  help: Localized(zh: "所涉对象（如案件编号）", en: "what it was about (such as a case)")) var subject: String
        @Argument(.text, name: "REASON",
                  help: Localized(zh: "拒绝理由（英文；中文用 --zh）", en: "the reason it was refused (English; Chinese with --zh)")) var reason: String
        @Option(.text, help: Localized(zh: "中文理由", en: "the reason in Chinese")) var zh: String?
        @Option(.text, help: Localized(zh: "被拒时的操作员（登录名）", en: "the operator refused (login)")) var `operator`: String?
        @Option(.text, name: "operator-name", help: Localized(zh: "操作员姓名", en: "the operator's name")) var operatorName: String?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            try DrillCommands.denied(verb: verb, subject: subject, reason: Localized(zh: zh ?? reason, en: reason),
                                     hasZH: zh != nil, by: `operator`.map { Operator(login: $0, name: operatorName) },
                                     inv, session)
        }
    }

    struct Pause: Verb {
        static let spec = CommandSpec(
            name: "pause", alias: "暂停", group: .drills,
            summary: Localized(zh: "暂停实时演练的时钟（导调）", en: "pause a live drill's clock (exercise control)"),
            examples: ["drill pause"])

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            try DrillLiveCommands.pause(inv, session)
        }
    }

    struct Resume: Verb {
        static let spec = CommandSpec(
            name: "resume", alias: "继续", group: .drills,
            summary: Localized(zh: "继续暂停的实时演练（暂停不占演练时间）", en: "resume a paused live drill (the pause takes no drill time)"),
            examples: ["drill resume"])

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            try DrillLiveCommands.resume(inv, session)
        }
    }

    struct Speed: Verb {
        static let spec = CommandSpec(
            name: "speed", alias: "倍速", group: .drills,
            summary: Localized(zh: "改变实时演练的倍速（导调）", en: "change a live drill's speed factor (exercise control)"),
            examples: ["drill speed 120", "演练 倍速 30"])

        @Argument(.integer(1...10_000), name: "N", help: Localized(zh: "演练时钟比真实时间快几倍", en: "how many times faster than real time")) var factor: Int

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            try DrillLiveCommands.speed(factor, inv, session)
        }
    }

    struct Wait: Verb {
        static let spec = CommandSpec(
            name: "wait", alias: "等待", group: .drills,
            summary: Localized(zh: "导调端按真实时间等待：注入按时发出，执行各终端学员的操作", en: "exercise control waits in real time: injects fire on time, trainees' terminals are served"),
            synopsis: "drill wait [SPAN]",
            help: Localized(
                zh: "在脚本中运行实时演练时使用（交互界面等待输入时本来就会这样做）：等待 SPAN 的演练时间，不给 SPAN 则等到没有待发事项且演练时长已到；按任意键或 Ctrl-C 提前结束。等待前和每一步之后都提交，学员终端随时看到演练记录。",
                en: "For a live drill run from a script (the prompt does this anyway while it waits for a key): waits SPAN of drill time, or without SPAN until nothing is scheduled and the drill's duration is over; a key or Ctrl-C ends the wait early. Commits before the wait and after each step, so the trainees' terminals see the journal as it grows."),
            examples: ["drill wait 30m", "drill wait"],
            waits: true)

        @Argument(.span, name: "SPAN", help: Localized(zh: "等待多长的演练时间", en: "how much drill time to wait")) var span: Span?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            try DrillLiveCommands.wait(span, inv, session)
        }
    }

    struct Join: Verb {
        static let spec = CommandSpec(
            name: "join", alias: "加入", group: .drills,
            summary: Localized(zh: "学员从本终端加入正在进行的演练", en: "a trainee joins the drill being played, from this terminal"),
            synopsis: "drill join [N] [--as NAME]",
            help: Localized(
                zh: "加入导调端正在进行的演练（默认当前这一场，N 指定场次），以演练名单上的学员身份（默认当前身份，--as 指定）参演：本终端按演练记录重建演练并随时跟进，注入、其他学员的操作即时显示在提示符上方；本人办理案件和会商的命令交由导调端按顺序执行，结果即时返回。drill status 查看学员视图，drill leave 退出。",
                en: "Join the drill exercise control is playing (the current session, or session N) as a trainee of its roster (the one acting now, or --as NAME): this terminal rebuilds the drill from its journal and follows it; injects and the other trainees' actions appear above the prompt as they happen. Your commands on cases and meetings are run by exercise control, in order, and their results come straight back. `drill status` is your view; `drill leave` leaves."),
            examples: ["drill join --as 李敏", "drill join 3 --as 赵强", "演练 加入"])

        @Argument(.integer(1...1_000_000), name: "N", help: Localized(zh: "演练场次（默认正在进行的）", en: "the session (default: the one being played)")) var session: Int?
        @Option(.word, help: Localized(zh: "演练名单上的学员姓名", en: "a trainee of the roster")) var `as`: String?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            try DrillLiveCommands.join(self, inv, session)
        }
    }

    struct Leave: Verb {
        static let spec = CommandSpec(
            name: "leave", alias: "退出", group: .drills,
            summary: Localized(zh: "学员终端退出所加入的演练", en: "a trainee's terminal leaves the drill it joined"),
            examples: ["drill leave"])

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            try DrillLiveCommands.leave(inv, session)
        }
    }

    struct Serve: Verb {
        static let spec = CommandSpec(
            name: "serve", alias: "受理", group: .drills,
            summary: Localized(zh: "（实时演练内部用）执行学员终端提交的操作", en: "(live drills) run what trainees' terminals handed in"),
            hidden: true)

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            try DrillLiveCommands.serve(inv, session)
        }
    }

    struct Sync: Verb {
        static let spec = CommandSpec(
            name: "sync", alias: "同步", group: .drills,
            summary: Localized(zh: "（学员终端内部用）跟进导调端的演练记录", en: "(trainees' terminals) follow exercise control's journal"),
            hidden: true)

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            try DrillLiveCommands.sync(inv, session)
        }
    }

    struct Check: Verb {
        static let spec = CommandSpec(
            name: "check", alias: "检查", group: .drills,
            summary: Localized(zh: "只检查演练脚本（及操作脚本），不运行", en: "check a drill script (and actions) without running it"),
            synopsis: "drill check FILE [--actions FILE]")

        @Argument(.path, name: "FILE",
                  help: Localized(zh: "要检查的演练脚本", en: "the drill script to check")) var file: String
        @Option(.path, help: Localized(zh: "受训人员的操作脚本（与演练脚本一并检查）", en: "a script of the trainees' actions, checked with the drill")) var actions: String?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            try DrillRecords.check(file: $file, actions: $actions, session)
        }
    }
}
