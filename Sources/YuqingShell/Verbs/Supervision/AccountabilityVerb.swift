import YuqingCore
import YuqingStore

/// `accountability` (问责, Art. 13): every late or missed obligation of a period with who answers for it, and which
/// of them are over the profile's threshold for accountability.
enum AccountabilityVerb {
    static let entry = Accountability.entry

    struct Accountability: Verb {
        static let spec = CommandSpec(
            name: "accountability", alias: "问责", group: .supervision,
            summary: Localized(zh: "逾期时限和问责线索（第十三条）", en: "late limits and accountability findings (Art. 13)"),
            synopsis: "accountability [--from DATE] [--to DATE] [--dept DEPT] [--findings] [--as-of TIME]",
            help: Localized(
                zh: "列出时间段内到期的每项逾期完成或超期未完成的时限（逾期时限）：逾期认领被指定、超期未认领、报送、核实调查报告、回应逾期，报送市领导迟延，领导批示超期等。每条给出责任部门及其在部门名录中的分管负责人和工作人员、规则和条款、逾期多久，以及作为证据的事件编号（#序号，可用 `timeline` 查看）。超过制度问责标准的（默认：逾期超过 24 小时，或重大敏感案件的任何逾期；`policy supervision account-after`、`account-levels`）标为问责线索；--findings 只列问责线索。默认统计本月 1 日至今天；--as-of 按某一时刻所知作答。",
                en: "Lists every obligation of the period done late or not done by its deadline (late limits): claims designated after the deadline or still unclaimed, late unit reports, verification reports and responses, late escalations, overdue leader instructions. Each names the responsible department with its leader and staff from the directory, the rule and article, how late, and the event numbers as evidence (#seq, see `timeline`). Those over the profile's threshold (by default: late by more than 24 h, or late at all on a major-sensitive case; `policy supervision account-after`, `account-levels`) are marked as accountability findings; --findings lists only those. Default period: this month up to today; --as-of answers as known at a time."),
            examples: ["accountability", "问责 --from 2020-01-01 --to 2020-01-31", "accountability --dept police --format md",
                       "accountability --findings --format csv --bom", "accountability --from 2020-01-01 --to 2020-01-31 --as-of 2020-02-03T09:00"])

        @Option(.date, help: SupervisionHelp.from) var from: CivilDate?
        @Option(.date, help: SupervisionHelp.to) var to: CivilDate?
        @Option(.assessedDepartment, help: Localized(zh: "只看一个部门（coordinators 为政务公开办、网宣办的联合一行）", en: "one department only (coordinators: the coordinators' joint row)")) var dept: String?
        @Flag(help: Localized(zh: "只列超过问责标准的问责线索", en: "only the accountability findings (over the threshold)")) var findings: Bool
        @Option(.time, name: "as-of", help: SupervisionHelp.asOf) var asOf: TimeSpec?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let asked = try SupervisionData.asOfOption(asOf, $asOf, session)
            let period = try SupervisionData.period(from: from, to: to, fromRange: $from.range, toRange: $to.range,
                                                    reference: asked ?? session.now(), defaultToday: false)
            let scope = try SupervisionData.scope(ws, period, asOf: asked, session)
            let only = try SupervisionData.deptFilter(dept, $dept, ws)
            let view = try SupervisionData.asOfView(ws, asOf: scope.knownBy)
            let backfilled = try SupervisionData.backfilled(scope, recordStart: try SupervisionData.recordStart(ws, asOf: scope.knownBy))
            return FindingsView.output(scope, view: view, only: only, findingsOnly: findings, language: session.language,
                                       backfilled: backfilled)
        }
    }
}

/// The table, CSV and JSON of late limits (shared with the monthly report). The listing is streamed from the due
/// index, so its rows are made one page at a time.
enum FindingsView {
    /// On a narrow terminal the article goes first, then the evidence, the people, the time done and the number
    /// (each is in `why`, `timeline` or the CSV); what is late, whose and by how much stay, wrapped.
    static func columns() -> [Column] {
        [Column("no", Localized(zh: "序号", en: "#"), align: .right, dropRank: 5),
         Column("kind", Localized(zh: "问题", en: "finding"), wraps: true),
         Column("accountable", Localized(zh: "问责线索", en: "flagged")),
         Column("case", Localized(zh: "案件", en: "case")),
         Column("rule", Localized(zh: "时限", en: "limit"), wraps: true),
         Column("rule_id", Localized(zh: "规则代码", en: "rule id"), dataOnly: true),
         Column("article", Localized(zh: "条款", en: "article"), dropRank: 1),
         Column("dept", Localized(zh: "责任部门", en: "department"), wraps: true),
         Column("people", Localized(zh: "责任人", en: "responsible"), dropRank: 3, wraps: true),
         Column("due", Localized(zh: "应完成", en: "due")),
         Column("done", Localized(zh: "实际完成", en: "done"), dropRank: 4),
         Column("late_by", Localized(zh: "逾期", en: "late by"), align: .right, wraps: true),
         Column("evidence", Localized(zh: "证据事件", en: "evidence"), dropRank: 2, wraps: true)]
    }

