import YuqingCore
import YuqingStore

/// A period of whole days `[from, through]` in Asia/Shanghai, as the supervision verbs read it.
struct Period: Sendable, Hashable {
    var from: CivilDate
    var through: CivilDate
    var start: Instant { Instant(date: from) }
    /// The midnight ending the last day (exclusive).
    var end: Instant { Instant(date: through.adding(days: 1)) }
    var days: [CivilDate] { PatrolSchedule.days(from: from, through: through) }

    /// `2020-01-01 – 2020-01-31`, or one date.
    var label: String { from == through ? "\(from)" : "\(from) – \(through)" }

    /// The calendar month `year-month`.
    static func month(_ year: Int, _ month: Int) -> Period? {
        guard let a = CivilDate(year: year, month: month, day: 1),
              let b = CivilDate(year: year, month: month, day: CivilDate.daysInMonth(year: year, month: month)) else { return nil }
        return Period(from: a, through: b)
    }

    /// The month before this one (for trends).
    var previousMonth: Period? {
        from.month == 1 ? Period.month(from.year - 1, 12) : Period.month(from.year, from.month - 1)
    }
}

/// What the supervision verbs read from the store: obligations of a period (from the due index, so a million
/// cases stay fast), patrol events, extension events; and the score formula kept in the store's meta data.
enum SupervisionData {
    static let formulaMetaKey = "score-formula"

