/// An extension application as the assessment counts it (`extensionApplied` / `extensionApproved` events).
public struct ExtensionCount: Sendable, Hashable {
    public var dept: String
    public var approved: Bool
    public init(dept: String, approved: Bool) {
        self.dept = dept
        self.approved = approved
    }
}

/// One line of a score: what was counted and what it cost.
public struct ScoreLine: Sendable, Hashable {
    public var key: String
    /// The count, or for `patrol-shortfall` the shortfall in tenths of a percentage point.
    public var quantity: Int
    /// Points in tenths (negative: a deduction).
    public var pointsTenths: Int
}

/// A department's assessment over a period (Art. 12).
public struct DeptAssessment: Sendable, Hashable {
    public var dept: String
    /// Outcome counts by `ScoreFormula.keys` (without `patrol-shortfall`), plus `<class>-pending`.
    public var counts: [String: Int]
    public var patrol: PatrolTotals?
    /// The non-zero lines of the formula, in key order.
    public var lines: [ScoreLine]
    public var scoreTenths: Int

    public func count(_ key: String) -> Int { counts[key] ?? 0 }
}

/// Scores departments from their obligations, extension applications and patrol compliance.
public enum Assessment {
    /// One row per department in `depts` (plus any department that has records), best score first; ties keep the
    /// order of `depts`. Obligations still pending at `now` are counted as pending and cost nothing; waived ones and
    /// watch periods are left out. A designated case's late claim counts as `designated`, not as `claim-late`. A case
    /// still unclaimed past its deadline is nobody's yet: it is an accountability finding (the coordinators must
    /// designate it) and counts against the designated department once designated.
    public static func compute(records: [ObligationRecord], extensions: [ExtensionCount], patrols: [PatrolTotals],
                               depts: [String], formula: ScoreFormula, policy: Policy, now: Instant) -> [DeptAssessment] {
        var order = depts
        var counts: [String: [String: Int]] = [:]
        func bump(_ dept: String, _ key: String) {
            if counts[dept] == nil, !order.contains(dept) { order.append(dept) }
            counts[dept, default: [:]][key, default: 0] += 1
        }
        var classes: [String: ObligationClass?] = [:]
        for r in records {
            guard let dept = r.dept else { continue }
            let id = r.ruleID
            let found = classes[id] ?? ObligationClass.of(id, policy: policy)
            classes[id] = found
            guard let cls = found else { continue }
            switch r.status(now: now) {
            case .met: bump(dept, "\(cls.rawValue)-on-time")
            case .late:
                bump(dept, cls == .claim && r.designated ? "designated" : "\(cls.rawValue)-late")
            case .overdue: if cls != .claim { bump(dept, "\(cls.rawValue)-overdue") }
            case .pending, .extended, .unknown: bump(dept, "\(cls.rawValue)-pending")
            case .waived: break
            }
        }
        for x in extensions {
            bump(x.dept, "extension-applied")
            if x.approved { bump(x.dept, "extension-approved") }
        }
        let patrolBy = Dictionary(patrols.map { ($0.dept, $0) }, uniquingKeysWith: { a, _ in a })
        for p in patrols where !order.contains(p.dept) { order.append(p.dept) }
        var rows: [DeptAssessment] = []
        for dept in order {
            let c = counts[dept] ?? [:]
            var lines: [ScoreLine] = []
            for key in ScoreFormula.keys where key != "patrol-shortfall" {
                let n = c[key] ?? 0
                let w = formula.weight(key)
                if n > 0 && w != 0 { lines.append(ScoreLine(key: key, quantity: n, pointsTenths: n * w)) }
            }
            let p = patrolBy[dept]
            if let p, p.required > 0 {
                let shortfall = 1000 - p.complianceTenths   // tenths of a percentage point
                let w = formula.weight("patrol-shortfall")
                if shortfall > 0 && w != 0 {
                    lines.append(ScoreLine(key: "patrol-shortfall", quantity: shortfall, pointsTenths: divRound(w * shortfall, 10)))
                }
            }
            var score = formula.startTenths + lines.reduce(0) { $0 + $1.pointsTenths }
            if let f = formula.floorTenths { score = max(score, f) }
            rows.append(DeptAssessment(dept: dept, counts: c, patrol: p, lines: lines, scoreTenths: score))
        }
        let rank = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        rows.sort { $0.scoreTenths != $1.scoreTenths ? $0.scoreTenths > $1.scoreTenths : rank[$0.dept, default: 0] < rank[$1.dept, default: 0] }
        return rows
    }

    /// Integer division rounding half away from zero.
    static func divRound(_ a: Int, _ b: Int) -> Int {
        let q = (abs(a) * 2 + b) / (2 * b)
        return a < 0 ? -q : q
    }
}
