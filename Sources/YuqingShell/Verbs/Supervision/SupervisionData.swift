import YuqingCore
import YuqingStore

/// One supervision question: a period of whole days, answered as of a time, with the profile's settings (and the
/// score formula saved with `score formula`, if any).
struct SupervisionScope {
    let ws: Workspace
    let period: Period
    let asOf: Instant
    let settings: SupervisionSettings
    /// Events logged after this are not known: `asOf`, unless the session's clock is not the one that dates the log
    /// (`SupervisionData.knownBy`).
    let knownBy: Instant

    init(ws: Workspace, period: Period, asOf: Instant, settings: SupervisionSettings, knownBy: Instant? = nil) {
        self.ws = ws
        self.period = period
        self.asOf = asOf
        self.settings = settings
        self.knownBy = knownBy ?? asOf
    }

    var policy: Policy { ws.policy }

    /// The rules whose entries are watch periods (`follow`): they end by themselves, nobody meets or misses them.
    var watchRules: [String] { policy.rules.filter(\.isWatch).map(\.id) }
}

/// What the cases that changed after the answer's time looked like at it: the due entries of their folds as of
/// `asOf` (events logged by then). The store answers for every other case from its index (entries of cases with no
/// event logged after `asOf`); cases that did not exist yet have no entries then.
struct AsOfView {
    /// The entries, as of `asOf`, of the cases that existed then and have changed since.
    var entries: [DueEntry] = []
}

/// What the supervision verbs read from the store: aggregated outcomes and late limits from the due index (so a
/// million cases stay fast), patrols and extension events, and the score formula kept in the store's meta data.
/// The rules applied to them are the core's (`Assessment`, `Accountability`, `PatrolCompliance`,
/// `SupervisionEvents`).
enum SupervisionData {
    static let formulaMetaKey = SettingKeys.scoreFormula

    // MARK: the question

    /// `--day DATE`, or `--from DATE --to DATE` (either may be left out), or the default: the day of `reference` for
    /// `defaultToday`, else its month up to that day. The day of a reference at midnight is the one it closes
    /// (`--as-of 2020-12-31T24:00` asks about December 31 and December, not about an empty January 1).
    static func period(day: CivilDate? = nil, from: CivilDate?, to: CivilDate?, fromRange: SourceRange?, toRange: SourceRange?,
                       reference: Instant, defaultToday: Bool) throws(ShellError) -> Period {
        let today = reference.closingDate
        if let d = day {
            // `--day` is one day; beside `--from`/`--to` one of them was ignored without a word.
            if from != nil || to != nil {
                throw ShellError(Localized(zh: "--day 与 --from/--to 不能同时使用：查一天用 --day，查一段用 --from … --to …",
                                           en: "--day cannot be used with --from/--to: --day for one day, --from … --to … for a period"),
                                 range: from != nil ? fromRange : toRange, kind: .usage)
            }
            return Period(from: d, through: d)
        }
        if from == nil && to == nil {
            if defaultToday { return Period(from: today, through: today) }
            return Period(from: CivilDate(year: today.year, month: today.month, day: 1) ?? today, through: today)
        }
        let a = from ?? CivilDate(year: (to ?? today).year, month: (to ?? today).month, day: 1) ?? today
        let b = to ?? (a <= today ? today : a)
        guard a <= b else {
            throw ShellError(Localized(zh: "--from \(a) 晚于 --to \(b)", en: "--from \(a) is after --to \(b)"),
                             range: fromRange, kind: .usage)
        }
        guard b.dayNumber - a.dayNumber <= 3660 else {
            throw ShellError(zh: "时间段过长（最多 10 年）", en: "the period is too long (at most 10 years)",
                             range: toRange, kind: .usage)
        }
        return Period(from: a, through: b)
    }

    /// What an answer without `--as-of` is as of: now, taken at the start of its minute, so that reports say
    /// 截至 2026-12-01 01:31 as the screen gives times, and the `--as-of` they print to make them again names that
    /// minute (on the real clock the monthly report and the daily log printed 01:31:13 in their text and command).
    /// Deadlines are judged at that minute; what was logged up to now still counts (`knownBy` of now: a step
    /// recorded seconds before the report is in it).
    static func defaultAsOf(_ session: Session) -> Instant {
        let now = session.now()
        return now.adding(seconds: -Int64(now.secondOfDay % 60))
    }

