import Foundation
import YuqingCore
import YuqingStore

/// `report monthly --format`: a document format, or `json`, the report as data (docs/json.md). Every other command
/// takes `--format json`; this one's own --format (md|html|docx) refused it (`bad value json`) while docs/supervision.md
/// said "with --format json (and no --out) it is printed as data".
enum MonthlyFormat: String, ChoiceArgument {
    case md, html, docx, json

    var document: DocumentFormat? { self == .json ? nil : DocumentFormat(code: rawValue) }

    static let kind: ValueKind = {
        guard case .choice(let cs) = DocumentTarget.formats else { return DocumentTarget.formats }
        return .choice(cs + [Choice("json", zh: "数据", help: Localized(zh: "报告数据（JSON，不写文件）", en: "the report as data (JSON, not to a file)"))])
    }()
    static let help = Localized(zh: "屏幕上显示的格式（md 或 html；json 为报告数据），或无扩展名文件的格式",
                                en: "the format on the screen (md or html; json: the report as data), or of a file without an extension")
}

/// `report monthly MONTH` (督查月报) and `report daily [DATE]` (舆情日志): supervision documents (Markdown, HTML or
/// .docx), Chinese by default like every official document (`--lang en` for English).
enum PeriodReports {
    struct Monthly: Verb {
        static let spec = CommandSpec(
            name: "monthly", alias: "月报", group: .supervision,
            summary: Localized(zh: "月度督查报告", en: "the monthly supervision report"),
            synopsis: "report monthly YEAR-MONTH [--as-of TIME] [--out FILE] [--format md|html|docx|json] [--lang zh|en]",
            help: Localized(
                zh: "生成当月督查报告（公文格式，编号如 明舆督〔2020〕1号）：概况、各部门巡查达标情况和主要缺口、考核得分及与上月相比的变化、问责线索和其他逾期时限、所用的制度设置。数字全部由时限和事件算出（与 `score`、`accountability`、`patrol check` 一致）。报告注明所截至的时刻（默认现在）及重新生成同一份报告的命令；--as-of 指定时刻，此后记录的事件不计入，所以同一命令任何时候生成的报告都相同。--out 的扩展名决定格式：.md、.html（可直接打印）、.docx（Word/WPS 编辑）；不写文件时 --format json 给出报告数据（见 docs/json.md，不占用文号）。日历没有该年节假日数据时不生成报告，也不占用文号（工作日不作推测，先用 `calendar load 文件` 加入该年安排）。",
                en: "Writes the month's supervision report (an official document, numbered like 明舆督〔2020〕1号): overview, patrol compliance per department and the main gaps, scores with the change against the previous month, accountability findings and the other late limits, the settings used. Every number is computed from obligations and events (the same as `score`, `accountability`, `patrol check`). The report states the time it is as of (now by default) and the command that produces it again; with --as-of, events logged after that time are not counted, so the same command gives the same report whenever it is run. --out's extension chooses the format: .md, .html (ready to print), .docx (to edit in Word or WPS); without --out, --format json gives the report as data (docs/json.md; no document number is taken). A month of a year the calendar has no holiday data for is refused, and no number is taken: working days are not guessed (add the year with `calendar load FILE` first)."),
            examples: ["report monthly 2020-01 --out 督查月报-2020-01.docx", "报送 月报 2020-01 --lang en", "report monthly 2020-01 --as-of 2020-02-03T09:00"])