    /// `--day DATE`, or `--from DATE --to DATE` (either may be left out), or the default: today for `defaultToday`,
    /// else the current month up to today.
    static func period(day: CivilDate? = nil, from: CivilDate?, to: CivilDate?, fromRange: SourceRange?, toRange: SourceRange?,
                       _ session: Session, defaultToday: Bool) throws(ShellError) -> Period {
        let today = session.now().date
        if let d = day { return Period(from: d, through: d) }
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

    /// The department of `--dept`, canonical code, or nil.
    static func deptFilter(_ dept: String?, _ option: ArgumentRef, _ ws: Workspace) throws(ShellError) -> String? {
        guard let key = dept else { return nil }
        return try ws.department(key, range: option.range).code
    }

    // MARK: formula

    static func formula(_ ws: Workspace) throws(ShellError) -> ScoreFormula {
        guard let text = try ws.read({ try $0.meta(formulaMetaKey) }), !text.isEmpty else { return .yuqingDefault }
        do throws(ScoreFormulaError) { return try ScoreFormula.parse(text) } catch {
            throw ShellError(Localized(zh: "保存的计分公式有误：\(error.message.zh)", en: "the saved score formula is invalid: \(error.message.en)"),
                             hint: Localized(zh: "用 `score formula --reset` 恢复默认", en: "`score formula --reset` restores the default"), kind: .data)
        }
    }

    // MARK: patrols

    /// Departments that owe patrols: every department of the directory (Art. 5 names the members, the coordinators
    /// and "the relevant departments"), in directory order, plus any other department that logged one.
    static func patrolDepts(_ ws: Workspace, patrols: [PatrolRecord], only: String?) throws(ShellError) -> [String] {
        if let only { return [only] }
        var out = try ws.directory().departments.map(\.code)
        for p in patrols where !out.contains(p.dept) { out.append(p.dept) }
        return out
    }

    /// Patrol events of `[from, to)`; drill (trainer) events never count.
    static func patrols(_ ws: Workspace, from: Instant, to: Instant) throws(ShellError) -> [PatrolRecord] {
        let events = try ws.read { try $0.events(kinds: [.patrolled], from: from, to: to) }
        return events.compactMap { e in
            guard e.actor.role != .trainer, case let .patrolled(dept, _) = e.body else { return nil }
            return PatrolRecord(seq: e.seq, dept: dept, at: e.effective)
        }
    }

    static func patrolDays(_ ws: Workspace, _ period: Period, only: String?, now: Instant) throws(ShellError) -> (depts: [String], days: [DeptPatrolDay]) {
        let log = try patrols(ws, from: period.start, to: period.end)
        let depts = try patrolDepts(ws, patrols: log, only: only)
        let days = try ShellError.at(nil) {
            try PatrolCompliance.check(depts: depts, days: period.days, patrols: log, policy: ws.policy, calendar: ws.calendar, now: now)
        }
        return (depts, days)
    }

    // MARK: obligations

    /// The obligations falling due in the period, from the due index, with designated claims marked.
    static func records(_ ws: Workspace, _ period: Period, now: Instant) throws(ShellError) -> [ObligationRecord] {
        let dues = try ws.read { try $0.dues(from: period.start, to: period.end) }
        let designated = try designatedCases(ws, from: period.start, to: max(now, period.end).adding(seconds: 1))
        return dues.map { d in
            ObligationRecord(caseID: d.caseID, rule: d.rule, due: d.due, metAt: d.metAt, dept: d.dept, waived: d.waived,
                             designated: designated.contains(d.caseID))
        }
    }

    /// Cases designated by an `assigned` event in `[from, to)` (a designation follows the claim deadline, so one
    /// due in the period is designated after its start).
    static func designatedCases(_ ws: Workspace, from: Instant, to: Instant) throws(ShellError) -> Set<EntityID> {
        let events = try ws.read { try $0.events(kinds: [.assigned], from: from, to: to) }
        var out = Set<EntityID>()
        for e in events {
            if case let .assigned(_, designated, _) = e.body, designated, let id = e.caseID { out.insert(id) }
        }
        return out
    }

    /// Extension applications of the period by applying department, approved ones marked.
    static func extensions(_ ws: Workspace, _ period: Period) throws(ShellError) -> [ExtensionCount] {
        let events = try ws.read { try $0.events(kinds: [.extensionApplied, .extensionApproved], from: period.start, to: period.end) }
        var applied: [EntityID: String] = [:]
        var approvedIDs: [(ext: EntityID, caseID: EntityID)] = []
        for e in events where e.actor.role != .trainer {
            switch e.body {
            case let .extensionApplied(ext, _, _):
                if let d = e.actor.dept { applied[ext] = d }
            case let .extensionApproved(ext, _, _):
                if let c = e.caseID { approvedIDs.append((ext, c)) }
            default: break
            }
        }
        // An approval of an application made before the period: the case's department.
        let missing = approvedIDs.filter { applied[$0.ext] == nil }.map(\.caseID)
        var caseDept: [EntityID: String] = [:]
        if !missing.isEmpty {
            for s in try ws.read({ try $0.cases(ids: Array(Set(missing)).sorted()) }) { caseDept[s.id] = s.dept }
        }
        var out: [ExtensionCount] = []
        let approvedSet = Set(approvedIDs.map(\.ext))
        for (ext, dept) in applied.sorted(by: { $0.key < $1.key }) {
            out.append(ExtensionCount(dept: dept, approved: approvedSet.contains(ext)))
        }
        for a in approvedIDs where applied[a.ext] == nil {
            if let d = caseDept[a.caseID] { out.append(ExtensionCount(dept: d, approved: true)) }
        }
        return out
    }

    /// The assessment of a period.
    static func assessment(_ ws: Workspace, _ period: Period, only: String?, now: Instant) throws(ShellError) -> (rows: [DeptAssessment], patrol: [DeptPatrolDay]) {
        let (depts, days) = try patrolDays(ws, period, only: only, now: now)
        let totals = PatrolCompliance.totals(days, depts: depts)
        var records = try records(ws, period, now: now)
        var ext = try extensions(ws, period)
        if let only {
            records = records.filter { $0.dept == only }
            ext = ext.filter { $0.dept == only }
        }
        let rows = Assessment.compute(records: records, extensions: ext, patrols: totals, depts: depts,
                                      formula: try formula(ws), policy: ws.policy, now: now)
        return (rows, days)
    }

    /// The accountability findings of a period, with evidence read from each case's events.
    static func findings(_ ws: Workspace, _ period: Period, only: String? = nil, now: Instant) throws(ShellError) -> [Finding] {
        var records = try records(ws, period, now: now).filter { r in
            switch r.status(now: now) { case .late, .overdue: true; default: false }
        }
        if let only { records = records.filter { $0.dept == only } }
        var logs: [EntityID: [Event]] = [:]
        for id in Set(records.map(\.caseID)) {
            logs[id] = try ws.read { try $0.events(forCase: id) }
        }
        let policy = ws.policy
        return Accountability.findings(records: records, policy: policy, now: now) { r in
            Evidence.seqs(rule: policy.rule(r.ruleID), subject: r.subject, events: logs[r.caseID] ?? [])
        }
    }

    // MARK: names

    /// A department's display name; `coordinators` is the two coordinating offices.
    static func deptName(_ code: String?, _ ws: Workspace, _ lang: Language) -> String {
        if code == "coordinators" { return Party.coordinators.name.text(lang) }
        guard let code else { return lang == .zh ? "（待认领）" : "(unclaimed)" }
        return ws.deptName(code, lang)
    }

    /// The people who answer for a department (Art. 10: one responsible leader and staff): `leader; staff, staff`.
    static func people(_ code: String?, _ ws: Workspace, _ lang: Language) -> String {
        let dir = (try? ws.directory()) ?? Directory()
        let depts: [Department]
        if code == "coordinators" { depts = dir.coordinators } else if let c = code, let d = dir.find(c) { depts = [d] } else { depts = [] }
        let parts = depts.compactMap { d -> String? in
            var names: [String] = []
            if let l = d.leader, !l.isEmpty { names.append(l) }
            names += d.staff
            return names.isEmpty ? nil : names.joined(separator: lang == .zh ? "、" : ", ")
        }
        if parts.isEmpty { return lang == .zh ? "（名录未登记）" : "(not in directory)" }
        return parts.joined(separator: "; ")
    }
}