    /// The time of `--as-of`, if given: never later than now (the answer would guess what has not happened).
    static func asOfOption(_ spec: TimeSpec?, _ ref: ArgumentRef, _ session: Session) throws(ShellError) -> Instant? {
        guard let spec else { return nil }
        let t = try session.resolve(spec)
        let now = session.now()
        guard t <= now else {
            throw ShellError(Localized(zh: "--as-of \(t.deadlineDescription) 晚于现在（\(now)）：不能回答尚未发生的事", en: "--as-of \(t.deadlineDescription) is later than now (\(now)): what has not happened cannot be assessed"),
                             range: ref.range, kind: .usage)
        }
        return t
    }

    /// The scope of a question: the period, and the time it is answered as of — `--as-of`, else now. Late entries
    /// are the rule (a step is often logged after the fact), so the default is what is known now; an answer that
    /// must not change later names its time, and every answer prints the time it is as of.
    static func scope(_ ws: Workspace, _ period: Period, asOf: Instant?, _ session: Session) throws(ShellError) -> SupervisionScope {
        let t = asOf ?? defaultAsOf(session)
        return SupervisionScope(ws: ws, period: period, asOf: t, settings: try settings(ws),
                                knownBy: knownBy(ws, asOf: asOf ?? session.now(), session))
    }

    /// The logging time an answer as of `asOf` reads up to. A real store dates every event by the system clock
    /// (`Attribution`); under a simulated clock (`clock set`, `YUQING_NOW`) those dates are not on the session's
    /// clock, so the answer reads everything logged so far, and only the deadlines are judged as of `asOf`.
    static func knownBy(_ ws: Workspace, asOf: Instant, _ session: Session) -> Instant {
        guard ws.store.attribution?.clock != nil, session.clock is SimulatedClock else { return asOf }
        return max(asOf, SystemClock().now())
    }

    /// The department of `--dept`, canonical code, or nil.
    static func deptFilter(_ dept: String?, _ option: ArgumentRef, _ ws: Workspace) throws(ShellError) -> String? {
        guard let key = dept else { return nil }
        if coordinatorsKeys.contains(key.lowercased()) { return Party.coordinators.rawValue }
        return try ws.department(key, range: option.range).code
    }

    /// What `--dept` takes for the coordinators' joint row (Art. 6: 政务公开办、网宣办 answer together for designating
    /// and escalating): `coordinators` or the row's name as shown. `open-gov` alone is that office's own row.
    static let coordinatorsKeys: Set<String> = [Party.coordinators.rawValue, "政务公开办、网宣办", "政务公开办和网宣办"]

    // MARK: settings and formula

    /// The profile's supervision settings, with the score formula saved in the store (`score formula KEY VALUE`)
    /// applied over the profile's.
    static func settings(_ ws: Workspace) throws(ShellError) -> SupervisionSettings {
        var s = ws.policy.supervision
        s.formula = try formula(ws)
        return s
    }

    /// The formula in force: the one saved with `score formula`, else the profile's.
    static func formula(_ ws: Workspace) throws(ShellError) -> ScoreFormula {
        let base = ws.policy.supervision.formula
        guard let text = try ws.read({ try $0.meta(formulaMetaKey) }), !text.isEmpty else { return base }
        do throws(ScoreFormulaError) { return try ScoreFormula.parse(text, base: base) } catch {
            throw ShellError(Localized(zh: "保存的计分公式有误：\(error.message.zh)", en: "the saved score formula is invalid: \(error.message.en)"),
                             hint: Localized(zh: "用 `score formula --reset` 恢复制度中的公式", en: "`score formula --reset` restores the profile's formula"), kind: .data)
        }
    }

    // MARK: as of a time

