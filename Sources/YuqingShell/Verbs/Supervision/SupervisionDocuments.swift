import YuqingCore
import YuqingStore

/// The supervision documents as official documents: the monthly report (督查月报, Art. 12, 13) and the daily opinion
/// log (舆情日志). The numbers are computed by `SupervisionData` (the same as `score`, `accountability`, `patrol check`).
enum SupervisionDocuments {
    /// The month's report, issued by the coordinating offices and numbered 明舆督〔YEAR〕N号.
    static func monthly(ws: Workspace, period: Period, now: Instant, lang: Language,
                        number: DocumentNumber?) throws(ShellError) -> OfficialDocument {
        func t(_ zh: String, _ en: String) -> String { lang == .zh ? zh : en }
        func art(_ zh: String, _ en: String) -> String { lang == .zh ? "（\(zh)）" : " (\(en))" }
        let (rows, patrolDays) = try SupervisionData.assessment(ws, period, only: nil, now: now)
        let depts = rows.map(\.dept)
        let findings = try SupervisionData.findings(ws, period, now: now)
        var previous: [String: DeptAssessment] = [:]
        if let prev = period.previousMonth, (try? ws.calendar.requireCovered(prev.from.year)) != nil {
            if let r = try? SupervisionData.assessment(ws, prev, only: nil, now: now).rows {
                for a in r { previous[a.dept] = a }
            }
        }
        let activity = DailyLog.entries(try ws.read { try $0.events(kinds: DailyLogKind.eventKinds, from: period.start, to: period.end) })
        // Watch periods (`follow`) end by themselves: not counted as limits met or missed.
        let records = try SupervisionData.records(ws, period, now: now).filter { ObligationClass.of($0.ruleID, policy: ws.policy) != nil }

        let y = period.from.year, m = period.from.month
        var blocks: [DocumentBlock] = [.paragraph(t(
            "统计时段：\(period.from) 至 \(period.through)；依据：\(ws.policy.title.zh)第五、六、十二、十三条；截至 \(now)。",
            "Period: \(period.from) to \(period.through); rules: \(ws.policy.title.en), Art. 5, 6, 12, 13; as of \(now)."))]

        // 1. Overview.
        blocks.append(.heading(t("一、概况", "1. Overview")))
        var kinds: [DailyLogKind: Int] = [:]
        for e in activity { kinds[e.kind, default: 0] += 1 }
        var st: [ObligationStatus: Int] = [:]
        for r in records { st[r.status(now: now), default: 0] += 1 }
        let totals = PatrolCompliance.totals(patrolDays, depts: depts)
        let all = PatrolTotals(dept: "", required: totals.reduce(0) { $0 + $1.required }, met: totals.reduce(0) { $0 + $1.met })
        blocks.append(.bullets([
            t("收集 \(kinds[.collected] ?? 0) 件，认领 \(kinds[.claimed] ?? 0) 件，指定认领 \(kinds[.designated] ?? 0) 件，报送本单位领导 \(kinds[.unitReported] ?? 0) 次，形成核实调查报告 \(kinds[.verified] ?? 0) 份，回应发布 \(kinds[.responded] ?? 0) 次。",
              "Collected \(kinds[.collected] ?? 0), claimed \(kinds[.claimed] ?? 0), designated \(kinds[.designated] ?? 0), unit reports \(kinds[.unitReported] ?? 0), verification reports \(kinds[.verified] ?? 0), responses \(kinds[.responded] ?? 0)."),
            t("本月到期时限 \(records.count - (st[.waived] ?? 0)) 项：按时完成 \(st[.met] ?? 0)，逾期完成 \(st[.late] ?? 0)，超期未完成 \(st[.overdue] ?? 0)，未到期 \((st[.pending] ?? 0) + (st[.extended] ?? 0))。",
              "Limits due this month: \(records.count - (st[.waived] ?? 0)) — met \(st[.met] ?? 0), late \(st[.late] ?? 0), overdue \(st[.overdue] ?? 0), pending \((st[.pending] ?? 0) + (st[.extended] ?? 0))."),
            t("巡查：应巡查 \(all.required) 次，已巡查 \(all.met) 次，达标率 \(all.percentText)。", "Patrols: \(all.met) of \(all.required) required (\(all.percentText))."),
            t("问责线索 \(findings.count) 条。", "Accountability findings: \(findings.count)."),
        ]))

        // 2. Patrols.
        blocks.append(.heading(t("二、巡查情况", "2. Patrols") + art("第五、六条", "Art. 5, 6")))
        let prows = totals.map { p -> [String] in
            let before = previous[p.dept]?.patrol
            return [SupervisionData.deptName(p.dept, ws, lang), "\(p.required)", "\(p.met)", "\(p.missed)", p.required > 0 ? p.percentText : "—",
                    before.map { $0.required > 0 ? $0.percentText : "—" } ?? "—",
                    trend(p.required > 0 ? p.complianceTenths : nil, before.flatMap { $0.required > 0 ? $0.complianceTenths : nil }, pct: true)]
        }
        blocks.append(.table(DocumentTable(
            headers: [t("部门", "Department"), t("应巡查", "Required"), t("已巡查", "Met"), t("漏巡", "Missed"), t("达标率", "Compliance"), t("上月", "Last month"), t("变化", "Change")],
            rows: prows, alignments: DocumentTable.aligned(right: [1, 2, 3, 4, 5, 6], count: 7))))
        let gaps = patrolDays.flatMap(\.gaps).sorted { $0.length != $1.length ? $0.length > $1.length : $0.start < $1.start }
        if !gaps.isEmpty {
            blocks.append(.paragraph(t("主要缺口（按时长，最多 10 处）：", "Longest gaps (up to 10):")))
            blocks.append(.bullets(gaps.prefix(10).map { g in
                let end = g.end.secondOfDay == 0 ? "24:00" : TimeOfDay.text(g.end.secondOfDay)
                return "\(g.start.date) \(TimeOfDay.text(g.start.secondOfDay))–\(end) \(SupervisionData.deptName(g.dept, ws, lang))"
                    + t("：漏巡 \(g.missedSlots) 次，\(SpanText.of(g.length).zh)", ": \(g.missedSlots) missed, \(SpanText.of(g.length).en)")
            }))
        }

        // 3. Scores.
        blocks.append(.heading(t("三、考核得分", "3. Assessment") + art("第十二条", "Art. 12")))
        let ranks = ScoreView.ranks(rows)
        let srows = rows.enumerated().map { i, a -> [String] in
            let before = previous[a.dept]
            return ["\(ranks[i])", SupervisionData.deptName(a.dept, ws, lang), Points.fixed(a.scoreTenths),
                    before.map { Points.fixed($0.scoreTenths) } ?? "—", trend(a.scoreTenths, before?.scoreTenths, pct: false),
                    ScoreView.triple(a, .claim), ScoreView.triple(a, .unitReport), ScoreView.triple(a, .verify), ScoreView.triple(a, .respond),
                    ScoreView.triple(a, .instruct), "\(a.count("extension-applied"))/\(a.count("extension-approved"))"]
        }
        blocks.append(.table(DocumentTable(
            headers: [t("名次", "#"), t("部门", "Department"), t("得分", "Score"), t("上月", "Last month"), t("变化", "Change"),
                      t("认领 按时/逾期/指定", "Claims ok/late/designated"), t("报送 按时/逾期/超期", "Unit reports"),
                      t("核实 按时/逾期/超期", "Verifications"), t("回应 按时/逾期/超期", "Responses"),
                      t("批示 按时/逾期/超期", "Instructions"), t("延期 申请/获批", "Extensions")],
            rows: srows, alignments: DocumentTable.aligned(right: [0, 2, 3, 4], count: 11))))
        let f = try SupervisionData.formula(ws)
        blocks.append(.paragraph(t(
            "计分：起始 \(Points.text(f.startTenths)) 分，按 `score formula` 所列分值增减\(f == .yuqingDefault ? "（yuqing 默认公式；制度未规定分值）" : "（本地公式）")。",
            "Scoring: start at \(Points.text(f.startTenths)), plus the points of `score formula`\(f == .yuqingDefault ? " (yuqing's default; the policy sets no numbers)" : " (local formula)").")))

        // 4. Findings.
        blocks.append(.heading(t("四、问责线索", "4. Accountability findings") + art("第十三条", "Art. 13")))
        if findings.isEmpty {
            blocks.append(.paragraph(t("本月没有逾期或超期的时限。", "No late or missed limits this month.")))
        } else {
            let table = Table(columns: FindingsView.columns(), rows: findings.enumerated().map { FindingsView.row($1, no: $0 + 1, ws: ws, lang: lang) })
            blocks.append(.table(DocumentTable(table, lang)))
        }
        blocks.append(.paragraph(try ChainHeadText.line(ws, lang)))
        let offices = coordinators(ws, lang)
        let header = DocumentHeader(issuers: offices, number: number, signature: offices, date: now.date, printer: offices.first)
        return OfficialDocument(kind: .monthly, title: t("政务舆情回应督查月报（\(y) 年 \(m) 月）", "Supervision report on government-affairs public opinion, \(y)-\(pad(m))"),
                                language: lang, header: header, blocks: blocks)
    }

    /// The log of one day: the day's steps by department.
    static func daily(ws: Workspace, date: CivilDate, lang: Language) throws(ShellError) -> OfficialDocument {
        func t(_ zh: String, _ en: String) -> String { lang == .zh ? zh : en }
        let start = Instant(date: date)
        let entries = DailyLog.entries(try ws.read { try $0.events(kinds: DailyLogKind.eventKinds, from: start, to: start.adding(.days(1))) })
        let ids = Array(Set(entries.map(\.caseID))).sorted()
        var titles: [EntityID: String] = [:]
        if !ids.isEmpty { for c in try ws.read({ try $0.cases(ids: ids) }) { titles[c.id] = c.title } }
        let kind = (try? ws.calendar.dayKind(date)).map { $0.label.text(lang) } ?? ""
        var count: [DailyLogKind: Int] = [:]
        for e in entries { count[e.kind, default: 0] += 1 }
        var blocks: [DocumentBlock] = [
            .paragraph("\(Picture.weekday(date, lang))\(kind.isEmpty ? "" : t("，", ", ") + kind)"),
            .paragraph(DailyLogKind.allCases.map { "\($0.name.text(lang)) \(count[$0] ?? 0)" }.joined(separator: t("；", "; "))),
        ]
        if entries.isEmpty {
            blocks.append(.paragraph(t("当天没有记录。", "Nothing was recorded that day.")))
        }
        // Departments in directory order, then any others, then entries without a department.
        let dir = (try? ws.directory().departments.map(\.code)) ?? []
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
                    let detail = e.detail.isEmpty ? (titles[e.caseID] ?? "") : e.detail
                    return [TimeOfDay.text(e.at.secondOfDay), e.caseID.description, e.kind.name.text(lang), detail, e.actor, "#\(e.seq)"]
                })))
        }
        blocks.append(.paragraph(try ChainHeadText.line(ws, lang)))
        let header = DocumentHeader(issuers: coordinators(ws, lang), date: date)
        return OfficialDocument(kind: .daily, title: t("舆情日志 \(date)", "Opinion log \(date)"), language: lang, header: header, blocks: blocks)
    }

    static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// `+2.5` / `-1.0` / `±0.0`, or `—` without a previous value.
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
    /// A table the verbs build, as a document table in one language (numbers right-aligned as on screen).
    init(_ t: Table, _ lang: Language) {
        let cells = Renderer(language: lang, format: .md)
        self.init(headers: t.columns.map { $0.header.text(lang) },
                  rows: t.rows.map { $0.map(cells.cellText) },
                  alignments: t.columns.map { $0.align == .right ? .right : .left })
    }
}

/// The head of the event chain as printed at the foot of a report: a paper copy then anchors the log too, and
/// `audit verify --against COUNT:HASH` shows whether the store still holds exactly what was printed.
enum ChainHeadText {
    static func line(_ ws: Workspace, _ lang: Language) throws(ShellError) -> String {
        let h = try ws.chainHead()
        return lang == .zh
            ? "事件链：打印时共 \(h.count) 条事件，链头 \(h.printed)（核对：audit verify --against \(h.printed)）。"
            : "Event chain: \(h.count) events when printed, head \(h.printed) (check with audit verify --against \(h.printed))."
    }
}
