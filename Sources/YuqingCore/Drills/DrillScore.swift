/// A policy deadline (obligations engine) that fell due during the drill, as the shell found it at the end.
public struct PolicyDeadline: Sendable, Hashable {
    public var caseID: EntityID
    public var ruleID: String
    public var title: Localized
    public var due: Instant
    public var metAt: Instant?
    /// met, late or overdue.
    public var status: ObligationStatus
    public var dept: String?
    public init(caseID: EntityID, ruleID: String, title: Localized, due: Instant, metAt: Instant?,
                status: ObligationStatus, dept: String?) {
        self.caseID = caseID
        self.ruleID = ruleID
        self.title = title
        self.due = due
        self.metAt = metAt
        self.status = status
        self.dept = dept
    }
}

public struct ExpectationResult: Sendable, Hashable {
    public var expectation: Expectation
    public var state: ExpectationState
    public var earned: Int
    /// The department it is counted for: the one named by `by`, else whoever did it.
    public var dept: String?
}

public struct PolicyResult: Sendable, Hashable {
    public var deadline: PolicyDeadline
    public var earned: Int
    public var possible: Int
}

public struct ObjectiveResult: Sendable, Hashable {
    /// nil for the expectations and deadlines that name no objective.
    public var objective: Objective?
    public var earned: Int
    public var possible: Int
    public var percent: Int
    public var rating: Rating
}

public struct DepartmentResult: Sendable, Hashable {
    public var dept: String
    public var met: Int
    public var late: Int
    public var missed: Int
    /// Over the expectations done (met or late), whole seconds.
    public var averageLatency: Int64?
    public var maxLatency: Int64?
    public var policyMissed: Int
}

/// The score of a drill, computed from the expectation states and the policy deadlines only, so the same run always
/// scores the same. Met earns the points, late half (rounded down), missed nothing.
public struct DrillScore: Sendable, Hashable {
    public var expectations: [ExpectationResult]
    public var policy: [PolicyResult]
    public var objectives: [ObjectiveResult]
    public var departments: [DepartmentResult]
    public var earned: Int
    public var possible: Int
    /// The weighted average of the objectives' percentages (or earned/possible when there are no objectives).
    public var percent: Int
    public var rating: Rating

    public static func points(_ status: ExpectationStatus, of n: Int) -> Int {
        switch status {
        case .met: n
        case .late: n / 2
        default: 0
        }
    }

    public static func compute(script: DrillScript, states: [ExpectationState], deadlines: [PolicyDeadline]) -> DrillScore {
        let h = script.header
        let results = script.expectations.enumerated().map { k, x in
            ExpectationResult(expectation: x, state: states[k], earned: points(states[k].status, of: x.points),
                              dept: x.dept ?? states[k].doneBy?.dept)
        }
        let policy = deadlines.map { d -> PolicyResult in
            let n = h.deadlinePoints
            let earned = switch d.status {
            case .met: n
            case .late: n / 2
            default: 0
            }
            return PolicyResult(deadline: d, earned: earned, possible: n)
        }
        var objectives: [ObjectiveResult] = []
        func result(_ o: Objective?, _ earned: Int, _ possible: Int) -> ObjectiveResult {
            let pct = possible > 0 ? earned * 100 / possible : 100
            return ObjectiveResult(objective: o, earned: earned, possible: possible, percent: pct,
                                   rating: (o?.thresholds ?? h.rating).rate(percent: pct))
        }
        for o in h.objectives {
            let e = results.filter { $0.expectation.objective == o.id }
            let p = h.deadlineObjective == o.id ? policy : []
            objectives.append(result(o, e.map(\.earned).reduce(0, +) + p.map(\.earned).reduce(0, +),
                                     e.map(\.expectation.points).reduce(0, +) + p.map(\.possible).reduce(0, +)))
        }
        let loose = results.filter { $0.expectation.objective == nil }
        let loosePolicy = h.deadlineObjective == nil ? policy : []
        let looseEarned = loose.map(\.earned).reduce(0, +) + loosePolicy.map(\.earned).reduce(0, +)
        let loosePossible = loose.map(\.expectation.points).reduce(0, +) + loosePolicy.map(\.possible).reduce(0, +)
        if loosePossible > 0 { objectives.append(result(nil, looseEarned, loosePossible)) }

        let earned = results.map(\.earned).reduce(0, +) + policy.map(\.earned).reduce(0, +)
        let possible = results.map(\.expectation.points).reduce(0, +) + policy.map(\.possible).reduce(0, +)
        let weighted = objectives.filter { $0.possible > 0 }
        let weightSum = weighted.map { $0.objective?.weight ?? 1 }.reduce(0, +)
        let percent = weightSum > 0
            ? weighted.map { $0.percent * ($0.objective?.weight ?? 1) }.reduce(0, +) / weightSum
            : (possible > 0 ? earned * 100 / possible : 100)

        var depts: [String: DepartmentResult] = [:]
        var latencies: [String: [Int64]] = [:]
        for r in results {
            guard let d = r.dept else { continue }
            var x = depts[d] ?? DepartmentResult(dept: d, met: 0, late: 0, missed: 0, policyMissed: 0)
            switch r.state.status {
            case .met: x.met += 1
            case .late: x.late += 1
            default: x.missed += 1
            }
            if let l = r.state.latency { latencies[d, default: []].append(l) }
            depts[d] = x
        }
        for p in policy where p.deadline.status != .met {
            guard let d = p.deadline.dept else { continue }
            var x = depts[d] ?? DepartmentResult(dept: d, met: 0, late: 0, missed: 0, policyMissed: 0)
            x.policyMissed += 1
            depts[d] = x
        }
        let departments = depts.keys.sorted().compactMap { d -> DepartmentResult? in
            guard var x = depts[d] else { return nil }
            if let ls = latencies[d], !ls.isEmpty {
                x.averageLatency = ls.reduce(0, +) / Int64(ls.count)
                x.maxLatency = ls.max()
            }
            return x
        }
        return DrillScore(expectations: results, policy: policy, objectives: objectives, departments: departments,
                          earned: earned, possible: possible, percent: percent, rating: h.rating.rate(percent: percent))
    }
}
