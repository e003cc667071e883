import YuqingCore
import YuqingStore

/// The supervision documents as official documents: the monthly report (督查月报, Art. 12, 13) and the daily opinion
/// log (舆情日志). The numbers are computed by `SupervisionData` (the same as `score`, `accountability`, `patrol check`).
enum SupervisionDocuments {
    /// The month's report, issued by the coordinating offices and numbered 明舆督〔YEAR〕N号, laid out from
    /// `MonthlyContent` (the same numbers as `score`, `accountability` and `patrol check` as of the same time).
    /// `chainHead`: the event chain's head (`ChainHeadText.line`: as of the report's time when asked `--as-of`, else
    /// when printed), in the notes; nil prints nothing.
    static func monthly(_ c: MonthlyContent, lang: Language, number: DocumentNumber?, chainHead: String? = nil) -> OfficialDocument {
        func t(_ zh: String, _ en: String) -> String { lang == .zh ? zh : en }
        func art(_ zh: String, _ en: String) -> String { lang == .zh ? "（\(zh)）" : " (\(en))" }
        let s = c.scope, ws = s.ws, period = s.period
        let y = period.from.year, m = period.from.month
        // The command that gives this report again, in its language: the English report named the Chinese one.
        let again = "report monthly \(y)-\(pad(m)) --as-of \(timeWord(s.asOf))" + (lang == .en ? " --lang en" : "")
        var blocks: [DocumentBlock] = [.paragraph(t(
            "统计时段：\(period.from) 至 \(period.through)；截至 \(s.asOf.deadlineDescription)（此后记录的事件不计入，用 \(again) 可重新生成本报告）；依据：\(ws.policy.title.zh)第五、六、十二、十三条。",
            "Period: \(period.from) to \(period.through); as of \(s.asOf.deadlineDescription) (events logged later are not counted; \(again) produces this report again); rules: \(ws.policy.title.en), Art. 5, 6, 12, 13."))]

        // 1. Overview.
        blocks.append(.heading(t("一、概况", "1. Overview")))
        let k = c.activity, l = c.limits
        let due = (l[.onTime] ?? 0) + (l[.late] ?? 0) + (l[.overdue] ?? 0) + (l[.pending] ?? 0)
        let all = PatrolTotals(dept: "", required: c.totals.reduce(0) { $0 + $1.required }, met: c.totals.reduce(0) { $0 + $1.met })
        let findings = c.lateLimits.findings, findingCount = c.lateLimits.findingCount
        var overview = [
            t("收集 \(k[.collected] ?? 0) 件，认领 \(k[.claimed] ?? 0) 件，指定认领 \(k[.designated] ?? 0) 件，报送本单位领导 \(k[.unitReported] ?? 0) 次，形成核实调查报告 \(k[.verified] ?? 0) 份，回应发布 \(k[.responded] ?? 0) 次。",
              "Collected \(k[.collected] ?? 0), claimed \(k[.claimed] ?? 0), designated \(k[.designated] ?? 0), unit reports \(k[.unitReported] ?? 0), verification reports \(k[.verified] ?? 0), responses \(k[.responded] ?? 0)."),
            t("本月到期时限 \(due) 项：按时完成 \(l[.onTime] ?? 0)，逾期完成 \(l[.late] ?? 0)，超期未完成 \(l[.overdue] ?? 0)，未到期 \(l[.pending] ?? 0)。",
              "Limits due this month: \(due): met \(l[.onTime] ?? 0), late \(l[.late] ?? 0), overdue \(l[.overdue] ?? 0), pending \(l[.pending] ?? 0)."),
            all.required > 0
                ? t("巡查：应巡查 \(all.required) 次，已巡查 \(all.met) 次，达标率 \(all.percentText)。", "Patrols: \(all.met) of \(all.required) required (\(all.percentText)).")
                : t("巡查：本月没有已结束的应巡查时段。", "Patrols: no required patrol slot ended this month."),
            t("逾期时限 \(c.lateLimits.count) 项，其中问责线索 \(findingCount) 条。", "Late limits: \(c.lateLimits.count), of which accountability findings: \(findingCount)."),
        ]
        if let first = c.patrol.backfilled { overview.append(SupervisionData.backfilledNote(s, first).text(lang)) }
        if let why = c.noComparison { overview.append(why.text(lang)) }
        blocks.append(.bullets(overview))

        // 2. Patrols.
        blocks.append(.heading(t("二、巡查情况", "2. Patrols") + art("第五、六条", "Art. 5, 6")))
        let prows = c.totals.map { p -> [String] in
            let before = c.previous?.totals[p.dept]
            let now = p.required > 0 ? p.complianceTenths : nil
            let then = before.flatMap { $0.required > 0 ? $0.complianceTenths : nil }
            return [SupervisionData.deptName(p.dept, ws, lang), "\(p.required)", "\(p.met)", "\(p.missed)", ScoreView.patrolText(p),
                    before.map { ScoreView.patrolText($0) } ?? "—", trend(now, then, pct: true)]
        }
        blocks.append(.table(DocumentTable(
            headers: [t("部门", "Department"), t("应巡查", "Required"), t("已巡查", "Met"), t("漏巡", "Missed"), t("达标率", "Compliance"), t("上月", "Last month"), t("变化", "Change")],
            rows: prows, alignments: DocumentTable.aligned(right: [1, 2, 3, 4, 5, 6], count: 7))))
        let gaps = c.patrol.days.flatMap(\.gaps).sorted { $0.length != $1.length ? $0.length > $1.length : $0.start < $1.start }
        if !gaps.isEmpty {
            blocks.append(.paragraph(t("主要缺口（按时长，最多 10 处）：", "Longest gaps (up to 10):")))
            blocks.append(.bullets(gaps.prefix(10).map { g in
                let end = g.end.secondOfDay == 0 ? "24:00" : TimeOfDay.text(g.end.secondOfDay)
                let length = SpanText.of(g.length, dayParts: true)
                return "\(g.start.date) \(TimeOfDay.text(g.start.secondOfDay))–\(end) \(SupervisionData.deptName(g.dept, ws, lang))"
                    + t("：漏巡 \(g.missedSlots) 次，\(length.zh)", ": \(g.missedSlots) missed, \(length.en)")
            }))
        }
        if let note = PatrolView.aheadNote(c.patrol.inAdvance, ws: ws) { blocks.append(.paragraph(note.text(lang))) }

        // 3. Scores, with the escalation column (the coordinators' own duty) and, when used, the undesignated one.
        blocks.append(.heading(t("三、考核得分", "3. Assessment") + art("第十二条", "Art. 12")))
        let ranks = Assessment.ranks(c.rows)
        let undesignated = ScoreView.showsUndesignated(c.rows)
        let srows = c.rows.enumerated().map { i, a -> [String] in
            let before = c.previous?.rows[a.dept]
            return [ranks[i].map { "\($0)" } ?? "—", SupervisionData.deptName(a.dept, ws, lang), ScoreView.scoreText(a),
                    before.map(ScoreView.scoreText) ?? "—", trend(a.scoreTenths, before?.scoreTenths, pct: false),
                    ScoreView.triple(a, .claim)]
                + (undesignated ? [a.dept == Party.coordinators.rawValue ? "\(a.count("undesignated"))" : ""] : [])
                + [ScoreView.triple(a, .unitReport), ScoreView.triple(a, .verify), ScoreView.triple(a, .respond),
                   ScoreView.triple(a, .instruct), ScoreView.triple(a, .escalate), "\(a.count("extension-applied"))/\(a.count("extension-approved"))"]
        }
        let headers = [t("名次", "#"), t("部门", "Department"), t("得分", "Score"), t("上月", "Last month"), t("变化", "Change"),
                       t("认领 按时/逾期/指定", "Claims ok/late/designated")]
            + (undesignated ? [t("未指定", "Undesignated")] : [])
            + [t("报送 按时/逾期/超期", "Unit reports ok/late/overdue"), t("核实 按时/逾期/超期", "Verifications ok/late/overdue"),
               t("回应 按时/逾期/超期", "Responses ok/late/overdue"), t("批示 按时/逾期/超期", "Instructions ok/late/overdue"),
               t("报市领导 按时/逾期/超期", "Escalations ok/late/overdue"), t("延期 申请/获批", "Extensions applied/approved")]
        blocks.append(.table(DocumentTable(headers: headers, rows: srows,
                                           alignments: DocumentTable.aligned(right: undesignated ? [0, 2, 3, 4, 6] : [0, 2, 3, 4], count: headers.count))))
        if c.rows.contains(where: { $0.scoreTenths == nil }) {
            blocks.append(.paragraph(t("“—”：本月没有可计分的事项（没有到期的时限、延期申请或应巡查的时段），不计分。",
                                       "“—”: nothing to score this month (no limit fell due, no extension, no patrol owed): no score.")))
        }

        // 4. Findings, then the late limits under the threshold (kept on record).
        blocks.append(.heading(t("四、问责线索", "4. Accountability findings") + art("第十三条", "Art. 13")))
        let threshold = s.settings.thresholdText
        let range = "--from \(period.from) --to \(period.through) --as-of \(timeWord(s.asOf))"
        if findingCount == 0 {
            blocks.append(.paragraph(t("本月没有问责线索（\(threshold.zh)）。", "No accountability findings this month (\(threshold.en)).")))
        } else if c.lateLimits.findingsListed {
            blocks.append(.paragraph(t("问责线索 \(findingCount) 条（\(threshold.zh)）：", "\(English.count(findingCount, "accountability finding")) (\(threshold.en)):")))
            blocks.append(.table(findingsTable(findings, ws: ws, lang: lang)))
        } else {
            // A city's month may have 200,000: counted by department and kind, the earliest of each department
            // listed, the whole list one command away as CSV.
            let n = findingsListedPerDept
            let export = "accountability --findings \(range) --format csv --bom"
            blocks.append(.paragraph(t("问责线索 \(findingCount) 条（\(threshold.zh)），按部门统计如下：",
                                       "\(findingCount) accountability findings (\(threshold.en)), by department below:")))
            blocks.append(.table(lateLimitCounts(c.lateLimits.findingCounts, ws: ws, lang: lang)))
            blocks.append(.paragraph(t("以下每个部门列出应完成时间最早的 \(n) 条（共列出 \(findings.count) 条）；全部 \(findingCount) 条用 \(export) 导出为 CSV：",
                                       "Below, the \(n) earliest of each department (\(findings.count) listed); \(export) exports all \(findingCount) as CSV:")))
            blocks.append(.table(findingsTable(findings, ws: ws, lang: lang)))
        }
        let others = c.lateLimits.others, otherCount = c.lateLimits.otherCount
        if otherCount > 0 && c.lateLimits.othersListed {
            blocks.append(.paragraph(t("其他逾期时限 \(others.count) 项（未达问责标准，记录在案）：", "Other late limits: \(others.count) (under the threshold, on record):")))
            blocks.append(.table(findingsTable(others, ws: ws, lang: lang)))
        } else if otherCount > 0 {
            // Thousands of rows help no reader of a report: counted by department, listed by `accountability`.
            let command = "accountability \(range)"
            blocks.append(.paragraph(t("其他逾期时限 \(otherCount) 项（未达问责标准，记录在案），按部门统计如下；逐项清单用 \(command) 列出：",
                                       "Other late limits: \(otherCount) (under the threshold, on record), by department below; \(command) lists them one by one:")))
            blocks.append(.table(lateLimitCounts(c.lateLimits.otherCounts, ws: ws, lang: lang)))
        } else if findingCount == 0 {
            blocks.append(.paragraph(t("本月没有逾期或超期的时限。", "No late or missed limits this month.")))
        }

        // 5. Notes: the settings the numbers were computed with.
        blocks.append(.heading(t("五、说明", "5. Notes")))
        var notes = s.settings.described.map { d in
            d.title.text(lang) + art(d.article.zh, d.article.en) + t("：", ": ") + d.meaning.text(lang)
        }
        let f = s.settings.formula
        let weights = ScoreFormula.keys.filter { f.weight($0) != 0 }
            .map { "\(ScoreFormula.label($0).text(lang)) \(Points.text(f.weight($0)))" }.joined(separator: t("，", ", "))
        let origin = f == .yuqingDefault ? t("yuqing 默认公式，制度未规定分值", "yuqing's default; the policy sets no numbers")
            : f == ws.policy.supervision.formula ? t("制度中的公式", "the profile's formula") : t("本地修改的公式", "changed locally")
        notes.append(t("计分（第十二条）：起始 \(Points.text(f.startTenths)) 分，\(weights)（\(origin)；用 score formula 查看全部计分项）。",
                       "Scoring (Art. 12): start at \(Points.text(f.startTenths)); \(weights) (\(origin); score formula lists every key)."))
        if let chainHead { notes.append(chainHead) }
        blocks.append(.bullets(notes))

        let offices = coordinators(ws, lang)
        let header = DocumentHeader(issuers: offices, number: number, signature: offices, date: s.asOf.closingDate, printer: offices.first)
        return OfficialDocument(kind: .monthly, title: t("政务舆情回应督查月报（\(y)年\(m)月）", "Supervision report on government-affairs public opinion, \(y)-\(pad(m))"),
                                language: lang, header: header, blocks: blocks)
    }

