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
    /// The score in tenths; nil when there was nothing to score (no limit fell due, no extension, no patrol owed).
    public var scoreTenths: Int?

    public func count(_ key: String) -> Int { counts[key] ?? 0 }
}

/// Scores departments from the outcomes of their obligations, their extension applications and patrol compliance.
public enum Assessment {
    /// The counts each outcome adds to, by department: the classification of Art. 6 and 12 in one place.
    ///
    /// - Obligations not yet due as of the assessment count as `<class>-pending` and cost nothing; waived ones and
    ///   watch periods (`follow`) are left out.
    /// - A claim done late because the coordinators designated the case counts as `designated` for the designated
    ///   department, not as `claim-late`.
    /// - A case still unclaimed past its deadline is nobody's to claim yet: with `unclaimed coordinators` it counts
    ///   as `undesignated` on the coordinators' row (Art. 6 makes designating their duty); with `unclaimed nobody`
    ///   it counts nowhere until designated. A pending claim (not due yet) counts nowhere either.
    public static func tally(_ outcomes: [OutcomeCount], settings: SupervisionSettings,
                             policy: Policy) -> [(dept: String, key: String, count: Int)] {
        var out: [(dept: String, key: String, count: Int)] = []
        var classes: [String: ObligationClass?] = [:]
        for o in outcomes where o.count != 0 {
            let found = classes[o.ruleID] ?? ObligationClass.of(o.ruleID, policy: policy)
            classes[o.ruleID] = found
            guard let cls = found else { continue }
            let c = cls.rawValue
            if cls == .claim {
                switch o.outcome {
                case .onTime: if let d = o.dept { out.append((d, "claim-on-time", o.count)) }
                case .late: if let d = o.dept { out.append((d, o.designated ? "designated" : "claim-late", o.count)) }
                case .overdue: if settings.unclaimed == .coordinators { out.append((Party.coordinators.rawValue, "undesignated", o.count)) }
                case .pending, .waived: break
                }
                continue
            }
            guard let d = o.dept else { continue }
            switch o.outcome {
            case .onTime: out.append((d, "\(c)-on-time", o.count))
            case .late: out.append((d, "\(c)-late", o.count))
            case .overdue: out.append((d, "\(c)-overdue", o.count))
            case .pending: out.append((d, "\(c)-pending", o.count))
            case .waived: break
            }
        }
        return out
    }

    /// One row per department in `depts` (plus any department that has counts), best score first; ties keep the
    /// order of `depts`; departments with nothing to score come last, in that order. The formula is
    /// `settings.formula` (the profile's, or the one saved with `score formula`).
    public static func compute(outcomes: [OutcomeCount], extensions: [ExtensionCount], patrols: [PatrolTotals],
                               depts: [String], settings: SupervisionSettings, policy: Policy) -> [DeptAssessment] {
        let formula = settings.formula
        var order = depts
        var counts: [String: [String: Int]] = [:]
        func bump(_ dept: String, _ key: String, _ n: Int = 1) {
            if counts[dept] == nil, !order.contains(dept) { order.append(dept) }
            counts[dept, default: [:]][key, default: 0] += n
        }
        for t in tally(outcomes, settings: settings, policy: policy) { bump(t.dept, t.key, t.count) }
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
            // Something to score: a limit that fell due (pending ones have not: they cost nothing and gave a
            // department with only pending limits a score of 100 for a period nothing had fallen due in), an
            // extension, or a patrol owed.
            let scored = c.contains { !$0.key.hasSuffix("-pending") && $0.value > 0 } || (p?.required ?? 0) > 0
            var score: Int?
            if scored {
                var s = formula.startTenths + lines.reduce(0) { $0 + $1.pointsTenths }
                if let f = formula.floorTenths { s = max(s, f) }
                score = s
            }
            rows.append(DeptAssessment(dept: dept, counts: c, patrol: p, lines: lines, scoreTenths: score))
        }
        let rank = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        rows.sort { a, b in
            switch (a.scoreTenths, b.scoreTenths) {
            case let (x?, y?) where x != y: return x > y
            case (nil, _?): return false
            case (_?, nil): return true
            default: return rank[a.dept, default: 0] < rank[b.dept, default: 0]
            }
        }
        return rows
    }

    /// Rank with ties: equal scores share a rank (1, 2, 2, 4); nil for a department with nothing to score.
    public static func ranks(_ rows: [DeptAssessment]) -> [Int?] {
        var out: [Int?] = []
        for (i, r) in rows.enumerated() {
            guard let s = r.scoreTenths else { out.append(nil); continue }
            out.append(i > 0 && rows[i - 1].scoreTenths == s ? out[i - 1] : i + 1)
        }
        return out
    }

    /// Integer division rounding half away from zero.
    static func divRound(_ a: Int, _ b: Int) -> Int {
        let q = (abs(a) * 2 + b) / (2 * b)
        return a < 0 ? -q : q
    }
}