    /// Names looked up once per department and rule, not once per row (a month may list 85,000). The directory is
    /// read when the names are made: a streamed listing asks for names inside the store's cursor, where reading the
    /// store again is not allowed (SQLite's pool is not reentrant: a fresh shell, with no directory cached yet,
    /// crashed on `accountability`).
    final class Names {
        let ws: Workspace
        let lang: Language
        private let directory: Directory
        private var depts: [String: String] = [:]
        private var people: [String: String?] = [:]
        private var rules: [String: String] = [:]
        private var articles: [String: String] = [:]
        init(_ ws: Workspace, _ lang: Language) {
            self.ws = ws
            self.lang = lang
            directory = (try? ws.directory()) ?? Directory()
        }
        func dept(_ f: Finding) -> String {
            let key = (f.dept ?? "") + (f.kind == .unclaimed ? "?" : "")
            if let d = depts[key] { return d }
            let name = SupervisionData.deptName(f.dept, in: directory, lang)
                + (f.kind == .unclaimed ? (lang == .zh ? "（待指定）" : " (to designate)") : "")
            depts[key] = name
            return name
        }
        func people(_ code: String?) -> String? {
            let key = code ?? ""
            if let p = people[key] { return p }
            let p = SupervisionData.people(code, in: directory, lang)
            people[key] = p
            return p
        }
        func article(_ a: String) -> String {
            if let t = articles[a] { return t }
            let t = Article.cite(a).text(lang)
            articles[a] = t
            return t
        }
        func rule(_ f: Finding) -> String {
            if let r = rules[f.ruleID] { return r + (f.subject.map { " \($0)" } ?? "") }
            let r = (ws.policy.rule(f.ruleID)?.title ?? f.title).text(lang)
            rules[f.ruleID] = r
            return r + (f.subject.map { " \($0)" } ?? "")
        }
    }

    /// A late limit as table cells (`json` false) or as its JSON object.
    static func row(_ f: Finding, no: Int, names: Names, json asJSON: Bool = false) -> StreamedRow {
        asJSON ? .json(json(f, people: names.people(f.dept))) : .cells(cells(f, no: no, names: names))
    }

    /// A late limit's cells: the rule in words on screen and in documents, its id in CSV (a data-only column).
    static func cells(_ f: Finding, no: Int, names: Names) -> [Cell] {
        let lang = names.lang
        let people = names.people(f.dept)
        let evidence = f.evidence.map { "#\($0)" }.joined(separator: " ")
        return [
            .integer(no), .localized(f.kind.name),
            .localized(f.accountable ? Localized(zh: "是", en: "yes") : Localized(zh: "否", en: "no")),
            .id(f.caseID), .text(names.rule(f)), .text(f.ruleID), .text(names.article(f.article)), .text(names.dept(f)),
            .text(people ?? (lang == .zh ? "（名录未登记）" : "(not in the directory)")), .deadline(f.due),
            f.metAt.map { .deadline($0) } ?? .localized(Localized(zh: "未完成", en: "not done")),
            .text(latenessText(f.lateness).text(lang)), .text(evidence)]
    }

    /// How late, to the minute (seconds only under a minute): asked as of now, an open limit was late by
    /// `2504 天 21 小时 49 分钟 18 秒`. The CSV and JSON keep the whole minutes as a number.
    static func latenessText(_ late: Span) -> Localized {
        SpanText.of(late.seconds >= 60 ? Span(seconds: late.seconds / 60 * 60) : late, dayParts: true)
    }

    static func json(_ f: Finding, people: String?) -> JSONValue {
        .object([
            ("kind", .string(f.kind.rawValue)), ("accountable", .bool(f.accountable)), ("case", .string(f.caseID.description)),
            ("rule", .string(f.ruleID)), ("subject", f.subject.map { .string($0) } ?? .null), ("article", .string(f.article)),
            ("dept", f.dept.map { .string($0) } ?? .null), ("to_designate", .bool(f.kind == .unclaimed)),
            ("people", people.map { .string($0) } ?? .null), ("level", f.level.map { .string($0.rawValue) } ?? .null),
            ("due", .string(f.due.iso8601)), ("done", f.metAt.map { .string($0.iso8601) } ?? .null),
            ("minutes_late", .int(Int(f.lateness.seconds / 60))), ("evidence", .array(f.evidence.map { .int(Int($0)) }))])
    }