    /// Up to this many late limits under the threshold are listed one by one in the monthly report; more are counted.
    static let otherLimitsListed = 100

    /// Up to this many accountability findings of each department are listed in the monthly report; all are counted.
    static let findingsListedPerDept = 20

    /// Late limits counted by the department that answers and by kind.
    static func lateLimitCounts(_ counts: LateLimitCounts, ws: Workspace, lang: Language) -> DocumentTable {
        let rows = counts.depts.map { d in
            [SupervisionData.deptName(d.isEmpty ? nil : d, ws, lang)] + FindingKind.allCases.map { "\(counts.count(d, $0))" }
                + ["\(counts.total(d))"]
        }
        let headers = [lang == .zh ? "责任部门" : "Department"] + FindingKind.allCases.map { $0.name.text(lang) } + [lang == .zh ? "合计" : "Total"]
        return DocumentTable(headers: headers, rows: rows, alignments: DocumentTable.aligned(right: Set(1..<headers.count), count: headers.count))
    }

    static func findingsTable(_ list: [Finding], ws: Workspace, lang: Language) -> DocumentTable {
        let names = FindingsView.Names(ws, lang)
        return DocumentTable(Table(columns: FindingsView.columns(), rows: list.enumerated().map { i, f in FindingsView.cells(f, no: i + 1, names: names) }), lang)
    }

