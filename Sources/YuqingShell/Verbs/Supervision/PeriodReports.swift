import Foundation
import YuqingCore
import YuqingStore

/// `report monthly MONTH` (督查月报) and `report daily DATE` (舆情日志): supervision documents in Markdown, Chinese by
/// default like every official document (`--lang en` for English).
enum PeriodReports {
    static let langHelp = Localized(zh: "文档语言（默认中文）", en: "document language (default Chinese)")
    static let outHelp = Localized(zh: "输出文件", en: "output file")

    struct Monthly: Verb {
        static let spec = CommandSpec(
            name: "monthly", alias: "月报", group: .supervision,
            summary: Localized(zh: "月度督查报告", en: "the monthly supervision report"),
            synopsis: "report monthly YEAR-MONTH [--as-of TIME] [--out FILE] [--lang zh|en]",
            help: Localized(
                zh: "生成当月督查报告（Markdown）：概况、各部门巡查达标情况和主要缺口、考核得分及与上月相比的变化、问责线索和其他逾期时限、所用的制度设置。数字全部由时限和事件算出（与 `score`、`accountability`、`patrol check` 一致）。报告注明所截至的时刻（默认现在）及重新生成同一份报告的命令；--as-of 指定时刻，此后记录的事件不计入，所以同一命令任何时候生成的报告都相同。--out 写入文件。",
                en: "Writes the month's supervision report (Markdown): overview, patrol compliance per department and the main gaps, scores with the change against the previous month, accountability findings. Every number is computed from obligations and events (the same as `score`, `accountability`, `patrol check`). The report states the time it is as of (now by default) and the command that produces it again; with --as-of, events logged after that time are not counted, so the same command gives the same report whenever it is run. --out writes it to a file."),
            examples: ["report monthly 2020-01 --out 督查月报-2020-01.md", "报送 月报 2020-01 --lang en", "report monthly 2020-01 --as-of 2020-02-03T09:00"])

        @Argument(.word, name: "month", help: Localized(zh: "月份，如 2020-01", en: "the month, e.g. 2020-01")) var month: String
        @Option(.time, name: "as-of", help: SupervisionHelp.asOf) var asOf: TimeSpec?
        @Option(.path, help: outHelp) var out: String?
        @Option(.language, help: langHelp) var lang: Language = .zh

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let p = month.split(separator: "-")
            guard p.count == 2, p[0].count == 4, let y = Int(p[0]), let m = Int(p[1]), let period = Period.month(y, m) else {
                throw ShellError(Localized(zh: "月份应写作 YYYY-MM，如 2020-01", en: "write the month as YYYY-MM, e.g. 2020-01"),
                                 range: $month.range ?? inv.verbRange, kind: .usage)
            }
            let asked = try SupervisionData.asOfOption(asOf, $asOf, session)
            let scope = try SupervisionData.scope(ws, period, asOf: asked, session)
            let text = MonthlyReport.markdown(try MonthlyContent.build(scope), lang: lang)
            return try write(text, to: $out, what: Localized(zh: "\(month) 督查月报", en: "the supervision report of \(month)"))
        }
    }

    struct Daily: Verb {
        static let spec = CommandSpec(
            name: "daily", alias: "日志", group: .supervision,
            summary: Localized(zh: "舆情日志", en: "the daily opinion log"),
            synopsis: "report daily DATE [--as-of TIME] [--out FILE] [--lang zh|en]",
            help: Localized(
                zh: "生成某一天的舆情日志（Markdown）：当天收集、认领（含指定认领）、报送本单位领导、形成核实调查报告和回应发布的情况，按部门分列，每条附事件编号。--as-of 按某一时刻所知生成（默认现在），此后记录的事件不计入。--out 写入文件。",
                en: "Writes the opinion log of a day (Markdown): what was collected, claimed (or designated), reported to unit leaders, verified and answered that day, by department, each line with its event number. --as-of writes it as known at a time (now by default): events logged later are not counted. --out writes it to a file."),
            examples: ["report daily 2020-01-19 --out 舆情日志-2020-01-19.md", "report daily 2020-01-19 --lang en"])

        @Argument(.date, name: "date") var date: CivilDate
        @Option(.time, name: "as-of", help: SupervisionHelp.asOf) var asOf: TimeSpec?
        @Option(.path, help: outHelp) var out: String?
        @Option(.language, help: langHelp) var lang: Language = .zh

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let asked = try SupervisionData.asOfOption(asOf, $asOf, session)
            let at = asked ?? session.now()
            let text = try DailyReport.render(ws: ws, date: date, asOf: at, lang: lang)
            return try write(text, to: $out, what: Localized(zh: "\(date) 舆情日志", en: "the opinion log of \(date)"))
        }
    }

    /// The report on the screen, or written to `--out`.
    static func write(_ text: String, to out: ArgumentRef, what: Localized) throws(ShellError) -> CommandOutput {
        guard let path = out.raw else { return CommandOutput(document: text) }
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw ShellError(Localized(zh: "无法写入 \(path)：\(error.localizedDescription)", en: "cannot write \(path): \(error.localizedDescription)"),
                             range: out.range, kind: .usage)
        }
        return CommandOutput(zh: "已写入\(what.zh)：\(path)", en: "Wrote \(what.en) to \(path).")
    }
}

/// A Markdown pipe table.
enum MarkdownTable {
    static func render(_ headers: [String], _ rows: [[String]], right: Set<Int> = []) -> String {
        func esc(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        var s = "| " + headers.map(esc).joined(separator: " | ") + " |\n"
        s += "|" + headers.indices.map { right.contains($0) ? " ---: |" : " --- |" }.joined() + "\n"
        for r in rows { s += "| " + r.map(esc).joined(separator: " | ") + " |\n" }
        return s
    }

    /// The text of a table the verbs build, in a language.
    static func render(_ t: Table, _ lang: Language) -> String {
        let right = Set(t.columns.indices.filter { t.columns[$0].align == .right })
        return render(t.columns.map { $0.header.text(lang) }, t.rows.map { $0.map { cellText($0, lang) } }, right: right)
    }

    static func cellText(_ c: Cell, _ lang: Language) -> String {
        switch c {
        case .text(let s): s
        case .localized(let l): l.text(lang)
        case .integer(let n): String(n)
        case .time(let t): t.description
        case .deadline(let t): t.deadlineDescription
        case .id(let id): id.description
        case .empty: ""
        }
    }
}
