import Foundation
import YuqingCore
import YuqingStore

/// `score` (考核): the assessment of Art. 12 per department, from obligations and patrols; `score formula`: the
/// weights, which are data.
enum ScoreVerbs {
    static let entry = Score.entry

    struct Score: Verb {
        static let spec = CommandSpec(
            name: "score", alias: "考核", group: .supervision,
            summary: Localized(zh: "各部门考核得分（第十二条）", en: "assessment scores per department (Art. 12)"),
            synopsis: "score [--from DATE] [--to DATE] [--dept DEPT] [--as-of TIME]",
            help: Localized(
                zh: "统计时间段内到期的每项时限：认领按时/逾期/被指定，报送本单位领导、核实调查报告、回应、领导批示、报送市领导的按时/逾期/超期，延期申请及获批，以及巡查达标率；按计分公式（`score formula`）得出分数，从高到低排列。全部由时限和事件算出，没有另记的计数。默认统计本月 1 日至今天。--as-of 给出某一时刻所知的结果（只用该时刻前记录的事件；默认现在）。没有可计分事项的部门不计分（显示“—”）。终端中附分数条形图；--format csv（加 --bom 供 Excel）给出每一项计数，--format md 给出 Markdown 表格。指定 --dept 时另列扣分明细；政务公开办、网宣办共同承担的一行（指定、上报等）用 --dept coordinators（或 --dept 政务公开办、网宣办）选出，--dept open-gov 是政务公开办自己的一行。",
                en: "Counts every obligation that fell due in the period — claims on time / late / designated; unit reports, verification reports, responses, leader instructions and escalations on time / late / overdue; extension applications and approvals — and patrol compliance, then scores each department with the formula (`score formula`), best first. Everything is computed from obligations and events, no separate counters. Default period: this month up to today. --as-of answers as it was known at a time (events logged by then only; now by default). A department with nothing to score gets no score (“—”). In the terminal a bar picture follows; --format csv (with --bom for Excel) gives every count in its own column, --format md a Markdown table. With --dept the deductions are itemised; the coordinators' joint row (the Open Government and Network Propaganda Offices together: designations, escalations) is `--dept coordinators` (or `--dept 政务公开办、网宣办`), while `--dept open-gov` is that office's own row."),
            examples: ["score", "score --from 2020-01-01 --to 2020-01-31", "考核 --from 2020-01-01 --to 2020-01-31 --format csv --bom", "score --dept police --format md", "score --dept coordinators",
                       "score --from 2020-01-01 --to 2020-01-31 --as-of 2020-02-03T09:00"],
            subverbs: [ScoreFormulaVerb.entry])