    /// The log of one day as known at `asOf`: the day's steps by department.
    /// `knownBy`: the logging time read up to (`SupervisionData.knownBy`), `asOf` when nil. `chainHead`: as for
    /// `monthly`, at the foot.
    static func daily(ws: Workspace, date: CivilDate, asOf: Instant, knownBy: Instant? = nil, lang: Language,
                      chainHead: String? = nil) throws(ShellError) -> OfficialDocument {
        func t(_ zh: String, _ en: String) -> String { lang == .zh ? zh : en }
        let start = Instant(date: date)
        // The day's steps and patrols, kept as the store reads them (a list of the events themselves, payloads and
        // hashes included, was several times the lines a busy day prints).
        var logged: [DailyLogEntry] = []
        var patrolled: [PatrolRecord] = []
        try ws.read { r in
            try r.forEachEvent(kinds: DailyLogKind.eventKinds + [.patrolled], from: start, to: start.adding(.days(1))) { e in
                if let p = SupervisionEvents.patrolRecord(e) { patrolled.append(p) }
                if SupervisionEvents.isKnown(e, asOf: knownBy ?? asOf), let entry = DailyLog.entry(e) { logged.append(entry) }
            }
        }
        // The day's patrols, counted by department: a day of patrols only was logged as "nothing recorded".
        let patrols = PatrolCompliance.known(patrolled, asOf: asOf, knownBy: knownBy).counted
        let ids = Array(Set(logged.map(\.caseID))).sorted()
        var cases: [EntityID: CaseSummary] = [:]
        if !ids.isEmpty { for c in try ws.read({ try $0.cases(ids: ids) }) { cases[c.id] = c } }
        let titles = cases.mapValues(\.title)
        // The log names every case it lists (and a collection's post title): a department's people get the lines
        // of the cases they see (`Access.visibleDepartment`: their department's, and those not claimed yet).
        let entries: [DailyLogEntry]
        if let mine = try ws.visibleDepartment() {
            entries = logged.filter { e in cases[e.caseID].map { Access.maySee(caseOf: $0.dept, scope: mine) } ?? false }
        } else {
            entries = logged
        }
        let kind = (try? ws.calendar.dayKind(date)).map { $0.label.text(lang) } ?? ""
        var count: [DailyLogKind: Int] = [:]
        for e in entries { count[e.kind, default: 0] += 1 }
        var blocks: [DocumentBlock] = [
            .paragraph("\(Picture.weekday(date, lang))\(kind.isEmpty ? "" : t("，", ", ") + kind)" + t("；截至 \(asOf.deadlineDescription)。", "; as of \(asOf.deadlineDescription).")),
            // A sentence of counts ends like the others (收集 1；…；回应发布 0。), not cut off.
            .paragraph(DailyLogKind.allCases.map { "\($0.name.text(lang)) \(count[$0] ?? 0)" }.joined(separator: t("；", "; ")) + t("。", ".")),
        ]
        // Departments in directory order, then any others, then entries without a department.
        let dir = (try? ws.directory().departments.map(\.code)) ?? []
        if !patrols.isEmpty {
            var byDept: [String: Int] = [:]
            for p in patrols { byDept[p.dept, default: 0] += 1 }
            let depts = dir.filter { byDept[$0] != nil } + byDept.keys.filter { !dir.contains($0) }.sorted()
            let list = depts.map { SupervisionData.deptName($0, ws, lang) + t(" \(byDept[$0] ?? 0) 次", " \(byDept[$0] ?? 0)") }
            blocks.append(.paragraph(t("巡查 \(patrols.count) 次：", "\(English.count(patrols.count, "patrol")): ")
                                     + list.joined(separator: t("、", ", ")) + t("（逐时段见 patrol check --day \(date)）。",
                                                                               " (slot by slot: patrol check --day \(date)).")))
        }
        if entries.isEmpty {
            blocks.append(.paragraph(patrols.isEmpty ? t("当天没有记录。", "Nothing was recorded that day.")
                                     : t("当天没有案件办理记录。", "No casework was recorded that day.")))
        }
        var order = dir.filter { d in entries.contains { $0.dept == d } }
        for e in entries { if let d = e.dept, !order.contains(d) { order.append(d) } }
        var groups: [(String?, [DailyLogEntry])] = order.map { d in (d, entries.filter { $0.dept == d }) }
        let none = entries.filter { $0.dept == nil }
        if !none.isEmpty { groups.append((nil, none)) }
        for (dept, list) in groups {
            blocks.append(.heading(dept.map { SupervisionData.deptName($0, ws, lang) } ?? t("（未注明部门）", "(no department)")))
            blocks.append(.table(DocumentTable(
                headers: [t("时间", "Time"), t("案件", "Case"), t("事项", "Step"), t("内容", "Detail"), t("经办人", "By"), t("事件", "Event")],
                rows: list.map { e in
                    // A response's channel by its name (官方微信), not its code (wechat).
                    let detail = e.detail.isEmpty ? (titles[e.caseID] ?? "")
                        : e.kind == .responded ? Channel.name(e.detail).text(lang) : e.detail
                    return [TimeOfDay.text(e.at.secondOfDay), e.caseID.description, e.kind.name.text(lang), detail, e.actor, "#\(e.seq)"]
                })))
        }
        if let chainHead { blocks.append(.paragraph(chainHead)) }
        let header = DocumentHeader(issuers: coordinators(ws, lang), date: date)
        return OfficialDocument(kind: .daily, title: t("舆情日志（\(DocumentText.date(date, .zh))）", "Opinion log \(date)"), language: lang, header: header, blocks: blocks)
    }

