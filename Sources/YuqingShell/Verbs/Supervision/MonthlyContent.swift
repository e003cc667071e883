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
    /// The month's late limits as the report needs them (not every one held: a city's month has 85,000).
    var lateLimits: MonthlyLateLimits
    /// The changed cases' limits as of the report's time (`SupervisionData.asOfView`), for streaming the late limits.
    var view: AsOfView
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
    /// `lateLimits`: false when they are streamed instead (`report monthly --format json`, `jsonStream`).
    static func build(_ scope: SupervisionScope, lateLimits collect: Bool = true) throws(ShellError) -> MonthlyContent {
        let ws = scope.ws, period = scope.period
        let view = try SupervisionData.asOfView(ws, asOf: scope.knownBy)
        let a = try SupervisionData.assessment(scope, only: nil, view: view)
        var limits: [DueOutcome: Int] = [:]
        for o in a.outcomes where ObligationClass.of(o.ruleID, policy: ws.policy) != nil { limits[o.outcome, default: 0] += o.count }
        // Counted as the store reads them: a city's month has a hundred thousand steps.
        var activity: [DailyLogKind: Int] = [:]
        try ws.read { r in
            try r.forEachEvent(kinds: DailyLogKind.eventKinds, from: period.start, to: period.end) { e in
                guard SupervisionEvents.isKnown(e, asOf: scope.knownBy), let entry = DailyLog.entry(e) else { return }
                activity[entry.kind, default: 0] += 1
            }
        }
        var content = MonthlyContent(scope: scope, activity: activity, limits: limits, rows: a.rows, patrol: a.patrol,
                                     totals: PatrolCompliance.totals(a.patrol.days, depts: a.patrol.depts),
                                     lateLimits: MonthlyLateLimits(), view: view)
        if collect {
            try SupervisionData.eachLateLimit(scope, view: view) { f in
                content.lateLimits.add(f)
                return true
            }
        }
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
    /// The report as data (`--format json` without `--out`; docs/json.md): codes and numbers, no layout. The late
    /// limits are streamed from the due index (`RowStream`), so a city's month never holds them all; the bytes are
    /// those of the whole object (`jsonHead`, then `late_limits`, then the count of findings and the settings).
    var jsonStream: RowStream {
        let s = scope
        let names = FindingsView.Names(s.ws, .en)
        let tally = FindingsView.Tally()
        return RowStream(columns: FindingsView.columns(), jsonHead: jsonHead, jsonKey: "late_limits",
                         jsonTail: { [("findings", .int(tally.accountable)),
                                      ("settings", .object(s.settings.described.map { ($0.key, .string($0.value)) }))] },
                         forEach: { asJSON, emit throws(ShellError) in
            try SupervisionData.eachLateLimit(s, view: view) { f in
                tally.total += 1
                if f.accountable { tally.accountable += 1 }
                emit(FindingsView.row(f, no: tally.total, names: names, json: asJSON))
                return true
            }
        })
    }

    /// The fields before `late_limits`.
    var jsonHead: [(String, JSONValue)] {
        let s = scope
        func tenths(_ v: Int?) -> JSONValue { v.map { .tenths($0) } ?? .null }
        func compliance(_ p: PatrolTotals?) -> JSONValue { p.flatMap { $0.required > 0 ? .tenths($0.complianceTenths) : nil } ?? .null }
        let ranks = Assessment.ranks(rows)
        return [
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
        ]
    }
}

/// The late limits a monthly report lists and counts, gathered as they stream from the due index. A city's month
/// may have 200,000 findings: a document listing them all (39 MB) helps no reader and held them all in memory. So
/// the findings are listed one by one up to `SupervisionDocuments.findingsListedPerDept` per department (the
/// earliest deadlines first) and counted by department and kind; `accountability --findings --format csv` exports
/// them all. The other late limits are listed while there are at most `SupervisionDocuments.otherLimitsListed`,
/// else only counted.
struct MonthlyLateLimits {
    /// The findings listed (at most `findingsListedPerDept` of each department), in the order they came.
    private(set) var findings: [Finding] = []
    /// Every finding, counted by department and kind.
    private(set) var findingCounts = LateLimitCounts()
    /// The other late limits, while there are at most `SupervisionDocuments.otherLimitsListed` (else emptied).
    private(set) var others: [Finding] = []
    /// Every other late limit, counted by department and kind.
    private(set) var otherCounts = LateLimitCounts()

    var findingCount: Int { findingCounts.total }
    var otherCount: Int { otherCounts.total }
    var count: Int { findingCount + otherCount }
    /// Whether every finding is listed (else some departments' are cut at `findingsListedPerDept`).
    var findingsListed: Bool { findings.count == findingCount }
    /// Whether the others are listed one by one (else counted by department).
    var othersListed: Bool { otherCount <= SupervisionDocuments.otherLimitsListed }

    mutating func add(_ f: Finding) {
        if f.accountable {
            if findingCounts.total(f.dept ?? "") < SupervisionDocuments.findingsListedPerDept { findings.append(f) }
            findingCounts.add(f)
            return
        }
        otherCounts.add(f)
        if othersListed { others.append(f) } else if !others.isEmpty { others = [] }
    }
}

/// Late limits counted by the department that answers ("" when none does) and by kind, departments in the order
/// they first answer for one.
struct LateLimitCounts {
    private(set) var depts: [String] = []
    private(set) var byDept: [String: [FindingKind: Int]] = [:]
    private(set) var total = 0

    mutating func add(_ f: Finding) {
        let d = f.dept ?? ""
        if byDept[d] == nil { depts.append(d) }
        byDept[d, default: [:]][f.kind, default: 0] += 1
        total += 1
    }

    func count(_ dept: String, _ kind: FindingKind) -> Int { byDept[dept]?[kind] ?? 0 }
    func total(_ dept: String) -> Int { byDept[dept]?.values.reduce(0, +) ?? 0 }
}