        @Option(.date, help: SupervisionHelp.from) var from: CivilDate?
        @Option(.date, help: SupervisionHelp.to) var to: CivilDate?
        @Option(.assessedDepartment, help: Localized(zh: "只看一个部门（并列出扣分明细；coordinators 为政务公开办、网宣办的联合一行）", en: "one department, with its deductions (coordinators: the coordinators' joint row)")) var dept: String?
        @Option(.time, name: "as-of", help: SupervisionHelp.asOf) var asOf: TimeSpec?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let asked = try SupervisionData.asOfOption(asOf, $asOf, session)
            let period = try SupervisionData.period(from: from, to: to, fromRange: $from.range, toRange: $to.range,
                                                    reference: asked ?? session.now(), defaultToday: false)
            let scope = try SupervisionData.scope(ws, period, asOf: asked, session)
            let only = try SupervisionData.deptFilter(dept, $dept, ws)
            let (rows, patrol, _) = try SupervisionData.assessment(scope, only: only)
            return ScoreView.output(scope, rows: rows, patrol: patrol, detail: only != nil, session: session,
                                    format: inv.format)
        }
    }

    struct ScoreFormulaVerb: Verb {
        static let spec = CommandSpec(
            name: "formula", alias: "公式", group: .supervision,
            summary: Localized(zh: "查看或修改考核计分公式", en: "show or change the score formula"),
            synopsis: "score formula [KEY VALUE] [--load FILE] [--reset]",
            help: Localized(
                zh: "考核计分公式是数据：起始分 start、最低分 floor，以及每种结果的分值（如 claim-late -2 表示每逾期认领一件扣 2 分，patrol-shortfall -0.2 表示巡查达标率每低 1 个百分点扣 0.2 分）。不带参数时列出全部计分项；`score formula KEY VALUE` 改一项；--load 读入一个每行“计分项 分值”的文件（未列出的项保持不变）；--reset 恢复制度中的公式（`policy score …`）。修改保存在数据库中，覆盖制度中的公式。内置制度的公式是 yuqing 的默认设定，制度原文（第十二条）未规定分值。",
                en: "The score formula is data: a start score, a floor, and points per outcome (claim-late -2: two points off per late claim; patrol-shortfall -0.2: 0.2 off per percentage point of patrol compliance below 100%). Without arguments it lists every key; `score formula KEY VALUE` changes one; --load reads a file of `KEY VALUE` lines (keys not listed keep their value); --reset restores the profile's formula (`policy score …`). Changes are kept in the store, over the profile's formula. The built-in profiles carry yuqing's default: the policy (Art. 12) sets no numbers."),
            examples: ["score formula", "score formula claim-late -3", "考核 公式 --load formula.txt", "score formula --reset"],
            mutates: true)

        @Argument(.word, name: "key",
                  help: Localized(zh: "计分项（如 claim-late）", en: "the score key (such as claim-late)")) var key: String?
        @Argument(.word, name: "value",
                  help: Localized(zh: "该项的新分值（如 -3）", en: "its new value (such as -3)")) var value: String?
        @Option(.path, help: Localized(zh: "读入公式文件", en: "read a formula file")) var load: String?
        @Flag(help: Localized(zh: "恢复制度中的公式", en: "restore the profile's formula")) var reset: Bool

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            var f = try SupervisionData.formula(ws)
            let profile = ws.policy.supervision.formula
            if key == nil && load == nil && !reset { return ScoreView.formulaOutput(f, profile: profile, session: session) }
            try ws.authorize(session, inv, .changeScoreFormula)
            var what: Localized
            if reset {
                f = profile
                what = Localized(zh: "计分公式已恢复为制度中的公式。", en: "The score formula is the profile's again.")
            } else if let path = load {
                let load = $load
                guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                    throw ShellError(zh: "无法读取文件 \(path)", en: "cannot read file \(path)", range: load.range, kind: .usage)
                }
                f = try ShellError.at(load.range, about: path) { [f] in try ScoreFormula.parse(text, base: f) }
                what = Localized(zh: "已从 \(path) 读入计分公式。", en: "Score formula loaded from \(path).")
            } else {
                guard let key, let value else {
                    throw ShellError(zh: "缺少分值：score formula 计分项 分值", en: "a value is missing: score formula KEY VALUE",
                                     range: inv.verbRange, kind: .usage)
                }
                try ShellError.at($key.range) { try f.set(key, value) }
                what = Localized(zh: "计分项 \(key) 已设为 \(value)。", en: "Score key \(key) set to \(value).")
            }
            let at = try session.effectiveTime(inv)
            // The event records the SHA-256 of the text stored (of "" when the profile's formula is in force again), so
            // `audit verify` can tell a formula written into the settings table by hand from one set here.
            let text = f == profile ? "" : f.lines.joined(separator: "\n") + "\n"
            try ws.storeCall {
                try ws.store.write { tx in
                    try tx.setMeta(SupervisionData.formulaMetaKey, text.isEmpty ? nil : text)
                    try tx.append(NewEvent(caseID: nil, actor: session.actor, effective: at, recorded: session.now(),
                                           body: .policyChanged(name: SettingKeys.scoreFormula, fingerprint: SHA256Text.hex(text))),
                                   expectedVersion: nil)
                }
            }
            return CommandOutput(messages: [what], effective: at)
        }
    }
}

