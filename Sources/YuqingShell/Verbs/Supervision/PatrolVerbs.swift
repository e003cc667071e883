import YuqingCore
import YuqingStore

/// `patrol` (巡查): log a patrol of the acting department; `patrol check`: compare the log with the cadence (Art. 5, 6).
enum PatrolVerbs {
    static let entry = Patrol.entry

    struct Patrol: Verb {
        static let spec = CommandSpec(
            name: "patrol", alias: "巡查", group: .supervision,
            summary: Localized(zh: "记录一次巡查（第五、六条）", en: "log a patrol of your department (Art. 5, 6)"),
            synopsis: "patrol [--note TEXT] [--at TIME]",
            help: Localized(
                zh: "记录当前身份所在部门的一次巡查（第五条：每天对收集范围内的网站及新媒体进行巡查；第六条：工作日每 1 小时、晚间和节假日每 2 小时一次）。回答中给出下一次应巡查的时段。`patrol check` 核对巡查是否按频次进行。",
                en: "Logs a patrol by the acting department (Art. 5: staff patrol the websites and new media daily; Art. 6: hourly on working days, every 2 hours in the evening and on holidays). The answer says when the next patrol is due. `patrol check` compares the log with the cadence."),
            examples: ["patrol", "巡查 --note \"微博、本地论坛无新增\"", "patrol --at 2020-01-19T10:05"],
            subverbs: [PatrolCheck.entry],
            mutates: true)

        @Option(.text, help: Localized(zh: "巡查情况", en: "what was looked at")) var note: String?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let at = try session.effectiveTime(inv)
            guard let dept = session.actor.dept else {
                throw ShellError(zh: "巡查需要部门：先用 `as 姓名 --role patrol --dept 部门`", en: "a patrol needs a department: `as NAME --role patrol --dept DEPT` first",
                                 range: inv.verbRange)
            }
            // A patrol is logged when it has happened: one "at" a later time would meet a slot nobody has looked in.
            let now = session.now()
            guard at <= now else {
                throw ShellError(Localized(zh: "不能预先记录巡查：\(at) 晚于现在（\(now)）", en: "a patrol cannot be logged before it happens: \(at) is later than now (\(now))"),
                                 range: inv.at?.range ?? inv.verbRange,
                                 hint: Localized(zh: "巡查之后再记录；补记过去的巡查用 --at", en: "log it after the patrol; --at back-fills one that has happened"),
                                 kind: .usage)
            }
            let note = self.note
            let event = try ws.storeCall {
                try ws.store.write { tx in
                    try tx.append(NewEvent(caseID: nil, subject: nil, actor: session.actor, effective: at, recorded: session.now(),
                                           body: .patrolled(dept: dept, note: note)), expectedVersion: nil)
                }
            }
            var zh = "已记录\(ws.deptName(dept, .zh)) \(at.shortDescription) 的巡查（#\(event.seq)）。"
            var en = "Patrol by \(ws.deptName(dept, .en)) logged at \(at.shortDescription) (#\(event.seq))."
            if let next = nextSlot(after: at, ws: ws) {
                let rule = ws.policy.rule(next.ruleID)
                let cadence = rule?.clock.text ?? Localized("")
                let cite = rule?.citation ?? Localized("")
                zh += "下一次巡查：\(next.start.shortDescription)–\(next.range.split(separator: "-").last ?? "")（\(cadence.zh)，\(cite.zh)）。"
                en += " Next patrol: \(next.start.shortDescription)–\(next.range.split(separator: "-").last ?? "") (\(cadence.en), \(cite.en))."
            }
            return CommandOutput(messages: [Localized(zh: zh, en: en)], effective: at)
        }
    }

    /// The first required slot starting at or after the end of the slot that holds `at` (or after `at`).
    static func nextSlot(after at: Instant, ws: Workspace) -> PatrolSlot? {
        for k in 0..<8 {
            let d = at.date.adding(days: k)
            guard let day = try? PatrolSchedule.day(d, policy: ws.policy, calendar: ws.calendar) else { return nil }
            let current = day.slots.first { $0.contains(at) }
            let after = current?.end ?? at
            if let s = day.slots.first(where: { $0.start >= after }) { return s }
        }
        return nil
    }

    struct PatrolCheck: Verb {
        static let spec = CommandSpec(
            name: "check", alias: "检查", group: .supervision,
            summary: Localized(zh: "检查巡查是否按频次进行", en: "check patrols against the required cadence"),
            synopsis: "patrol check [--day DATE | --from DATE --to DATE] [--dept DEPT] [--as-of TIME]",
            help: Localized(
                zh: "按制度的巡查时段和频次（默认：工作日 8:00–18:00 每 1 小时；工作日 18:00–24:00 和休息日、节假日 8:00–24:00 每 2 小时；调休上班日按工作日）列出每个部门应巡查的时段，逐一核对巡查记录，列出缺口及其时长。尚未结束的时段不计入（即使已巡查）；记录在先、时间在后的巡查（预先记录）单独列出，不计入。应巡查的部门和计数方式是制度设置（`policy supervision patrol-duty`、`patrol-model`）。终端中另画一张图：每个部门一行，每个应巡查时段一格，■ 已巡查，□ 漏巡，· 尚未结束；超过 7 天时每天一格（■ 全部完成，◧ 部分完成，□ 全部漏巡）。默认检查今天；--as-of 按某一时刻所知作答。",
                en: "Cuts each day into the required patrol slots of the policy (by default: every hour 08:00–18:00 on working days; every 2 hours 18:00–24:00 on working days and 08:00–24:00 on rest days and holidays; make-up workdays are working days), checks each department's patrol log against them and lists every gap with its length. A slot that has not ended does not count (even with a patrol in it); a patrol logged before its time is listed apart and never counts. Who owes patrols and how cadences count are profile settings (`policy supervision patrol-duty`, `patrol-model`). In the terminal a picture follows: one row per department, one cell per required slot — ■ met, □ missed, · not ended; for more than 7 days one cell per day (■ all met, ◧ some missed, □ all missed). Checks today by default; --as-of answers as known at a time."),
            examples: ["patrol check", "patrol check --day 2020-01-19", "巡查 检查 --from 2020-01-01 --to 2020-01-31 --dept police", "patrol check --day 2020-01-19 --format csv --bom"])

        @Option(.date, help: Localized(zh: "检查一天", en: "one day")) var day: CivilDate?
        @Option(.date, help: SupervisionHelp.from) var from: CivilDate?
        @Option(.date, help: SupervisionHelp.to) var to: CivilDate?
        @Option(.department, help: Localized(zh: "只看一个部门", en: "one department only")) var dept: String?
        @Option(.time, name: "as-of", help: SupervisionHelp.asOf) var asOf: TimeSpec?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let asked = try SupervisionData.asOfOption(asOf, $asOf, session)
            let period = try SupervisionData.period(day: day, from: from, to: to, fromRange: $from.range, toRange: $to.range,
                                                    reference: asked ?? session.now(), defaultToday: true)
            let scope = try SupervisionData.scope(ws, period, asOf: asked, session)
            let only = try SupervisionData.deptFilter(dept, $dept, ws)
            let check = try SupervisionData.patrolCheck(scope, only: only)
            return PatrolView.output(scope, check: check, session: session, format: inv.format)
        }
    }
}

