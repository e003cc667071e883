extension Milestone {
    /// The milestones an event reaches, each with the instruction it concerns (`instructed`, `instruction-done`):
    /// what starts or ends a rule's clock. A claim is reached by a claim or an assignment; the judgement "major
    /// sensitive" by an assessment at that level; the coordinators' review only by an approval.
    public static func reached(by body: EventBody) -> [(milestone: Milestone, subject: String?)] {
        switch body {
        case .collected: [(.collected, nil)]
        case .claimed, .assigned: [(.claimed, nil)]
        case let .assessed(level, _, _): level == .majorSensitive ? [(.assessed, nil), (.majorSensitive, nil)] : [(.assessed, nil)]
        case .unitReported: [(.unitReported, nil)]
        case .verified: [(.verified, nil)]
        case .extensionApplied: [(.extensionApplied, nil)]
        case .escalated: [(.escalated, nil)]
        case let .instructed(id, _, _, _): [(.instructed, id.description)]
        case let .instructionCompleted(id, _): [(.instructionDone, id.description)]
        case let .responseReviewed(approved, _): approved ? [(.reviewApproved, nil)] : []
        case .responded: [(.responded, nil)]
        case .closed: [(.closed, nil)]
        default: []
        }
    }

    /// The key under which a case keeps the first event reaching this milestone (`claimed`, `instructed:L4`).
    public func key(subject: String?) -> String { subject.map { "\(rawValue):\($0)" } ?? rawValue }
}

extension CaseFile {
    /// The sequence number of the first event that reached a milestone (for an instruction, about `subject`):
    /// the evidence that a clock started or ended. Nil when not reached, or for a snapshot written before yuqing
    /// kept these (a `store rebuild` fills them in).
    public func firstSeq(_ m: Milestone, subject: String? = nil) -> Int64? {
        milestoneSeqs?[m.key(subject: subject)]
    }

    /// Records the milestones `e` reaches, keeping the first event for each.
    mutating func noteMilestones(_ e: Event) {
        let reached = Milestone.reached(by: e.body)
        guard !reached.isEmpty else { return }
        var seqs = milestoneSeqs ?? [:]
        for (m, subject) in reached where seqs[m.key(subject: subject)] == nil { seqs[m.key(subject: subject)] = e.seq }
        milestoneSeqs = seqs
    }
}