/// The tables, bars and JSON of `score` (shared with the monthly report).
enum ScoreView {
    /// `5/1/0`: on time / late / overdue of a class (claims: on time / late / designated).
    static func triple(_ a: DeptAssessment, _ cls: ObligationClass) -> String {
        let c = cls.rawValue
        let third = cls == .claim ? a.count("designated") : a.count("\(c)-overdue")
        return "\(a.count("\(c)-on-time"))/\(a.count("\(c)-late"))/\(third)"
    }

    /// `97.0`, or `—` when there was nothing to score.
    static func scoreText(_ a: DeptAssessment) -> String { a.scoreTenths.map(Points.fixed) ?? "—" }

    /// `99.4%`, or `—` when no patrol was owed.
    static func patrolText(_ p: PatrolTotals?) -> String { p.map { $0.required > 0 ? $0.percentText : "—" } ?? "—" }

    /// Whether a table shows the `undesignated` column: only when the coordinators left a case undesignated.
    static func showsUndesignated(_ rows: [DeptAssessment]) -> Bool { rows.contains { $0.count("undesignated") > 0 } }

    /// The terminal width from which the compact table shows its long headers.
    static let wideEnough = 180

    static let shortHeaders: [String: Localized] = [
        "claims": Localized(zh: "认领", en: "claims"), "unit_reports": Localized(zh: "报送", en: "reports"),
        "verifications": Localized(zh: "核实", en: "verified"), "responses": Localized(zh: "回应", en: "responses"),
        "instructions": Localized(zh: "批示", en: "instr."), "escalations": Localized(zh: "报市领导", en: "escal."),
        "extensions": Localized(zh: "延期", en: "ext."), "patrol": Localized(zh: "巡查", en: "patrol"),
    ]

    static let legend = Localized(
        zh: "各项为 按时/逾期/超期（认领为 按时/逾期/指定，延期为 申请/获批，巡查为达标率）。",
        en: "Counts are on time/late/overdue (claims: on time/late/designated; ext.: applied/approved; patrol: compliance).")

    /// On a narrow terminal the instructions, escalations and extensions go first (rarer; `--format csv` has all).
    static func compactColumns(undesignated: Bool) -> [Column] {
        [Column("rank", Localized(zh: "名次", en: "#"), align: .right),
         // Wraps on a narrow terminal: a cut name (`Open Govern…`) could be two departments.
         Column("dept", Localized(zh: "部门", en: "department"), wraps: true),
         Column("score", Localized(zh: "得分", en: "score"), align: .right),
         Column("claims", Localized(zh: "认领 按时/逾期/指定", en: "claims ok/late/designated"))]
        + (undesignated ? [Column("undesignated", Localized(zh: "未指定", en: "undesignated"), align: .right)] : [])
        + [Column("unit_reports", Localized(zh: "报送 按时/逾期/超期", en: "unit reports ok/late/overdue")),
         Column("verifications", Localized(zh: "核实 按时/逾期/超期", en: "verifications ok/late/overdue")),
         Column("responses", Localized(zh: "回应 按时/逾期/超期", en: "responses ok/late/overdue")),
         Column("instructions", Localized(zh: "批示 按时/逾期/超期", en: "instructions ok/late/overdue"), dropRank: 2),
         Column("escalations", Localized(zh: "报市领导 按时/逾期/超期", en: "escalations ok/late/overdue"), dropRank: 1),
         Column("extensions", Localized(zh: "延期 申请/获批", en: "extensions applied/approved"), dropRank: 3),
         Column("patrol", Localized(zh: "巡查达标率", en: "patrol"), align: .right)]
    }