/// The tables and the picture of `patrol check` (shared with the monthly report).
enum PatrolView {
    static func gapColumns() -> [Column] {
        [Column("date", Localized(zh: "日期", en: "date")),
         // Wrap on a narrow terminal: at 80 columns English cut them to `holiday (N…`, `Emergency …`, `evening and…`.
         Column("day", Localized(zh: "日别", en: "day"), wraps: true),
         Column("dept", Localized(zh: "部门", en: "department"), wraps: true),
         Column("from", Localized(zh: "起", en: "from")),
         Column("to", Localized(zh: "止", en: "to")),
         Column("length", Localized(zh: "时长", en: "length"), align: .right),
         Column("missed", Localized(zh: "漏巡次数", en: "missed"), align: .right),
         Column("rule", Localized(zh: "规则", en: "rule"), wraps: true)]
    }

    static func gapRows(_ days: [DeptPatrolDay], ws: Workspace, lang: Language) -> [[Cell]] {
        var rows: [[Cell]] = []
        // Date first, then the departments in their given order.
        let sorted = days.enumerated().sorted { a, b in
            a.element.day.date != b.element.day.date ? a.element.day.date < b.element.day.date : a.offset < b.offset
        }.map(\.element)
        for d in sorted {
            for g in d.gaps {
                let end = g.end.secondOfDay == 0 ? "24:00" : TimeOfDay.text(g.end.secondOfDay)
                rows.append([.text(d.day.date.description), .localized(d.day.kind.label),
                              .text(SupervisionData.deptName(g.dept, ws, lang)),
                              .text(TimeOfDay.text(g.start.secondOfDay)), .text(end),
                              .text(SpanText.of(g.length, dayParts: true).text(lang)), .integer(g.missedSlots),
                              .text(g.ruleIDs.map { ws.policy.rule($0)?.title.text(lang) ?? $0 }.joined(separator: lang == .zh ? "、" : ", "))])
            }
        }
        return rows
    }

    static func summaryColumns() -> [Column] {
        [Column("dept", Localized(zh: "部门", en: "department")),
         Column("required", Localized(zh: "应巡查", en: "required"), align: .right),
         Column("met", Localized(zh: "已巡查", en: "met"), align: .right),
         Column("missed", Localized(zh: "漏巡", en: "missed"), align: .right),
         Column("compliance", Localized(zh: "达标率", en: "compliance"), align: .right)]
    }

    static func summaryRows(_ totals: [PatrolTotals], ws: Workspace, lang: Language) -> [[Cell]] {
        totals.map { t in
            [.text(SupervisionData.deptName(t.dept, ws, lang)), .integer(t.required), .integer(t.met), .integer(t.missed),
             .text(t.required > 0 ? t.percentText : "—")]
        }
    }

