import YuqingCore
import YuqingStore

/// `accountability` (问责, Art. 13): every late or missed obligation of a period with who answers for it.
enum AccountabilityVerb {
    static let entry = Accountability.entry

    struct Accountability: Verb {
        static let spec = CommandSpec(
            name: "accountability", alias: "问责", group: .supervision,
            summary: Localized(zh: "问责线索：逾期和超期的时限（第十三条）", en: "accountability findings: late and missed limits (Art. 13)"),
            synopsis: "accountability [--from DATE] [--to DATE] [--dept DEPT]",
            help: Localized(
                zh: "列出时间段内到期的每项逾期完成或超期未完成的时限：逾期认领被指定、超期未认领、报送、核实调查报告、回应逾期，报送市领导迟延，领导批示超期等。每条给出责任部门及其在部门名录中的分管负责人和工作人员、规则和条款、逾期多久，以及作为证据的事件编号（#序号，可用 `audit` 或 `timeline` 查看）。默认统计本月 1 日至今天。",
                en: "Lists every obligation of the period that was done late or not done by its deadline: claims designated after the deadline or still unclaimed, late unit reports, verification reports and responses, late escalations, overdue leader instructions. Each finding names the responsible department with its leader and staff from the directory, the rule and article, how late, and the event numbers as evidence (#seq, see `timeline`). Default period: this month up to today."),
            examples: ["accountability", "问责 --from 2020-01-01 --to 2020-01-31", "accountability --dept police --format md", "accountability --format csv --bom"])

        @Option(.date, help: Localized(zh: "起始日期", en: "first day")) var from: CivilDate?
        @Option(.date, help: Localized(zh: "结束日期（含）", en: "last day (inclusive)")) var to: CivilDate?
        @Option(.department, help: Localized(zh: "只看一个部门", en: "one department only")) var dept: String?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let period = try SupervisionData.period(from: from, to: to, fromRange: $from.range, toRange: $to.range, session,
                                                    defaultToday: false)
            let only = try SupervisionData.deptFilter(dept, $dept, ws)
            let findings = try SupervisionData.findings(ws, period, only: only, now: session.now())
            return FindingsView.output(ws: ws, period: period, findings: findings, session: session,
                                       format: inv.format)
        }
    }
}

enum FindingsView {
    static func columns() -> [Column] {
        [Column("no", Localized(zh: "序号", en: "#"), align: .right),
         Column("kind", Localized(zh: "问题", en: "finding")),
         Column("case", Localized(zh: "案件", en: "case")),
         Column("rule", Localized(zh: "时限", en: "limit")),
         Column("article", Localized(zh: "条款", en: "article")),
         Column("dept", Localized(zh: "责任部门", en: "department")),
         Column("people", Localized(zh: "责任人", en: "responsible")),
         Column("due", Localized(zh: "应完成", en: "due")),
         Column("done", Localized(zh: "实际完成", en: "done")),
         Column("late_by", Localized(zh: "逾期", en: "late by"), align: .right),
         Column("evidence", Localized(zh: "证据事件", en: "evidence"))]
    }

    static func row(_ f: Finding, no: Int, ws: Workspace, lang: Language) -> [Cell] {
        let rule = ws.policy.rule(f.ruleID)
        let title = (rule?.title ?? f.title).text(lang) + (f.subject.map { " \($0)" } ?? "")
        let dept = f.kind == .unclaimed ? Party.coordinators.name.text(lang) + (lang == .zh ? "（待指定）" : " (to designate)")
                                        : SupervisionData.deptName(f.dept, ws, lang)
        let people = SupervisionData.people(f.kind == .unclaimed ? "coordinators" : f.dept, ws, lang)
        return [.integer(no), .localized(f.kind.name), .id(f.caseID), .text(title),
                .localized(Article.cite(f.article)), .text(dept), .text(people), .deadline(f.due),
                f.metAt.map { .time($0) } ?? .localized(Localized(zh: "未完成", en: "not done")),
                .text(SpanText.of(f.lateness).text(lang)),
                .text(f.evidence.map { "#\($0)" }.joined(separator: " "))]
    }

    static func output(ws: Workspace, period: Period, findings: [Finding], session: Session, format: OutputFormat) -> CommandOutput {
        let lang = session.language
        var byKind: [FindingKind: Int] = [:]
        for f in findings { byKind[f.kind, default: 0] += 1 }
        let parts = FindingKind.allCases.compactMap { k -> Localized? in
            guard let n = byKind[k] else { return nil }
            return Localized(zh: "\(k.name.zh) \(n) 项", en: "\(n) \(k.name.en)")
        }
        let summary = findings.isEmpty
            ? Localized(zh: "\(period.label) 没有逾期或超期的时限。", en: "No late or missed limits in \(period.label).")
            : Localized(zh: "\(period.label) 问责线索 \(findings.count) 条：\(parts.map(\.zh).joined(separator: "，"))（第十三条）。",
                        en: "\(findings.count) finding\(findings.count == 1 ? "" : "s") in \(period.label): \(parts.map(\.en).joined(separator: ", ")) (Art. 13).")
        let table = Table(title: Localized(zh: "问责线索", en: "Accountability findings"), columns: columns(),
                          rows: findings.enumerated().map { row($1, no: $0 + 1, ws: ws, lang: lang) })
        var out = CommandOutput(messages: format == .csv ? [] : [summary], tables: [table])
        out.json = .array(findings.map { f in
            .object([("kind", .string(f.kind.rawValue)), ("case", .string(f.caseID.description)), ("rule", .string(f.ruleID)),
                     ("subject", f.subject.map { .string($0) } ?? .null), ("article", .string(f.article)),
                     ("dept", f.dept.map { .string($0) } ?? .null), ("people", .string(SupervisionData.people(f.dept, ws, lang))),
                     ("due", .string(f.due.iso8601)), ("done", f.metAt.map { .string($0.iso8601) } ?? .null),
                     ("minutes_late", .int(Int(f.lateness.seconds / 60))), ("evidence", .array(f.evidence.map { .int(Int($0)) }))])
        })
        return out
    }
}
