import YuqingCore
import YuqingStore

/// What the monthly supervision report (督查月报) says, computed once and laid out by `MonthlyReport.markdown` (and by
/// any other layout of the same content). Every number comes from `SupervisionData`, the same as `score`,
/// `accountability` and `patrol check` as of the same time.
struct MonthlyContent {
    var scope: SupervisionScope
    /// Steps of the month (collected, claimed…), from the events logged by the report's time.
    var activity: [DailyLogKind: Int]
    /// The month's limits by outcome (watch periods left out).
    var limits: [DueOutcome: Int]
    var rows: [DeptAssessment]
    var patrol: SupervisionData.PatrolCheck
    var totals: [PatrolTotals]
    /// Every late limit, due-index order; `accountable` marks the findings.
    var lateLimits: [Finding]
    /// Last month, when there is something to compare with.
    var previous: Previous?
    /// Why there is no comparison, when there is none.
    var noComparison: Localized?

    struct Previous {
        var period: Period
        var rows: [String: DeptAssessment]
        var totals: [String: PatrolTotals]
    }

    /// The content of `period` (a month) as of `scope.asOf`; last month is read as of the same time, or as of its own
    /// end when that is earlier.
    static func build(_ scope: SupervisionScope) throws(ShellError) -> MonthlyContent {
        let ws = scope.ws, period = scope.period
        let view = try SupervisionData.asOfView(ws, asOf: scope.asOf)
        let a = try SupervisionData.assessment(scope, only: nil, view: view)
        var limits: [DueOutcome: Int] = [:]
        for o in a.outcomes where ObligationClass.of(o.ruleID, policy: ws.policy) != nil { limits[o.outcome, default: 0] += o.count }
        let events = try ws.read { try $0.events(verbs: DailyLogKind.verbs, from: period.start, to: period.end) }
        var activity: [DailyLogKind: Int] = [:]
        for e in DailyLog.entries(SupervisionEvents.known(events, asOf: scope.asOf)) { activity[e.kind, default: 0] += 1 }
        var content = MonthlyContent(scope: scope, activity: activity, limits: limits, rows: a.rows, patrol: a.patrol,
                                     totals: PatrolCompliance.totals(a.patrol.days, depts: a.patrol.depts),
                                     lateLimits: try SupervisionData.findings(scope, view: view))
        guard let prev = period.previousMonth else { return content }
        if (try? ws.calendar.requireCovered(prev.from.year)) == nil {
            content.noComparison = Localized(zh: "上月（\(prev.from.year) 年）不在工作日历覆盖范围内，不作比较。",
                                             en: "Last month is not covered by the working calendar (\(prev.from.year)): no comparison.")
            return content
        }
        let prevScope = SupervisionScope(ws: ws, period: prev, asOf: min(scope.asOf, prev.end), settings: scope.settings)
        let p = try SupervisionData.assessment(prevScope, only: nil)
        if p.rows.allSatisfy({ $0.scoreTenths == nil }) {
            let start = p.patrol.recordStart.map { Localized(zh: "记录始于 \($0.date)", en: "the record starts \($0.date)") }
                ?? Localized(zh: "尚无记录", en: "nothing was recorded")
            content.noComparison = Localized(zh: "上月（\(prev.from) 至 \(prev.through)）没有可计分的事项（\(start.zh)），不作比较。",
                                             en: "Last month (\(prev.from) to \(prev.through)) had nothing to score (\(start.en)): no comparison.")
            return content
        }
        content.previous = Previous(period: prev, rows: Dictionary(p.rows.map { ($0.dept, $0) }, uniquingKeysWith: { a, _ in a }),
                                    totals: Dictionary(PatrolCompliance.totals(p.patrol.days, depts: p.patrol.depts).map { ($0.dept, $0) },
                                                       uniquingKeysWith: { a, _ in a }))
        return content
    }
}