    /// Patrols logged before they happened: listed, never counted.
    static func aheadNote(_ ahead: [PatrolRecord], ws: Workspace) -> Localized? {
        guard !ahead.isEmpty else { return nil }
        let zh = ahead.map { "#\($0.seq) \(ws.deptName($0.dept, .zh)) \($0.at)（记录于 \($0.recorded)）" }.joined(separator: "；")
        let en = ahead.map { "#\($0.seq) \(ws.deptName($0.dept, .en)) \($0.at) (logged \($0.recorded))" }.joined(separator: "; ")
        return Localized(zh: "\(ahead.count) 次巡查在发生之前就已记录，不计入：\(zh)。",
                         en: "\(ahead.count) patrol\(ahead.count == 1 ? " was" : "s were") logged before \(ahead.count == 1 ? "it" : "they") happened and \(ahead.count == 1 ? "does" : "do") not count: \(en).")
    }

    static func output(_ s: SupervisionScope, check: SupervisionData.PatrolCheck, session: Session, format: OutputFormat) -> CommandOutput {
        let ws = s.ws, period = s.period, depts = check.depts, days = check.days
        let lang = session.language
        let totals = PatrolCompliance.totals(days, depts: depts)
        let gaps = days.reduce(0) { $0 + $1.gaps.count }
        let required = totals.reduce(0) { $0 + $1.required }
        let met = totals.reduce(0) { $0 + $1.met }
        let all = PatrolTotals(dept: "", required: required, met: met)
        let asOf = s.asOf.deadlineDescription
        var summary: Localized
        if required == 0 {
            let why = check.recordStart.map { Localized(zh: "记录始于 \($0.date)", en: "the record starts \($0.date)") }
                ?? Localized(zh: "尚无巡查或收集记录", en: "nothing has been patrolled or collected yet")
            summary = Localized(zh: "\(period.label)（截至 \(asOf)）没有已结束的应巡查时段（\(why.zh)）。",
                                en: "\(period.label) as of \(asOf): no required patrol slot has ended (\(why.en)).")
        } else {
            summary = Localized(
                zh: "\(period.label) 巡查（截至 \(asOf)）：应巡查 \(required) 次，已巡查 \(met) 次，达标率 \(all.percentText)；缺口 \(gaps) 处。",
                en: "Patrols \(period.label) as of \(asOf): \(met) of \(required) required patrols logged (\(all.percentText)); \(English.count(gaps, "gap")).")
        }
        let gapTable = Table(title: Localized(zh: "巡查缺口", en: "Patrol gaps"), columns: gapColumns(), rows: gapRows(days, ws: ws, lang: lang))
        let sumTable = Table(title: Localized(zh: "巡查达标情况", en: "Patrol compliance"), columns: summaryColumns(),
                             rows: summaryRows(totals, ws: ws, lang: lang))
        var out = CommandOutput()
        // Patrols dated before --as-of but typed in after it are left out: said as score says it.
        if let first = check.backfilled {
            let note = SupervisionData.backfilledNote(s, first)
            summary = Localized(zh: summary.zh + note.zh, en: summary.en + " " + note.en)
        }
        let notes = [summary] + [aheadNote(check.inAdvance, ws: ws)].compactMap { $0 }
        switch format {
        case .csv:
            out.tables = [gapTable]
        case .table:
            out.messages = notes
            out.tables = [sumTable, gapTable]
            let model = s.settings.patrolModel
            out.document = Picture.patrol(days, depts: depts, model: model, ws: ws, lang: lang)
            out.layout = { width in Picture.patrol(days, depts: depts, model: model, ws: ws, lang: lang, width: width) }
        case .md, .json:
            out.messages = notes
            out.tables = [sumTable, gapTable]
        }
        out.json = .object([
            ("from", .string(period.from.description)), ("to", .string(period.through.description)),
            ("as_of", .string(s.asOf.iso8601)),
            ("required", .int(required)), ("met", .int(met)),
            ("compliance", required > 0 ? .tenths(all.complianceTenths) : .null),
            ("departments", .array(totals.map { t in
                .object([("dept", .string(t.dept)), ("required", .int(t.required)), ("met", .int(t.met)),
                         ("missed", .int(t.missed)), ("compliance", t.required > 0 ? .tenths(t.complianceTenths) : .null)])
            })),
            ("gaps", .array(days.flatMap { d in d.gaps.map { g in
                .object([("dept", .string(g.dept)), ("from", .string(g.start.iso8601)), ("to", .string(g.end.iso8601)),
                         ("minutes", .int(Int(g.length.seconds / 60))), ("missed", .int(g.missedSlots)),
                         ("rules", .array(g.ruleIDs.map { .string($0) }))])
            } })),
            ("logged_in_advance", .array(check.inAdvance.map { p in
                .object([("seq", .int(Int(p.seq))), ("dept", .string(p.dept)), ("at", .string(p.at.iso8601)),
                         ("recorded", .string(p.recorded.iso8601))])
            })),
        ])
        return out
    }
}