    /// The cases that changed after `asOf`, folded from the events logged by then. Usually none (asked as of now);
    /// for a past time, the cases active across it.
    static func asOfView(_ ws: Workspace, asOf: Instant) throws(ShellError) -> AsOfView {
        let changed = try ws.read { try $0.casesChanged(after: asOf) }
        guard !changed.isEmpty else { return AsOfView() }
        var view = AsOfView()
        let projector = ws.store.projector
        try ws.storeCall {
            try ws.store.read { r in
                for id in changed {
                    if let c = CaseFile.fold(SupervisionEvents.known(try r.events(forCase: id), asOf: asOf)) {
                        view.entries += projector.dueEntries(for: c)
                    }
                }
            }
        }
        return view
    }

    /// The outcomes of the period's limits as of the scope's time: the index's aggregate of the unchanged cases, and
    /// the changed cases' entries as of then.
    static func outcomes(_ s: SupervisionScope, view: AsOfView) throws(ShellError) -> [OutcomeCount] {
        let p = s.period
        let watches = s.watchRules
        let counts = try s.ws.read { try $0.dueOutcomes(after: p.start, through: p.end, asOf: s.asOf, knownBy: s.knownBy, excluding: watches) }
        guard !view.entries.isEmpty else { return counts }
        let folded = view.entries.filter { d in !d.waived && d.due.map(p.containsDeadline) == true && !watches.contains(ObligationRecord.ruleID(of: d.rule)) }
        return OutcomeCount.merged(counts + OutcomeCount.tally(folded.map(ObligationRecord.init), asOf: s.asOf))
    }

    // MARK: patrols

    /// A patrol check: who owed patrols, the days, and the patrols that were logged before they happened.
    struct PatrolCheck {
        var depts: [String]
        var days: [DeptPatrolDay]
        var inAdvance: [PatrolRecord]
        /// When the record starts (the first patrol or collection logged by the scope's time), if it does.
        var recordStart: Instant?
        /// The first patrol or collection dated by the scope's time, before `recordStart`, but logged after it
        /// (entered afterwards with `--at`): the answer leaves it out, and says so (`backfilledNote`).
        var backfilled: Instant? = nil
    }

    /// Departments that owe patrols, by `patrol-duty` (Art. 5), in directory order, plus — with `all` — any other
    /// department that logged one. A department the profile names but the directory lacks is an error.
    static func patrolDepts(_ s: SupervisionScope, patrols: [PatrolRecord], only: String?) throws(ShellError) -> [String] {
        // The joint row owes no patrols of its own (each office patrols under its own code).
        if let only { return only == Party.coordinators.rawValue ? [] : [only] }
        let dir = try s.ws.directory()
        for code in s.settings.patrolDuty.named where dir.find(code) == nil {
            throw ShellError(Localized(zh: "制度的 patrol-duty 设置中有未知部门“\(code)”", en: "the profile's patrol-duty names an unknown department “\(code)”"),
                             hint: Localized(zh: "`dept list` 查看部门名录；`policy show` 查看设置", en: "`dept list` shows the directory; `policy show` the settings"), kind: .data)
        }
        switch s.settings.patrolDuty {
        case .only(let list):
            return list.compactMap { dir.find($0)?.code }
        case .all(let except):
            let skip = Set(except.compactMap { dir.find($0)?.code })
            var out = dir.departments.map(\.code).filter { !skip.contains($0) }
            for p in patrols where !out.contains(p.dept) && !skip.contains(p.dept) { out.append(p.dept) }
            return out
        }
    }

    static func patrolCheck(_ s: SupervisionScope, only: String?) throws(ShellError) -> PatrolCheck {
        let p = s.period
        let (counted, ahead) = PatrolCompliance.known(try s.ws.read { try $0.patrols(from: p.start, to: p.end) }, asOf: s.asOf, knownBy: s.knownBy)
        let depts = try patrolDepts(s, patrols: counted, only: only)
        let start = try recordStart(s.ws, asOf: s.knownBy)
        let backfilled = try backfilled(s, recordStart: start)
        do throws(CalendarError) {
            let days = try PatrolCompliance.check(depts: depts, days: PatrolCompliance.owedDays(p.days, recordStart: start),
                                                  patrols: counted, policy: s.policy, calendar: s.ws.calendar, asOf: s.asOf)
            return PatrolCheck(depts: depts, days: days, inAdvance: ahead.filter { only == nil || $0.dept == only }, recordStart: start,
                               backfilled: backfilled)
        } catch { throw ShellError(error) }
    }

