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
    /// Met by exercise control (a contingency's `assign`, an ad hoc inject), not by a trainee: it earns nothing.
    public var byControl: Bool
    public init(caseID: EntityID, ruleID: String, title: Localized, due: Instant, metAt: Instant?,
                status: ObligationStatus, dept: String?, byControl: Bool = false) {
        self.caseID = caseID
        self.ruleID = ruleID
        self.title = title
        self.due = due
        self.metAt = metAt
        self.status = status
        self.dept = dept
        self.byControl = byControl
    }

    /// How it stands in the report: its obligation status, or done by exercise control.
    public var statusName: Localized {
        byControl ? Localized(zh: "由导调代为完成（不计分）", en: "done by exercise control (no points)") : status.name
    }
}

public struct ExpectationResult: Sendable, Hashable {
    public var expectation: Expectation
    public var state: ExpectationState
    public var earned: Int
    /// Its points, or 0 when its window never opened (ending early scores only windows that opened) or opened only
    /// as the drill ended.
    public var possible: Int
    /// The department it is counted for: the one named by `by`, else whoever did it.
    public var dept: String?
    /// The case its label named, or the case id of the script.
    public var subject: String
}

/// One trainee's part: the expectations they did, and those of their duty nobody did. An expectation is a
/// trainee's duty when its `by` department is theirs (or it names none) and their role may do the action; one a
/// teammate did counts for the teammate only.
public struct TraineeResult: Sendable, Hashable {
    public var trainee: Trainee
    public var met: Int
    public var late: Int
    public var missed: Int
    public var earned: Int
    public var possible: Int
    /// earned / possible in whole percent; nil when nothing was theirs to do.
    public var percent: Int?
    public var averageLatency: Int64?
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
    /// Whether the objective was exercised: something of it was scored (a window opened, a policy deadline fell
    /// due). One that was not is not rated — it was rated P at "100%" of nothing, a capability recorded as performed
    /// without having been tried; the overall percentage already left it out.
    public var rated: Bool { possible > 0 }
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
    public var trainees: [TraineeResult]
    public var earned: Int
    public var possible: Int
    /// The weighted average of the objectives' percentages (or earned/possible when there are no objectives).
    public var percent: Int
    public var rating: Rating

    /// Whether anything was scored. A drill ended before any expectation's window opened or any policy deadline fell
    /// due has nothing to rate: it read "overall rating P (100%)" of 0 / 0 points.
    public var rated: Bool { possible > 0 }

    /// "总体评定 P（85%）" / "overall rating P (85%)", or that there is none.
    public var overall: Localized {
        rated ? Localized(zh: "总体评定 \(rating.rawValue)（\(percent)%）", en: "overall rating \(rating.rawValue) (\(percent)%)")
            : Localized(zh: "不作总体评定（没有计分项）", en: "no overall rating (nothing was scored)")
    }

    public static func points(_ status: ExpectationStatus, of n: Int) -> Int {
        switch status {
        case .met: n
        case .late: n / 2
        default: 0
        }
    }

    /// Whether an expectation is this trainee's duty (see `TraineeResult`).
    public static func isDuty(_ x: Expectation, of t: Trainee) -> Bool {
        if let d = x.dept, d != t.dept { return false }
        return x.action.permission(decided: x.content.decision != nil).roles.contains(t.role)
    }

    public static func compute(script: DrillScript, states: [ExpectationState], deadlines: [PolicyDeadline],
                               subjects: [String] = []) -> DrillScore {
        let h = script.header
        let results = script.expectations.enumerated().map { k, x in
            ExpectationResult(expectation: x, state: states[k], earned: points(states[k].status, of: x.points),
                              possible: states[k].status.isScored ? x.points : 0,
                              dept: x.dept ?? states[k].doneBy?.dept,
                              subject: k < subjects.count ? subjects[k] : x.subject?.description ?? "—")
        }
        let policy = deadlines.map { d -> PolicyResult in
            let n = h.deadlinePoints
            let byStatus = switch d.status {
            case .met: n
            case .late: n / 2
            default: 0
            }
            let earned = d.byControl ? 0 : byStatus
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
                                     e.map(\.possible).reduce(0, +) + p.map(\.possible).reduce(0, +)))
        }
        let loose = results.filter { $0.expectation.objective == nil }
        let loosePolicy = h.deadlineObjective == nil ? policy : []
        let looseEarned = loose.map(\.earned).reduce(0, +) + loosePolicy.map(\.earned).reduce(0, +)
        let loosePossible = loose.map(\.possible).reduce(0, +) + loosePolicy.map(\.possible).reduce(0, +)
        if loosePossible > 0 { objectives.append(result(nil, looseEarned, loosePossible)) }

        let earned = results.map(\.earned).reduce(0, +) + policy.map(\.earned).reduce(0, +)
        let possible = results.map(\.possible).reduce(0, +) + policy.map(\.possible).reduce(0, +)
        let weighted = objectives.filter { $0.possible > 0 }
        let weightSum = weighted.map { $0.objective?.weight ?? 1 }.reduce(0, +)
        let percent = weightSum > 0
            ? weighted.map { $0.percent * ($0.objective?.weight ?? 1) }.reduce(0, +) / weightSum
            : (possible > 0 ? earned * 100 / possible : 100)

        var depts: [String: DepartmentResult] = [:]
        var latencies: [String: [Int64]] = [:]
        for r in results where r.state.status.isScored {
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
        for p in policy where p.deadline.status != .met || p.deadline.byControl {
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
        let trainees = h.trainees.map { t -> TraineeResult in
            var r = TraineeResult(trainee: t, met: 0, late: 0, missed: 0, earned: 0, possible: 0)
            var latencies: [Int64] = []
            for x in results where x.state.status.isScored {
                if let by = x.state.doneBy {
                    guard by.name == t.name else { continue }
                    if x.state.status == .met { r.met += 1 } else { r.late += 1 }
                    if let l = x.state.latency { latencies.append(l) }
                } else {
                    guard isDuty(x.expectation, of: t) else { continue }
                    r.missed += 1
                }
                r.earned += x.earned
                r.possible += x.possible
            }
            r.percent = r.possible > 0 ? r.earned * 100 / r.possible : nil
            r.averageLatency = latencies.isEmpty ? nil : latencies.reduce(0, +) / Int64(latencies.count)
            return r
        }
        return DrillScore(expectations: results, policy: policy, objectives: objectives, departments: departments,
                          trainees: trainees, earned: earned, possible: possible, percent: percent,
                          rating: h.rating.rate(percent: percent))
    }
}