    /// Counts of what was listed, for the closing sentence and the JSON tail.
    final class Tally {
        var total = 0
        var accountable = 0
        var byKind: [FindingKind: Int] = [:]
    }

    /// The closing sentence: how many late limits, how many over the threshold, by kind, as of when.
    static func summary(_ s: SupervisionScope, _ t: Tally, findingsOnly: Bool) -> Localized {
        let label = s.period.label
        let asOf = s.asOf.deadlineDescription
        if t.total == 0 {
            return findingsOnly
                ? Localized(zh: "\(label)（截至 \(asOf)）没有问责线索（\(s.settings.thresholdText.zh)；第十三条）。",
                            en: "No accountability findings in \(label) as of \(asOf) (\(s.settings.thresholdText.en); Art. 13).")
                : Localized(zh: "\(label)（截至 \(asOf)）没有逾期或超期的时限。", en: "No late or missed limits in \(label) as of \(asOf).")
        }
        let parts = FindingKind.allCases.compactMap { k -> Localized? in
            guard let n = t.byKind[k] else { return nil }
            return Localized(zh: "\(k.name.zh) \(n) 项", en: "\(n) \(k.name.en)")
        }
        let threshold = s.settings.thresholdText
        if findingsOnly {
            return Localized(zh: "\(label)（截至 \(asOf)）问责线索 \(t.total) 条（\(threshold.zh)；第十三条）：\(parts.map(\.zh).joined(separator: "，"))。",
                             en: "\(English.count(t.total, "accountability finding")) in \(label) as of \(asOf) (\(threshold.en); Art. 13): \(parts.map(\.en).joined(separator: ", ")).")
        }
        return Localized(
            zh: "\(label)（截至 \(asOf)）逾期时限 \(t.total) 项：\(parts.map(\.zh).joined(separator: "，"))；其中问责线索 \(t.accountable) 条（\(threshold.zh)；第十三条）。",
            en: "\(English.count(t.total, "late limit")) in \(label) as of \(asOf): \(parts.map(\.en).joined(separator: ", ")); \(t.accountable) of them accountability finding\(t.accountable == 1 ? "" : "s") (\(threshold.en); Art. 13).")
    }

    /// `backfilled`: the first patrol or collection dated by the as-of time but entered after it (`SupervisionData.backfilled`);
    /// the closing sentence then says that such steps are not counted, as `score` and `patrol check` do.
    static func output(_ s: SupervisionScope, view: AsOfView, only: String?, findingsOnly: Bool,
                       language: Language, backfilled: Instant? = nil) -> CommandOutput {
        let names = Names(s.ws, language)
        let tally = Tally()
        let settings = s.settings
        let stream = RowStream(
            title: findingsOnly ? Localized(zh: "问责线索", en: "Accountability findings") : Localized(zh: "逾期时限", en: "Late limits"),
            columns: columns(),
            jsonHead: [("from", .string(s.period.from.description)), ("to", .string(s.period.through.description)),
                       ("as_of", .string(s.asOf.iso8601)),
                       ("threshold", .object([("late_minutes", .int(Int(settings.accountAfter.seconds / 60))),
                                              ("levels", .array(settings.accountLevels.map { .string($0.rawValue) })),
                                              ("unclaimed", .string(settings.unclaimed.rawValue))]))],
            jsonKey: "late_limits",
            jsonTail: { [("count", .int(tally.total)), ("findings", .int(tally.accountable))] },
            footer: {
                let text = summary(s, tally, findingsOnly: findingsOnly)
                guard let first = backfilled else { return [text] }
                let note = SupervisionData.backfilledNote(s, first)
                return [Localized(zh: text.zh + note.zh, en: text.en + " " + note.en)]
            },
            forEach: { asJSON, emit throws(ShellError) in
                try SupervisionData.eachLateLimit(s, view: view) { f in
                    guard only == nil || f.dept == only, !findingsOnly || f.accountable else { return true }
                    tally.total += 1
                    if f.accountable { tally.accountable += 1 }
                    tally.byKind[f.kind, default: 0] += 1
                    emit(row(f, no: tally.total, names: names, json: asJSON))
                    return true
                }
            })
        return CommandOutput(stream: stream)
    }
}