    /// A patrol or collection dated by `s.asOf` and before the record known then starts, logged after `s.knownBy`:
    /// a month typed in afterwards with `--at` and asked about `--as-of` a time before it was typed. Nil when none.
    static func backfilled(_ s: SupervisionScope, recordStart: Instant?) throws(ShellError) -> Instant? {
        guard let first = try self.recordStart(s.ws, asOf: Instant(seconds: Int64.max / 4)), first <= s.asOf,
              recordStart.map({ first < $0 }) ?? true else { return nil }
        return first
    }

    /// Why an answer as of a past time leaves out steps dated before it: they were entered after it.
    static func backfilledNote(_ s: SupervisionScope, _ first: Instant) -> Localized {
        let t = s.asOf.deadlineDescription
        return Localized(zh: "自 \(first.date) 起发生、但在 \(t) 之后才录入的巡查和案件（补录）不计入：--as-of 按当时已录入的记录作答；省略 --as-of 则按至今录入的全部记录作答。",
                         en: "Patrols and cases dated from \(first.date) on but entered after \(t) (back-filled) are not counted: --as-of answers from what had been entered by then; without --as-of the answer counts everything entered so far.")
    }

    /// When the record starts: the first patrol or collection logged by `asOf`. Before that day yuqing was not in
    /// use and nothing was owed.
    static func recordStart(_ ws: Workspace, asOf: Instant) throws(ShellError) -> Instant? {
        let firsts = try ws.read { r in
            [try r.firstEffective(kind: .patrolled, loggedBy: asOf), try r.firstEffective(kind: .collected, loggedBy: asOf)]
        }
        return firsts.compactMap { $0 }.min()
    }

    // MARK: assessment

    /// Extension applications and approvals of the period, attributed by the core's rule.
    static func extensions(_ s: SupervisionScope) throws(ShellError) -> [ExtensionCount] {
        let p = s.period
        // Midnight belongs to the day before, as a deadline at 24:00 does (docs/rules.md): an application at
        // 01-31 24:00 — on time for a window ending then — is January's, not February's. So (start, end].
        let second = Span(seconds: 1)
        let events = try s.ws.read {
            try $0.events(kinds: [.extensionApplied, .extensionApproved], from: p.start.adding(second), to: p.end.adding(second))
        }
        var files: [EntityID: CaseFile] = [:]
        var failure: ShellError?
        let out = SupervisionEvents.extensions(events, asOf: s.knownBy) { caseID, ext in
            if files[caseID] == nil {
                do throws(ShellError) { files[caseID] = try s.ws.read { try $0.caseFile(caseID) } } catch { failure = error }
            }
            return files[caseID]?.extensions.first { $0.id == ext }?.dept
        }
        if let failure { throw failure }
        return out
    }

    /// The assessment of a scope: one row per department (or the one of `only`), with the patrol check it used.
    static func assessment(_ s: SupervisionScope, only: String?, view: AsOfView? = nil) throws(ShellError)
        -> (rows: [DeptAssessment], patrol: PatrolCheck, outcomes: [OutcomeCount]) {
        let patrol = try patrolCheck(s, only: only)
        let totals = PatrolCompliance.totals(patrol.days, depts: patrol.depts)
        let v: AsOfView
        if let view { v = view } else { v = try asOfView(s.ws, asOf: s.knownBy) }
        let outcomes = try outcomes(s, view: v)
        var rows = Assessment.compute(outcomes: outcomes, extensions: try extensions(s), patrols: totals,
                                      depts: patrol.depts, settings: s.settings, policy: s.policy)
        if let only { rows = rows.filter { $0.dept == only } }
        return (rows, patrol, outcomes)
    }

    // MARK: late limits and findings