    static func compactRow(_ a: DeptAssessment, rank: Int?, undesignated: Bool, ws: Workspace, lang: Language) -> [Cell] {
        [rank.map { .integer($0) } ?? .text("—"), .text(SupervisionData.deptName(a.dept, ws, lang)), .text(scoreText(a)),
         .text(triple(a, .claim))]
        + (undesignated ? [.text(a.dept == Party.coordinators.rawValue ? "\(a.count("undesignated"))" : "")] : [])
        + [.text(triple(a, .unitReport)), .text(triple(a, .verify)), .text(triple(a, .respond)),
         .text(triple(a, .instruct)), .text(triple(a, .escalate)),
         .text("\(a.count("extension-applied"))/\(a.count("extension-approved"))"), .text(patrolText(a.patrol))]
    }

    /// Every count in its own column, for spreadsheets.
    static let countKeys: [String] = ScoreFormula.keys.filter { $0 != "patrol-shortfall" }

    static func fullColumns() -> [Column] {
        var cols = [Column("rank", Localized(zh: "名次", en: "rank"), align: .right),
                    Column("dept", Localized(zh: "部门代码", en: "dept")),
                    Column("name", Localized(zh: "部门", en: "department")),
                    Column("score", Localized(zh: "得分", en: "score"), align: .right)]
        for k in countKeys { cols.append(Column(k.replacingOccurrences(of: "-", with: "_"), Localized(k), align: .right)) }
        cols += [Column("patrol_required", Localized(zh: "应巡查", en: "patrol required"), align: .right),
                 Column("patrol_met", Localized(zh: "已巡查", en: "patrol met"), align: .right),
                 Column("patrol_compliance", Localized(zh: "巡查达标率", en: "patrol compliance"), align: .right)]
        return cols
    }

    static func fullRow(_ a: DeptAssessment, rank: Int?, ws: Workspace, lang: Language) -> [Cell] {
        var row: [Cell] = [rank.map { .integer($0) } ?? .empty, .text(a.dept), .text(SupervisionData.deptName(a.dept, ws, lang)),
                           a.scoreTenths.map { .text(Points.fixed($0)) } ?? .empty]
        for k in countKeys { row.append(.integer(a.count(k))) }
        row += [.integer(a.patrol?.required ?? 0), .integer(a.patrol?.met ?? 0),
                .text(a.patrol.map { $0.required > 0 ? $0.percentText : "" } ?? "")]
        return row
    }

    static func detailTable(_ a: DeptAssessment, formula: ScoreFormula, ws: Workspace, lang: Language) -> Table {
        var rows: [[Cell]] = [[.localized(Localized(zh: "起始分", en: "start")), .empty, .empty, .text(Points.fixed(formula.startTenths))]]
        for l in a.lines {
            let qty = l.key == "patrol-shortfall" ? Points.fixed(l.quantity) + (lang == .zh ? " 个百分点" : " points") : "\(l.quantity)"
            // In Chinese the item's name (认领逾期), not the formula key; English keeps the key `score formula` takes.
            rows.append([.text(lang == .zh ? ScoreFormula.label(l.key).zh : l.key), .text(qty), .text(Points.text(formula.weight(l.key))), .text(Points.fixed(l.pointsTenths))])
        }
        rows.append([.localized(Localized(zh: "得分", en: "score")), .empty, .empty, .text(scoreText(a))])
        return Table(title: Localized(zh: "\(SupervisionData.deptName(a.dept, ws, .zh)) 扣分明细", en: "Deductions of \(SupervisionData.deptName(a.dept, ws, .en))"),
                     columns: [Column("item", Localized(zh: "计分项", en: "item")),
                               Column("quantity", Localized(zh: "数量", en: "quantity"), align: .right),
                               Column("weight", Localized(zh: "分值", en: "weight"), align: .right),
                               Column("points", Localized(zh: "得失分", en: "points"), align: .right)],
                     rows: rows)
    }