    static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// A time as the language writes it in a command: `2020-02-03T09:00` (seconds when not zero).
    static func timeWord(_ t: Instant) -> String {
        // Midnight as the day it closes, as the report's text writes it (2020-12-31T24:00, not 2021-01-01T00:00).
        if t.secondOfDay == 0 { return "\(t.closingDate)T24:00" }
        let sod = t.secondOfDay
        let hm = "\(t.date)T\(pad(sod / 3600)):\(pad((sod % 3600) / 60))"
        return sod % 60 == 0 ? hm : hm + ":\(pad(sod % 60))"
    }

    /// `+2.5` / `-1.0` / `±0.0`, or `—` without a value on either side.
    static func trend(_ now: Int?, _ before: Int?, pct: Bool) -> String {
        guard let now, let before else { return "—" }
        let d = now - before
        let text = d == 0 ? "±0.0" : (d > 0 ? "+" : "") + Points.fixed(d)
        return pct ? text + "%" : text
    }

    /// The coordinating offices' names: the issuers of supervision documents.
    static func coordinators(_ ws: Workspace, _ lang: Language) -> [String] {
        ((try? ws.directory().coordinators) ?? []).map { $0.name.text(lang) }
    }
}

extension DocumentTable {
    /// A table the verbs build, as a document table in one language (numbers right-aligned as on screen; data-only
    /// code columns left out, as on screen).
    init(_ whole: Table, _ lang: Language) {
        let t = Renderer.shown(whole)
        let cells = Renderer(language: lang, format: .md)
        self.init(headers: t.columns.map { $0.header.text(lang) },
                  rows: t.rows.map { $0.map(cells.cellText) },
                  alignments: t.columns.map { $0.align == .right ? .right : .left })
    }
}