    /// Calls `body` with every late limit of the scope in due-index order, streaming from the index; the changed
    /// cases' limits as of the scope's time are merged in place. `body` returns false to stop.
    static func eachLateLimit(_ s: SupervisionScope, view: AsOfView, _ body: (Finding) -> Bool) throws(ShellError) {
        let p = s.period
        let policy = s.policy
        var logs: [EntityID: [Event]] = [:]
        /// The evidence of a record: from the index, or — for an index written before it kept it — from the
        /// case's log (read on the same connection: the index is being streamed).
        func finding(_ d: DueEntry, _ r: any StoreReader) throws -> Finding? {
            let record = ObligationRecord(d)
            if record.startSeq == nil, logs[d.caseID] == nil, record.outcome(asOf: s.asOf).isLate {
                logs[d.caseID] = SupervisionEvents.known(try r.events(forCase: d.caseID), asOf: s.knownBy)
            }
            return Accountability.finding(record, policy: policy, settings: s.settings, asOf: s.asOf) { rec in
                Evidence.seqs(rule: policy.rule(rec.ruleID), subject: rec.subject, events: logs[rec.caseID] ?? [])
            }
        }
        try s.ws.storeCall {
            try s.ws.store.read { r in
                let extra = try view.entries.filter { d in d.due.map(p.containsDeadline) == true }
                    .compactMap { try finding($0, r) }.sorted(by: Accountability.order)
                var k = 0
                var going = true
                try r.lateDues(after: p.start, through: p.end, asOf: s.asOf, knownBy: s.knownBy, excluding: s.watchRules) { d in
                    guard let f = try finding(d, r) else { return true }
                    while going, k < extra.count, Accountability.order(extra[k], f) {
                        going = body(extra[k])
                        k += 1
                    }
                    if going { going = body(f) }
                    return going
                }
                while going, k < extra.count {
                    going = body(extra[k])
                    k += 1
                }
            }
        }
    }

    /// Every late limit of the scope (for the monthly report and tests; `accountability` streams them).
    static func findings(_ s: SupervisionScope, view: AsOfView? = nil) throws(ShellError) -> [Finding] {
        var out: [Finding] = []
        let v: AsOfView
        if let view { v = view } else { v = try asOfView(s.ws, asOf: s.knownBy) }
        try eachLateLimit(s, view: v) { f in
            out.append(f)
            return true
        }
        return out
    }

    // MARK: names

    /// A department's display name; `coordinators` is the two coordinating offices.
    static func deptName(_ code: String?, _ ws: Workspace, _ lang: Language) -> String {
        deptName(code, in: (try? ws.directory()) ?? Directory(), lang)
    }

    /// `deptName` from a directory already read.
    static func deptName(_ code: String?, in dir: Directory, _ lang: Language) -> String {
        if code == Party.coordinators.rawValue { return coordinatorsName.text(lang) }
        guard let code else { return lang == .zh ? "（待认领）" : "(unclaimed)" }
        return dir.name(of: code).text(lang)
    }

    /// The coordinating offices by name, never by code.
    static let coordinatorsName = Localized(zh: "政务公开办、网宣办", en: "Open Government and Network Propaganda Offices")

    /// The people who answer for a department (Art. 10: one responsible leader and staff): `leader; staff, staff`.
    static func people(_ code: String?, _ ws: Workspace, _ lang: Language) -> String? {
        people(code, in: (try? ws.directory()) ?? Directory(), lang)
    }

    /// `people` from a directory already read (a streamed listing must not read the store inside its cursor).
    static func people(_ code: String?, in dir: Directory, _ lang: Language) -> String? {
        let depts: [Department]
        if code == Party.coordinators.rawValue { depts = dir.coordinators } else if let c = code, let d = dir.find(c) { depts = [d] } else { depts = [] }
        let parts = depts.compactMap { d -> String? in
            var names: [String] = []
            if let l = d.leader, !l.isEmpty { names.append(l) }
            names += d.staff
            return names.isEmpty ? nil : names.joined(separator: lang == .zh ? "、" : ", ")
        }
        // Chinese punctuation in Chinese (an ASCII "; " stood between the two offices in the zh monthly report).
        return parts.isEmpty ? nil : parts.joined(separator: lang == .zh ? "；" : "; ")
    }

    /// `(not in the directory)` where `people` has nobody.
    static func peopleText(_ code: String?, _ ws: Workspace, _ lang: Language) -> String {
        people(code, ws, lang) ?? (lang == .zh ? "（名录未登记）" : "(not in the directory)")
    }
}
