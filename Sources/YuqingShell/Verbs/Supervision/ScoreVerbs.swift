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
            synopsis: "score [--from DATE] [--to DATE] [--dept DEPT]",
            help: Localized(
                zh: "统计时间段内到期的每项时限：认领按时/逾期/被指定，报送本单位领导、核实调查报告、回应、领导批示、报送市领导的按时/逾期/超期，延期申请及获批，以及巡查达标率；按计分公式（`score formula`）得出分数，从高到低排列。全部由时限和事件算出，没有另记的计数。默认统计本月 1 日至今天。终端中附分数条形图；--format csv（加 --bom 供 Excel）给出每一项计数，--format md 给出 Markdown 表格。指定 --dept 时另列扣分明细。",
                en: "Counts every obligation that fell due in the period — claims on time / late / designated; unit reports, verification reports, responses, leader instructions and escalations on time / late / overdue; extension applications and approvals — and patrol compliance, then scores each department with the formula (`score formula`), best first. Everything is computed from obligations and events, no separate counters. Default period: this month up to today. In the terminal a bar picture follows; --format csv (with --bom for Excel) gives every count in its own column, --format md a Markdown table. With --dept the deductions are itemised."),
            examples: ["score", "score --from 2020-01-01 --to 2020-01-31", "考核 --from 2020-01-01 --to 2020-01-31 --format csv --bom", "score --dept police --format md"],
            subverbs: [ScoreFormulaVerb.entry])

        @Option(.date, help: Localized(zh: "起始日期", en: "first day")) var from: CivilDate?
        @Option(.date, help: Localized(zh: "结束日期（含）", en: "last day (inclusive)")) var to: CivilDate?
        @Option(.department, help: Localized(zh: "只看一个部门（并列出扣分明细）", en: "one department, with its deductions")) var dept: String?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let period = try SupervisionData.period(from: from, to: to, fromRange: $from.range, toRange: $to.range, session,
                                                    defaultToday: false)
            let only = try SupervisionData.deptFilter(dept, $dept, ws)
            let (rows, _) = try SupervisionData.assessment(ws, period, only: only, now: session.now())
            return ScoreView.output(ws: ws, period: period, rows: rows, detail: only != nil, session: session,
                                   format: inv.format)
        }
    }

    struct ScoreFormulaVerb: Verb {
        static let spec = CommandSpec(
            name: "formula", alias: "公式", group: .supervision,
            summary: Localized(zh: "查看或修改考核计分公式", en: "show or change the score formula"),
            synopsis: "score formula [KEY VALUE] [--load FILE] [--reset]",
            help: Localized(
                zh: "考核计分公式是数据：起始分 start、最低分 floor，以及每种结果的分值（如 claim-late -2 表示每逾期认领一件扣 2 分，patrol-shortfall -0.2 表示巡查达标率每低 1 个百分点扣 0.2 分）。不带参数时列出全部计分项；`score formula KEY VALUE` 改一项；--load 读入一个每行“计分项 分值”的文件（未列出的项保持不变）；--reset 恢复 yuqing 的默认公式。默认公式是 yuqing 的设定，制度原文（第十二条）未规定分值。",
                en: "The score formula is data: a start score, a floor, and points per outcome (claim-late -2: two points off per late claim; patrol-shortfall -0.2: 0.2 off per percentage point of patrol compliance below 100%). Without arguments it lists every key; `score formula KEY VALUE` changes one; --load reads a file of `KEY VALUE` lines (keys not listed keep their value); --reset restores yuqing's default. The default is yuqing's: the policy (Art. 12) sets no numbers."),
            examples: ["score formula", "score formula claim-late -3", "考核 公式 --load formula.txt", "score formula --reset"],
            mutates: true)

        @Argument(.word, name: "key") var key: String?
        @Argument(.word, name: "value") var value: String?
        @Option(.path, help: Localized(zh: "读入公式文件", en: "read a formula file")) var load: String?
        @Flag(help: Localized(zh: "恢复默认公式", en: "restore the default")) var reset: Bool

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            var f = try SupervisionData.formula(ws)
            if key == nil && load == nil && !reset { return ScoreView.formulaOutput(f, session: session) }
            try ws.authorize(session, inv, .changeScoreFormula)
            var what: Localized
            if reset {
                f = .yuqingDefault
                what = Localized(zh: "计分公式已恢复为 yuqing 默认公式。", en: "The score formula is yuqing's default again.")
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
            let text = f == .yuqingDefault ? "" : f.lines.joined(separator: "\n") + "\n"
            try ws.storeCall {
                try ws.store.write { tx in
                    try tx.setMeta(SupervisionData.formulaMetaKey, text.isEmpty ? nil : text)
                    try tx.append(NewEvent(caseID: nil, actor: session.actor, effective: at, recorded: session.now(),
                                           body: .policyChanged(name: "score-formula")), expectedVersion: nil)
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

    static func compactColumns() -> [Column] {
        [Column("rank", Localized(zh: "名次", en: "#"), align: .right),
         Column("dept", Localized(zh: "部门", en: "department")),
         Column("score", Localized(zh: "得分", en: "score"), align: .right),
         Column("claims", Localized(zh: "认领 按时/逾期/指定", en: "claims ok/late/designated")),
         Column("unit_reports", Localized(zh: "报送 按时/逾期/超期", en: "unit reports ok/late/overdue")),
         Column("verifications", Localized(zh: "核实 按时/逾期/超期", en: "verifications ok/late/overdue")),
         Column("responses", Localized(zh: "回应 按时/逾期/超期", en: "responses ok/late/overdue")),
         Column("instructions", Localized(zh: "批示 按时/逾期/超期", en: "instructions ok/late/overdue")),
         Column("escalations", Localized(zh: "报市领导 按时/逾期/超期", en: "escalations ok/late/overdue")),
         Column("extensions", Localized(zh: "延期 申请/获批", en: "extensions applied/approved")),
         Column("patrol", Localized(zh: "巡查达标率", en: "patrol"), align: .right)]
    }

    static func compactRow(_ a: DeptAssessment, rank: Int, ws: Workspace, lang: Language) -> [Cell] {
        [.integer(rank), .text(SupervisionData.deptName(a.dept, ws, lang)), .text(Points.fixed(a.scoreTenths)),
         .text(triple(a, .claim)), .text(triple(a, .unitReport)), .text(triple(a, .verify)), .text(triple(a, .respond)),
         .text(triple(a, .instruct)), .text(triple(a, .escalate)),
         .text("\(a.count("extension-applied"))/\(a.count("extension-approved"))"),
         .text(a.patrol.map { $0.required > 0 ? $0.percentText : "—" } ?? "—")]
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

    static func fullRow(_ a: DeptAssessment, rank: Int, ws: Workspace, lang: Language) -> [Cell] {
        var row: [Cell] = [.integer(rank), .text(a.dept), .text(SupervisionData.deptName(a.dept, ws, lang)), .text(Points.fixed(a.scoreTenths))]
        for k in countKeys { row.append(.integer(a.count(k))) }
        row += [.integer(a.patrol?.required ?? 0), .integer(a.patrol?.met ?? 0),
                .text(a.patrol.map { $0.required > 0 ? $0.percentText : "" } ?? "")]
        return row
    }

    /// Rank with ties: equal scores share a rank (1, 2, 2, 4).
    static func ranks(_ rows: [DeptAssessment]) -> [Int] {
        var out: [Int] = []
        for (i, r) in rows.enumerated() {
            out.append(i > 0 && rows[i - 1].scoreTenths == r.scoreTenths ? out[i - 1] : i + 1)
        }
        return out
    }

    static func detailTable(_ a: DeptAssessment, formula: ScoreFormula, ws: Workspace, lang: Language) -> Table {
        var rows: [[Cell]] = [[.localized(Localized(zh: "起始分", en: "start")), .empty, .empty, .text(Points.fixed(formula.startTenths))]]
        for l in a.lines {
            let qty = l.key == "patrol-shortfall" ? Points.fixed(l.quantity) + (lang == .zh ? " 个百分点" : " points") : "\(l.quantity)"
            rows.append([.text(l.key), .text(qty), .text(Points.text(formula.weight(l.key))), .text(Points.fixed(l.pointsTenths))])
        }
        rows.append([.localized(Localized(zh: "得分", en: "score")), .empty, .empty, .text(Points.fixed(a.scoreTenths))])
        return Table(title: Localized(zh: "\(SupervisionData.deptName(a.dept, ws, .zh)) 扣分明细", en: "Deductions of \(SupervisionData.deptName(a.dept, ws, .en))"),
                     columns: [Column("item", Localized(zh: "计分项", en: "item")),
                               Column("quantity", Localized(zh: "数量", en: "quantity"), align: .right),
                               Column("weight", Localized(zh: "分值", en: "weight"), align: .right),
                               Column("points", Localized(zh: "得失分", en: "points"), align: .right)],
                     rows: rows)
    }

    static func output(ws: Workspace, period: Period, rows: [DeptAssessment], detail: Bool, session: Session,
                       format: OutputFormat) -> CommandOutput {
        let lang = session.language
        let ranks = ranks(rows)
        let formula = (try? SupervisionData.formula(ws)) ?? .yuqingDefault
        let title = Localized(zh: "考核得分 \(period.label)", en: "Assessment \(period.label)")
        var out = CommandOutput()
        switch format {
        case .csv, .json:
            out.tables = [Table(title: title, columns: fullColumns(), rows: rows.indices.map { fullRow(rows[$0], rank: ranks[$0], ws: ws, lang: lang) })]
        case .table, .md:
            out.tables = [Table(title: title, columns: compactColumns(), rows: rows.indices.map { compactRow(rows[$0], rank: ranks[$0], ws: ws, lang: lang) })]
            if detail, let a = rows.first { out.tables.append(detailTable(a, formula: formula, ws: ws, lang: lang)) }
            if format == .table {
                out.document = Picture.bars(rows.map { (SupervisionData.deptName($0.dept, ws, lang), $0.scoreTenths) })
            }
        }
        out.json = .object([
            ("from", .string(period.from.description)), ("to", .string(period.through.description)),
            ("departments", .array(rows.indices.map { i in
                let a = rows[i]
                var fields: [(String, JSONValue)] = [("rank", .int(ranks[i])), ("dept", .string(a.dept)), ("score", .string(Points.fixed(a.scoreTenths)))]
                fields.append(("counts", .object(countKeys.map { ($0, .int(a.count($0))) })))
                if let p = a.patrol { fields.append(("patrol", .object([("required", .int(p.required)), ("met", .int(p.met)), ("compliance", .string(p.percentText))]))) }
                fields.append(("lines", .array(a.lines.map { .object([("key", .string($0.key)), ("quantity", .int($0.quantity)), ("points", .string(Points.fixed($0.pointsTenths)))]) })))
                return .object(fields)
            })),
        ])
        return out
    }

    static func formulaOutput(_ f: ScoreFormula, session: Session) -> CommandOutput {
        var rows: [[Cell]] = [
            [.text("start"), .text(Points.text(f.startTenths)), .localized(Localized(zh: "起始分", en: "the score before deductions"))],
            [.text("floor"), .text(f.floorTenths.map(Points.text) ?? "none"), .localized(Localized(zh: "最低分", en: "the lowest score given"))],
        ]
        for k in ScoreFormula.keys { rows.append([.text(k), .text(Points.text(f.weight(k))), .localized(ScoreFormula.meaning(k))]) }
        let isDefault = f == .yuqingDefault
        return CommandOutput(messages: [Localized(
            zh: isDefault ? "当前为 yuqing 默认计分公式（制度第十二条未规定分值，由本市自行确定）。" : "当前为本地修改过的计分公式（`score formula --reset` 恢复默认）。",
            en: isDefault ? "This is yuqing's default formula (Art. 12 sets no numbers; the city decides)." : "This formula was changed locally (`score formula --reset` restores the default).")],
            tables: [Table(title: Localized(zh: "考核计分公式", en: "Score formula"),
                           columns: [Column("key", Localized(zh: "计分项", en: "key")), Column("value", Localized(zh: "分值", en: "value"), align: .right),
                                     Column("meaning", Localized(zh: "含义", en: "meaning"))], rows: rows)])
    }
}