    /// The sentence above the table: the period, the time it is as of, and plainly when nothing could be scored.
    static func summary(_ s: SupervisionScope, rows: [DeptAssessment], patrol: SupervisionData.PatrolCheck) -> Localized {
        let text = scoredSummary(s, rows: rows, patrol: patrol)
        guard let first = patrol.backfilled else { return text }
        let note = SupervisionData.backfilledNote(s, first)
        return Localized(zh: text.zh + note.zh, en: text.en + " " + note.en)
    }

    private static func scoredSummary(_ s: SupervisionScope, rows: [DeptAssessment], patrol: SupervisionData.PatrolCheck) -> Localized {
        let scored = rows.filter { $0.scoreTenths != nil }.count
        let asOf = s.asOf.deadlineDescription
        if scored == 0 {
            let start = patrol.recordStart.map { Localized(zh: "记录始于 \($0.date)", en: "the record starts \($0.date)") }
                ?? Localized(zh: "尚无任何记录", en: "nothing has been recorded yet")
            return Localized(zh: "\(s.period.label)（截至 \(asOf)）没有可计分的事项：没有到期的时限、延期申请或应巡查的时段（\(start.zh)）。",
                             en: "Nothing to score in \(s.period.label) (as of \(asOf)): no limit fell due, no extension was applied for and no patrol was owed (\(start.en)).")
        }
        let unscored = rows.count - scored
        return Localized(zh: "\(s.period.label) 考核得分（截至 \(asOf)）：\(scored) 个部门计分\(unscored > 0 ? "，\(unscored) 个部门没有可计分事项" : "")（第十二条）。",
                         en: "Assessment of \(s.period.label) as of \(asOf): \(English.count(scored, "department")) scored\(unscored > 0 ? ", \(unscored) with nothing to score" : "") (Art. 12).")
    }

    static func output(_ s: SupervisionScope, rows: [DeptAssessment], patrol: SupervisionData.PatrolCheck, detail: Bool,
                       session: Session, format: OutputFormat) -> CommandOutput {
        let ws = s.ws
        let lang = session.language
        let ranks = Assessment.ranks(rows)
        let title = Localized(zh: "考核得分 \(s.period.label)", en: "Assessment \(s.period.label)")
        var out = CommandOutput()
        switch format {
        case .csv:
            out.tables = [Table(title: title, columns: fullColumns(), rows: rows.indices.map { fullRow(rows[$0], rank: ranks[$0], ws: ws, lang: lang) })]
        case .json:
            break
        case .table, .md:
            out.messages = [summary(s, rows: rows, patrol: patrol)]
            let u = showsUndesignated(rows)
            var columns = compactColumns(undesignated: u)
            // On a terminal narrower than the long headers need (a projector at 80–110 columns), the headers are
            // one word and a line says what the three counts are: `报送 按时/逾期/超期` is 19 columns over `0/0/0`.
            if format == .table, let width = session.runContext?.sink.terminalWidth, width < wideEnough {
                columns = columns.map { c in
                    var c = c
                    if let short = shortHeaders[c.key] { c.header = short }
                    return c
                }
                out.messages.append(legend)
            }
            out.tables = [Table(title: title, columns: columns,
                                rows: rows.indices.map { compactRow(rows[$0], rank: ranks[$0], undesignated: u, ws: ws, lang: lang) })]
            if detail, let a = rows.first { out.tables.append(detailTable(a, formula: s.settings.formula, ws: ws, lang: lang)) }
            if format == .table {
                let scored = rows.compactMap { a in a.scoreTenths.map { (SupervisionData.deptName(a.dept, ws, lang), $0) } }
                if !scored.isEmpty { out.document = Picture.bars(scored, width: session.runContext?.sink.terminalWidth) }
            }
        }
        out.json = json(s, rows: rows, ranks: ranks)
        return out
    }