/// The monthly supervision report (督查月报) in Markdown: Art. 12 assessment and Art. 13 findings for one month, with
/// trends and the settings it was computed with.
enum MonthlyReport {
    /// `chainHead`: the head of the event chain to print for the record (the `trust` work fills it in); nil prints
    /// nothing.
    static func markdown(_ c: MonthlyContent, lang: Language, chainHead: String? = nil) -> String {
        func t(_ zh: String, _ en: String) -> String { lang == .zh ? zh : en }
        func art(_ zh: String, _ en: String) -> String { lang == .zh ? "（\(zh)）" : " (\(en))" }
        let s = c.scope, ws = s.ws, period = s.period
        let y = period.from.year, m = period.from.month
        var out = "# " + t("政务舆情回应督查月报（\(y) 年 \(m) 月）", "Supervision report on government-affairs public opinion, \(y)-\(pad(m))") + "\n\n"
        let again = "`report monthly \(y)-\(pad(m)) --as-of \(timeWord(s.asOf))`"
        out += t("统计时段：\(period.from) 至 \(period.through)；截至 \(s.asOf)（此后记录的事件不计入，\(again) 重新生成本报告）；依据：\(ws.policy.title.zh)第五、六、十二、十三条。",
                 "Period: \(period.from) to \(period.through); as of \(s.asOf) (events logged later are not counted; \(again) produces this report again); rules: \(ws.policy.title.en), Art. 5, 6, 12, 13.") + "\n\n"

        // 1. Overview.
        out += "## " + t("一、概况", "1. Overview") + "\n\n"
        let k = c.activity
        out += "- " + t("收集 \(k[.collected] ?? 0) 件，认领 \(k[.claimed] ?? 0) 件，指定认领 \(k[.designated] ?? 0) 件，报送本单位领导 \(k[.unitReported] ?? 0) 次，形成核实调查报告 \(k[.verified] ?? 0) 份，回应发布 \(k[.responded] ?? 0) 次。",
                        "Collected \(k[.collected] ?? 0), claimed \(k[.claimed] ?? 0), designated \(k[.designated] ?? 0), unit reports \(k[.unitReported] ?? 0), verification reports \(k[.verified] ?? 0), responses \(k[.responded] ?? 0).") + "\n"
        let l = c.limits
        let due = (l[.onTime] ?? 0) + (l[.late] ?? 0) + (l[.overdue] ?? 0) + (l[.pending] ?? 0)
        out += "- " + t("本月到期时限 \(due) 项：按时完成 \(l[.onTime] ?? 0)，逾期完成 \(l[.late] ?? 0)，超期未完成 \(l[.overdue] ?? 0)，未到期 \(l[.pending] ?? 0)。",
                        "Limits due this month: \(due): met \(l[.onTime] ?? 0), late \(l[.late] ?? 0), overdue \(l[.overdue] ?? 0), pending \(l[.pending] ?? 0).") + "\n"
        let all = PatrolTotals(dept: "", required: c.totals.reduce(0) { $0 + $1.required }, met: c.totals.reduce(0) { $0 + $1.met })
        if all.required > 0 {
            out += "- " + t("巡查：应巡查 \(all.required) 次，已巡查 \(all.met) 次，达标率 \(all.percentText)。", "Patrols: \(all.met) of \(all.required) required (\(all.percentText)).") + "\n"
        } else {
            out += "- " + t("巡查：本月没有已结束的应巡查时段。", "Patrols: no required patrol slot ended this month.") + "\n"
        }
        let findings = c.lateLimits.filter(\.accountable)
        out += "- " + t("逾期时限 \(c.lateLimits.count) 项，其中问责线索 \(findings.count) 条。", "Late limits: \(c.lateLimits.count), of which accountability findings: \(findings.count).") + "\n"
        if let why = c.noComparison { out += "- " + why.text(lang) + "\n" }
        out += "\n"

        // 2. Patrols.
        out += "## " + t("二、巡查情况", "2. Patrols") + art("第五、六条", "Art. 5, 6") + "\n\n"
        let prows = c.totals.map { p -> [String] in
            let before = c.previous?.totals[p.dept]
            let now = p.required > 0 ? p.complianceTenths : nil
            let then = before.flatMap { $0.required > 0 ? $0.complianceTenths : nil }
            return [SupervisionData.deptName(p.dept, ws, lang), "\(p.required)", "\(p.met)", "\(p.missed)", ScoreView.patrolText(p),
                    before.map { ScoreView.patrolText($0) } ?? "—", trend(now, then, pct: true)]
        }
        out += MarkdownTable.render([t("部门", "Department"), t("应巡查", "Required"), t("已巡查", "Met"), t("漏巡", "Missed"), t("达标率", "Compliance"), t("上月", "Last month"), t("变化", "Change")],
                                    prows, right: [1, 2, 3, 4, 5, 6]) + "\n"
        let gaps = c.patrol.days.flatMap(\.gaps).sorted { $0.length != $1.length ? $0.length > $1.length : $0.start < $1.start }
        if !gaps.isEmpty {
            out += t("主要缺口（按时长，最多 10 处）：", "Longest gaps (up to 10):") + "\n\n"
            for g in gaps.prefix(10) {
                let end = g.end.secondOfDay == 0 ? "24:00" : TimeOfDay.text(g.end.secondOfDay)
                let length = SpanText.of(g.length, dayParts: true)
                out += "- \(g.start.date) \(TimeOfDay.text(g.start.secondOfDay))–\(end) \(SupervisionData.deptName(g.dept, ws, lang))"
                    + t("：漏巡 \(g.missedSlots) 次，\(length.zh)", ": \(g.missedSlots) missed, \(length.en)") + "\n"
            }
            out += "\n"
        }
        if let note = PatrolView.aheadNote(c.patrol.inAdvance, ws: ws) { out += note.text(lang) + "\n\n" }

        // 3. Scores.
        out += "## " + t("三、考核得分", "3. Assessment") + art("第十二条", "Art. 12") + "\n\n"
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
        out += MarkdownTable.render([t("名次", "#"), t("部门", "Department"), t("得分", "Score"), t("上月", "Last month"), t("变化", "Change"),
                                     t("认领 按时/逾期/指定", "Claims ok/late/designated")]
                                    + (undesignated ? [t("未指定", "Undesignated")] : [])
                                    + [t("报送 按时/逾期/超期", "Unit reports ok/late/overdue"), t("核实 按时/逾期/超期", "Verifications ok/late/overdue"),
                                       t("回应 按时/逾期/超期", "Responses ok/late/overdue"), t("批示 按时/逾期/超期", "Instructions ok/late/overdue"),
                                       t("报市领导 按时/逾期/超期", "Escalations ok/late/overdue"), t("延期 申请/获批", "Extensions applied/approved")],
                                    srows, right: undesignated ? [0, 2, 3, 4, 6] : [0, 2, 3, 4]) + "\n"
        if c.rows.contains(where: { $0.scoreTenths == nil }) {
            out += t("“—”：本月没有可计分的事项（没有到期的时限、延期申请或应巡查的时段），不计分。", "“—”: nothing to score this month (no limit fell due, no extension, no patrol owed): no score.") + "\n\n"
        }

        // 4. Findings.
        out += "## " + t("四、问责线索", "4. Accountability findings") + art("第十三条", "Art. 13") + "\n\n"
        let threshold = s.settings.thresholdText
        if findings.isEmpty {
            out += t("本月没有问责线索（\(threshold.zh)）。", "No accountability findings this month (\(threshold.en)).") + "\n\n"
        } else {
            out += t("问责线索 \(findings.count) 条（\(threshold.zh)）：", "\(findings.count) accountability finding\(findings.count == 1 ? "" : "s") (\(threshold.en)):") + "\n\n"
            out += findingsTable(findings, ws: ws, lang: lang) + "\n"
        }
        let others = c.lateLimits.filter { !$0.accountable }
        if !others.isEmpty {
            out += t("其他逾期时限 \(others.count) 项（未达问责标准，记录在案）：", "Other late limits: \(others.count) (under the threshold, on record):") + "\n\n"
            out += findingsTable(others, ws: ws, lang: lang) + "\n"
        } else if findings.isEmpty {
            out += t("本月没有逾期或超期的时限。", "No late or missed limits this month.") + "\n\n"
        }

        // 5. Notes: the settings the numbers were computed with.
        out += "## " + t("五、说明", "5. Notes") + "\n\n"
        for d in s.settings.described {
            out += "- " + d.title.text(lang) + art(Article.cite(d.article).zh, Article.cite(d.article).en) + (lang == .zh ? "：" : ": ") + d.meaning.text(lang) + "\n"
        }
        let f = s.settings.formula
        let weights = ScoreFormula.keys.filter { f.weight($0) != 0 }
            .map { "\(ScoreFormula.label($0).text(lang)) \(Points.text(f.weight($0)))" }.joined(separator: lang == .zh ? "，" : ", ")
        let origin = f == .yuqingDefault ? t("yuqing 默认公式，制度未规定分值", "yuqing's default; the policy sets no numbers")
            : f == ws.policy.supervision.formula ? t("制度中的公式", "the profile's formula") : t("本地修改的公式", "changed locally")
        out += "- " + t("计分（第十二条）：起始 \(Points.text(f.startTenths)) 分，\(weights)（\(origin)；用 score formula 查看全部计分项）。",
                        "Scoring (Art. 12): start at \(Points.text(f.startTenths)); \(weights) (\(origin); `score formula` lists every key).") + "\n"
        if let head = chainHead { out += "- " + t("事件链：\(head)", "Event chain: \(head)") + "\n" }
        return out
    }