        @Argument(.word, name: "month", help: Localized(zh: "月份，如 2020-01", en: "the month, e.g. 2020-01")) var month: String
        @Option(.time, name: "as-of", help: SupervisionHelp.asOf) var asOf: TimeSpec?
        @Option(.path, help: DocumentTarget.outHelp) var out: String?
        @Option(MonthlyFormat.kind, name: "format", help: MonthlyFormat.help) var formatAsked: MonthlyFormat?
        @Option(.language, help: DocumentTarget.langHelp) var lang: Language = .zh

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let format = formatAsked?.document
            guard let (y, m) = ValueParser.yearMonth(month), let period = Period.month(y, m) else {
                throw ShellError(Localized(zh: "月份应写作 YYYY-MM，如 2020-01", en: "write the month as YYYY-MM, e.g. 2020-01"),
                                 range: $month.range ?? inv.verbRange, kind: .usage)
            }
            // A month of a year without holiday data: its limits, scores and patrol days are all working-day
            // arithmetic, which yuqing does not guess (2027 is not 2026 with the dates moved). `report monthly 2027-01`
            // wrote a report and took 明舆督〔2027〕1号 for it; it is refused like every question about such a year,
            // before any number is taken.
            try ShellError.at($month.range ?? inv.verbRange) { try ws.calendar.requireCovered(y) }
            if formatAsked == .json, out != nil {
                throw ShellError(Localized(zh: "--format json 给出报告数据，不写文件；写文件请用 .md、.html 或 .docx", en: "--format json gives the report as data, not a file: write .md, .html or .docx"),
                                 range: $formatAsked.range, kind: .usage)
            }
            let target = try DocumentTarget.resolve(out: $out, format: format, formatRef: $formatAsked, verbRange: inv.verbRange)
            let asked = try SupervisionData.asOfOption(asOf, $asOf, session)
            let scope = try SupervisionData.scope(ws, period, asOf: asked, session)
            // A month that has not begun has nothing to report: `report monthly 2020-03` on 02-03 wrote an empty
            // report and took 明舆督〔2020〕2号 for it, ahead of February's.
            try PeriodReports.refuseFuture(period.from, asOf: scope.asOf, what: Localized(zh: "\(y) 年 \(m) 月", en: month),
                                           range: $month.range ?? inv.verbRange)
            // The report as data, for a program (no document, so no number is taken); its late limits streamed.
            if out == nil && format == nil && inv.format == .json {
                let content = try MonthlyContent.build(scope, lateLimits: false)
                return CommandOutput(stream: content.jsonStream)
            }
            let content = try MonthlyContent.build(scope)
            // Built before the number is taken: a month without calendar data is refused without using one.
            let doc = SupervisionDocuments.monthly(content, lang: lang, number: nil, chainHead: try ChainHeadText.line(ws, lang, asOf: asked, knownBy: scope.knownBy))
            let key = "\(y)-\(SupervisionDocuments.pad(m))"
            return try target.issue(ws, kind: .monthly, key: key, year: scope.asOf.closingDate.year,
                                    what: Localized(zh: "\(key) 督查月报", en: "The supervision report of \(key)")) { number in
                var doc = doc
                doc.header.number = number
                return doc
            }
        }
    }

    /// Refuses a report of a day or month that begins after the time it is as of: it could only be empty, and an
    /// official record of what has not happened (a numbered one, for a month) should not exist. As of midnight
    /// (24:00) the day that begins then has not begun: nothing of it can have happened.
    static func refuseFuture(_ first: CivilDate, asOf: Instant, what: Localized, range: SourceRange) throws(ShellError) {
        guard first > asOf.closingDate else { return }
        throw ShellError(Localized(zh: "截至 \(asOf.deadlineDescription)，\(what.zh)尚未开始：不能为尚未发生的事写报告",
                                   en: "\(what.en) has not begun as of \(asOf.deadlineDescription): no report can be written of what has not happened"),
                         range: range, kind: .usage)
    }

    struct Daily: Verb {
        static let spec = CommandSpec(
            name: "daily", alias: "日志", group: .supervision,
            summary: Localized(zh: "舆情日志", en: "the daily opinion log"),
            synopsis: "report daily [DATE] [--as-of TIME] [--out FILE] [--format md|html|docx] [--lang zh|en]",
            help: Localized(
                zh: "生成某一天的舆情日志（省略日期即为今天，给出 --as-of 时为该时刻所在的一天）：当天收集、认领（含指定认领）、报送本单位领导、形成核实调查报告和回应发布的情况，按部门分列，每条附事件编号。--as-of 按某一时刻所知生成（默认现在），此后记录的事件不计入。--out 的扩展名决定格式：.md、.html（可直接打印）、.docx（Word/WPS 编辑）。联络员和部门负责人得到的日志只列本部门的案件（以及尚未认领的案件）。",
                en: "Writes the opinion log of a day (today when DATE is left out, or the day of --as-of): what was collected, claimed (or designated), reported to unit leaders, verified and answered that day, by department, each line with its event number. --as-of writes it as known at a time (now by default): events logged later are not counted. --out's extension chooses the format: .md, .html (ready to print), .docx (to edit in Word or WPS). Liaisons and department leaders get the lines of their department's cases only (and of those not claimed yet)."),
            examples: ["report daily", "report daily 2020-01-19 --out 舆情日志-2020-01-19.html", "report daily 2020-01-19 --lang en"])

        @Argument(.date, name: "date",
                  help: Localized(zh: "日报所属日期，默认今天", en: "the day of the report; today by default")) var date: CivilDate?
        @Option(.time, name: "as-of", help: SupervisionHelp.asOf) var asOf: TimeSpec?
        @Option(.path, help: DocumentTarget.outHelp) var out: String?
        @Option(DocumentTarget.formats, help: DocumentTarget.formatHelp) var format: DocumentFormat?
        @Option(.language, help: DocumentTarget.langHelp) var lang: Language = .zh

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let target = try DocumentTarget.resolve(out: $out, format: format, formatRef: $format, verbRange: inv.verbRange)
            let asked = try SupervisionData.asOfOption(asOf, $asOf, session)
            let t = asked ?? SupervisionData.defaultAsOf(session)
            let date = self.date ?? t.closingDate
            try PeriodReports.refuseFuture(date, asOf: t, what: Localized(zh: "\(date)", en: "\(date)"), range: $date.range ?? inv.verbRange)
            let known = SupervisionData.knownBy(ws, asOf: asked ?? session.now(), session)
            let doc = try SupervisionDocuments.daily(ws: ws, date: date, asOf: t, knownBy: known, lang: lang,
                                                    chainHead: try ChainHeadText.line(ws, lang, asOf: asked, knownBy: known))
            return try target.deliver(doc, what: Localized(zh: "\(date) 舆情日志", en: "The opinion log of \(date)"))
        }
    }
}