    /// The JSON of `score` (docs/json.md): numbers as numbers, null where there is nothing to score.
    static func json(_ s: SupervisionScope, rows: [DeptAssessment], ranks: [Int?]) -> JSONValue {
        .object([
            ("from", .string(s.period.from.description)), ("to", .string(s.period.through.description)),
            ("as_of", .string(s.asOf.iso8601)),
            ("departments", .array(rows.indices.map { i in
                let a = rows[i]
                var fields: [(String, JSONValue)] = [("rank", ranks[i].map { .int($0) } ?? .null), ("dept", .string(a.dept)),
                                                     ("score", a.scoreTenths.map { .tenths($0) } ?? .null)]
                fields.append(("counts", .object(countKeys.map { ($0, .int(a.count($0))) })))
                let p = a.patrol
                fields.append(("patrol", .object([("required", .int(p?.required ?? 0)), ("met", .int(p?.met ?? 0)),
                                                  ("compliance", p.flatMap { $0.required > 0 ? .tenths($0.complianceTenths) : nil } ?? .null)])))
                fields.append(("lines", .array(a.lines.map { .object([("key", .string($0.key)), ("quantity", .int($0.quantity)), ("points", .tenths($0.pointsTenths))]) })))
                return .object(fields)
            })),
        ])
    }

    static func formulaOutput(_ f: ScoreFormula, profile: ScoreFormula, session: Session) -> CommandOutput {
        var rows: [[Cell]] = [
            [.text("start"), .text(Points.text(f.startTenths)), .text(Points.text(profile.startTenths)), .localized(Localized(zh: "起始分", en: "the score before deductions"))],
            [.text("floor"), .text(f.floorTenths.map(Points.text) ?? "none"), .text(profile.floorTenths.map(Points.text) ?? "none"), .localized(Localized(zh: "最低分", en: "the lowest score given"))],
        ]
        for k in ScoreFormula.keys {
            rows.append([.text(k), .text(Points.text(f.weight(k))), .text(Points.text(profile.weight(k))), .localized(ScoreFormula.meaning(k))])
        }
        let local = f != profile
        let isDefault = profile == .yuqingDefault
        let origin = isDefault
            ? Localized(zh: "制度中的公式为 yuqing 默认公式（第十二条未规定分值，由本市自行确定）", en: "the profile's formula is yuqing's default (Art. 12 sets no numbers; the city decides)")
            : Localized(zh: "制度中的公式由本市制度文件设定", en: "the profile's formula is the city's own")
        let msg = local
            ? Localized(zh: "当前公式在制度公式基础上作了本地修改（`score formula --reset` 恢复）；\(origin.zh)。", en: "This formula was changed locally over the profile's (`score formula --reset` restores it); \(origin.en).")
            : Localized(zh: "当前公式即制度中的公式（`policy score …`）；\(origin.zh)。", en: "This is the profile's formula (`policy score …`); \(origin.en).")
        var out = CommandOutput(messages: [msg],
            tables: [Table(title: Localized(zh: "考核计分公式（第十二条）", en: "Score formula (Art. 12)"),
                           columns: [Column("key", Localized(zh: "计分项", en: "key")), Column("value", Localized(zh: "分值", en: "value"), align: .right),
                                     Column("profile", Localized(zh: "制度", en: "profile"), align: .right),
                                     Column("meaning", Localized(zh: "含义", en: "meaning"))], rows: rows)])
        out.json = .object([("local", .bool(local)),
                            ("start", .tenths(f.startTenths)), ("floor", f.floorTenths.map { .tenths($0) } ?? .null),
                            ("weights", .object(ScoreFormula.keys.map { ($0, .tenths(f.weight($0))) }))])
        return out
    }
}

/// Help texts the supervision verbs share.
enum SupervisionHelp {
    static let from = Localized(zh: "起始日期", en: "first day")
    static let to = Localized(zh: "结束日期（含）", en: "last day (inclusive)")
    static let asOf = Localized(zh: "按某一时刻所知作答（只用该时刻前记录的事件；默认现在）",
                                en: "answer as known at a time (events logged by then only; now by default)")
}