    static func findingsTable(_ list: [Finding], ws: Workspace, lang: Language) -> String {
        let names = FindingsView.Names(ws, lang)
        let rows = list.enumerated().map { i, f in FindingsView.row(f, no: i + 1, names: names).cells }
        return MarkdownTable.render(Table(columns: FindingsView.columns(), rows: rows), lang)
    }

    static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// A time as the language writes it in a command: `2020-02-03T09:00` (seconds when not zero).
    static func timeWord(_ t: Instant) -> String {
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
}

/// The daily opinion log (舆情日志): the day's steps by department, as logged by a time.
enum DailyReport {
    static func render(ws: Workspace, date: CivilDate, asOf: Instant, lang: Language, chainHead: String? = nil) throws(ShellError) -> String {
        func t(_ zh: String, _ en: String) -> String { lang == .zh ? zh : en }
        let start = Instant(date: date)
        let events = try ws.read { try $0.events(verbs: DailyLogKind.verbs, from: start, to: start.adding(.days(1))) }
        let entries = DailyLog.entries(SupervisionEvents.known(events, asOf: asOf))
        let ids = Array(Set(entries.map(\.caseID))).sorted()
        var titles: [EntityID: String] = [:]
        if !ids.isEmpty { for c in try ws.read({ try $0.cases(ids: ids) }) { titles[c.id] = c.title } }
        let kind = (try? ws.calendar.dayKind(date)).map { $0.label.text(lang) } ?? ""
        var s = "# " + t("舆情日志 \(date)", "Opinion log \(date)") + "\n\n"
        s += "\(Picture.weekday(date, lang))\(kind.isEmpty ? "" : t("，", ", ") + kind)" + t("；截至 \(asOf.deadlineDescription)。", "; as of \(asOf.deadlineDescription).") + "\n\n"
        var count: [DailyLogKind: Int] = [:]
        for e in entries { count[e.kind, default: 0] += 1 }
        s += DailyLogKind.allCases.map { "\($0.name.text(lang)) \(count[$0] ?? 0)" }.joined(separator: t("；", "; ")) + "\n\n"
        if entries.isEmpty {
            s += t("当天没有记录。", "Nothing was recorded that day.") + "\n"
        } else {
            // Departments in directory order, then any others, then entries without a department.
            let dir = (try? ws.directory().departments.map(\.code)) ?? []
            var order = dir.filter { d in entries.contains { $0.dept == d } }
            for e in entries { if let d = e.dept, !order.contains(d) { order.append(d) } }
            var groups: [(String?, [DailyLogEntry])] = order.map { d in (d, entries.filter { $0.dept == d }) }
            let none = entries.filter { $0.dept == nil }
            if !none.isEmpty { groups.append((nil, none)) }
            for (dept, list) in groups {
                s += "## " + (dept.map { SupervisionData.deptName($0, ws, lang) } ?? t("（未注明部门）", "(no department)")) + "\n\n"
                let rows = list.map { e -> [String] in
                    let detail = e.detail.isEmpty ? (titles[e.caseID] ?? "") : e.detail
                    return [TimeOfDay.text(e.at.secondOfDay), e.caseID.description, e.kind.name.text(lang), detail, e.actor, "#\(e.seq)"]
                }
                s += MarkdownTable.render([t("时间", "Time"), t("案件", "Case"), t("事项", "Step"), t("内容", "Detail"), t("经办人", "By"), t("事件", "Event")], rows) + "\n"
            }
        }
        if let head = chainHead { s += t("事件链：\(head)", "Event chain: \(head)") + "\n" }
        return s
    }
}