/// The head of the event chain as printed at the foot of a report: a paper copy then anchors the log too, and
/// `audit verify --against COUNT:HASH` shows whether the store still holds exactly what was printed.
///
/// A report asked `--as-of T` prints the head as of T (the last event logged by `knownBy`): the events it was made
/// from, so the same command gives the same report however many events are logged later (issue 16), and
/// `audit verify --against` still checks that the store holds them.
enum ChainHeadText {
    static func line(_ ws: Workspace, _ lang: Language, asOf: Instant? = nil, knownBy: Instant? = nil) throws(ShellError) -> String {
        // Under a simulated clock on a store dated by the system clock the answer reads everything logged so far
        // (`SupervisionData.knownBy` is later than `asOf`): then so does the head, and it says so.
        guard let asOf, let knownBy, knownBy <= asOf else {
            let h = try ws.chainHead()
            return lang == .zh
                ? "事件链：打印时共 \(h.count) 条事件，链头 \(h.printed)（核对：audit verify --against \(h.printed)）。"
                : "Event chain: \(English.count(Int(h.count), "event")) when printed, head \(h.printed) (check with audit verify --against \(h.printed))."
        }
        let h = try ws.chainHead(loggedBy: knownBy)
        let t = asOf.deadlineDescription
        return lang == .zh
            ? "事件链：截至 \(t) 共 \(h.count) 条事件，链头 \(h.printed)（核对：audit verify --against \(h.printed)）。"
            : "Event chain: \(English.count(Int(h.count), "event")) as of \(t), head \(h.printed) (check with audit verify --against \(h.printed))."
    }
}
