/// Where one due entry stands at a time T, as assessment and accountability count it.
///
/// As of T only what was done by T counts: a limit done after T is not done yet, and it is missed only when its
/// deadline is at or before T (a deadline of 24:00 has arrived at 24:00; a patrol slot ending at T has ended).
/// The stores compute the same classification in their query language (`SQLiteTransaction.dueOutcomes`), so it
/// is spelled out here once, with its codes.
public enum DueOutcome: Int, CaseIterable, Sendable, Hashable, Comparable {
    /// Done at or before the deadline (and by T).
    case onTime = 0
    /// Done after the deadline (and by T).
    case late = 1
    /// Not done by T, deadline at or before T.
    case overdue = 2
    /// Not done by T, deadline after T: costs nothing yet.
    case pending = 3
    /// No longer owed (a duplicate, or closed before it fell due).
    case waived = 4

    public static func < (a: DueOutcome, b: DueOutcome) -> Bool { a.rawValue < b.rawValue }

    /// The outcome of a due entry as of `asOf`. An entry without a deadline (a year the calendar lacks) is pending:
    /// never scored, never a finding.
    public static func of(due: Instant?, metAt: Instant?, waived: Bool, asOf: Instant) -> DueOutcome {
        if waived { return .waived }
        guard let due else { return .pending }
        if let m = metAt, m <= asOf { return m <= due ? .onTime : .late }
        return due <= asOf ? .overdue : .pending
    }

    /// Late or overdue: a late limit.
    public var isLate: Bool { self == .late || self == .overdue }
}

/// A count of due entries with the same department, rule, outcome and designation: what the stores aggregate for
/// the assessment instead of handing over every entry (a year on a million cases is millions of entries).
public struct OutcomeCount: Sendable, Hashable {
    /// The department the entry names (`coordinators` for their duties; for an unclaimed case the suggested one).
    public var dept: String?
    /// The rule id without the instruction (`instruct`, not `instruct:L4`).
    public var ruleID: String
    public var outcome: DueOutcome
    /// The case was designated by the coordinators (only meaningful for the claim).
    public var designated: Bool
    public var count: Int

    public init(dept: String?, ruleID: String, outcome: DueOutcome, designated: Bool, count: Int) {
        self.dept = dept
        self.ruleID = ruleID
        self.outcome = outcome
        self.designated = designated
        self.count = count
    }

    /// Sums records into counts, in a stable order: what a store without a query language does.
    public static func tally(_ records: [ObligationRecord], asOf: Instant) -> [OutcomeCount] {
        struct Key: Hashable { var dept: String?; var rule: String; var outcome: DueOutcome; var designated: Bool }
        var sums: [Key: Int] = [:]
        for r in records {
            sums[Key(dept: r.dept, rule: r.ruleID, outcome: r.outcome(asOf: asOf), designated: r.designated), default: 0] += 1
        }
        return sums.map { OutcomeCount(dept: $0.key.dept, ruleID: $0.key.rule, outcome: $0.key.outcome,
                                       designated: $0.key.designated, count: $0.value) }
            .sorted(by: OutcomeCount.order)
    }

    /// Merges counts of the same key (and drops zeros), in a stable order.
    public static func merged(_ counts: [OutcomeCount]) -> [OutcomeCount] {
        struct Key: Hashable { var dept: String?; var rule: String; var outcome: DueOutcome; var designated: Bool }
        var sums: [Key: Int] = [:]
        for c in counts { sums[Key(dept: c.dept, rule: c.ruleID, outcome: c.outcome, designated: c.designated), default: 0] += c.count }
        return sums.filter { $0.value != 0 }
            .map { OutcomeCount(dept: $0.key.dept, ruleID: $0.key.rule, outcome: $0.key.outcome, designated: $0.key.designated, count: $0.value) }
            .sorted(by: OutcomeCount.order)
    }

    static func order(_ a: OutcomeCount, _ b: OutcomeCount) -> Bool {
        let x = (a.dept ?? "", a.ruleID, a.outcome.rawValue, a.designated ? 1 : 0)
        let y = (b.dept ?? "", b.ruleID, b.outcome.rawValue, b.designated ? 1 : 0)
        return x < y
    }
}
