import YuqingCore
import YuqingStore

/// What the monthly supervision report (督查月报) says, computed once and laid out as an official
/// document by `SupervisionDocuments.monthly`. Every number comes from `SupervisionData`, the same as `score`,
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

    /// The content of `period` (a month) as of `scope.asOf`; last month is read as of the same time (what was known
    /// of it then, back-filled steps included), so the whole report is one state of knowledge.
    static func build(_ scope: SupervisionScope) throws(ShellError) -> MonthlyContent {
        let ws = scope.ws, period = scope.period
        let view = try SupervisionData.asOfView(ws, asOf: scope.knownBy)
        let a = try SupervisionData.assessment(scope, only: nil, view: view)
        var limits: [DueOutcome: Int] = [:]
        for o in a.outcomes where ObligationClass.of(o.ruleID, policy: ws.policy) != nil { limits[o.outcome, default: 0] += o.count }
        let events = try ws.read { try $0.events(kinds: DailyLogKind.eventKinds, from: period.start, to: period.end) }
        var activity: [DailyLogKind: Int] = [:]
        for e in DailyLog.entries(SupervisionEvents.known(events, asOf: scope.knownBy)) { activity[e.kind, default: 0] += 1 }
        var content = MonthlyContent(scope: scope, activity: activity, limits: limits, rows: a.rows, patrol: a.patrol,
                                     totals: PatrolCompliance.totals(a.patrol.days, depts: a.patrol.depts),
                                     lateLimits: try SupervisionData.findings(scope, view: view))
        guard let prev = period.previousMonth else { return content }
        if (try? ws.calendar.requireCovered(prev.from.year)) == nil {
            content.noComparison = Localized(zh: "上月（\(prev.from.year) 年）不在工作日历覆盖范围内，不作比较。",
                                             en: "Last month is not covered by the working calendar (\(prev.from.year)): no comparison.")
            return content
        }
        let prevScope = SupervisionScope(ws: ws, period: prev, asOf: scope.asOf, settings: scope.settings, knownBy: scope.knownBy)
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

extension MonthlyContent {
    /// The report as data (`--format json` without `--out`; docs/json.md): codes and numbers, no layout.
    var json: JSONValue {
        let s = scope
        func tenths(_ v: Int?) -> JSONValue { v.map { .tenths($0) } ?? .null }
        func compliance(_ p: PatrolTotals?) -> JSONValue { p.flatMap { $0.required > 0 ? .tenths($0.complianceTenths) : nil } ?? .null }
        let ranks = Assessment.ranks(rows)
        let names = FindingsView.Names(s.ws, .en)
        let late = lateLimits.map { f in FindingsView.json(f, people: names.people(f.dept)) }
        return .object([
            ("month", .string("\(s.period.from.year)-\(SupervisionDocuments.pad(s.period.from.month))")),
            ("from", .string(s.period.from.description)), ("to", .string(s.period.through.description)),
            ("as_of", .string(s.asOf.iso8601)),
            ("activity", .object(DailyLogKind.allCases.map { ($0.rawValue, .int(activity[$0] ?? 0)) })),
            ("limits", .object([("met", .int(limits[.onTime] ?? 0)), ("late", .int(limits[.late] ?? 0)),
                                ("overdue", .int(limits[.overdue] ?? 0)), ("pending", .int(limits[.pending] ?? 0))])),
            ("patrols", .array(totals.map { p in
                let before = previous?.totals[p.dept]
                return .object([("dept", .string(p.dept)), ("required", .int(p.required)), ("met", .int(p.met)),
                                ("missed", .int(p.missed)), ("compliance", compliance(p)), ("last_month", compliance(before))])
            })),
            ("gaps", .array(patrol.days.flatMap(\.gaps).sorted { $0.length != $1.length ? $0.length > $1.length : $0.start < $1.start }
                .prefix(10).map { g in
                    .object([("dept", .string(g.dept)), ("from", .string(g.start.iso8601)), ("to", .string(g.end.iso8601)),
                             ("minutes", .int(Int(g.length.seconds / 60))), ("missed", .int(g.missedSlots))])
                })),
            ("logged_in_advance", .array(patrol.inAdvance.map { .int(Int($0.seq)) })),
            ("scores", .array(rows.indices.map { i in
                let a = rows[i]
                let before = previous?.rows[a.dept]
                return .object([("rank", ranks[i].map { .int($0) } ?? .null), ("dept", .string(a.dept)),
                                ("score", tenths(a.scoreTenths)), ("last_month", tenths(before?.scoreTenths)),
                                ("counts", .object(ScoreView.countKeys.map { ($0, .int(a.count($0))) }))])
            })),
            ("comparison", .bool(previous != nil)),
            ("late_limits", .array(late)),
            ("findings", .int(lateLimits.filter(\.accountable).count)),
            ("settings", .object(s.settings.described.map { ($0.key, .string($0.value)) })),
        ])
    }
}
