/// Which events supervision reads, and what it takes from them: the rules that used to sit in the shell's data
/// layer (issue 18), so they are tested without a store.
public enum SupervisionEvents {
    /// Whether an event counts for supervision as of `asOf`: logged by then, and not a trainer's (drill data never
    /// enters supervision; drills run in their own store, and trainers' events are left out even in the real one).
    public static func counts(_ e: Event, asOf: Instant) -> Bool {
        e.actor.role != .trainer && e.recorded <= asOf
    }

    /// The patrol records of `patrolled` events, all of them (`PatrolCompliance.known` decides which count).
    public static func patrolRecords(_ events: [Event]) -> [PatrolRecord] {
        events.compactMap(patrolRecord)
    }

    /// The patrol of one event, if it is one (a daily log reads the day's events one at a time).
    public static func patrolRecord(_ e: Event) -> PatrolRecord? {
        guard case let .patrolled(dept, _) = e.body else { return nil }
        return PatrolRecord(seq: e.seq, dept: dept, at: e.effective, recorded: e.recorded, role: e.actor.role)
    }

    /// Extension applications and approvals of a period (`events` are those with an effective time in it), as the
    /// assessment counts them: an application for the department that applied (the acting department), marked
    /// approved when approved in the period too; an approval of an application made before the period for the
    /// department that applied then (`applicant`, read from the case). Applications are listed by extension id,
    /// then the earlier applications' approvals in event order.
    public static func extensions(_ events: [Event], asOf: Instant,
                                  applicant: (_ caseID: EntityID, _ ext: EntityID) -> String?) -> [ExtensionCount] {
        var applied: [EntityID: String] = [:]
        var approvals: [(ext: EntityID, caseID: EntityID)] = []
        for e in events where counts(e, asOf: asOf) {
            switch e.body {
            case let .extensionApplied(ext, _, _):
                if let d = e.actor.dept { applied[ext] = d }
            case let .extensionApproved(ext, _, _):
                if let c = e.caseID { approvals.append((ext, c)) }
            default: break
            }
        }
        let approved = Set(approvals.map(\.ext))
        var out = applied.sorted { $0.key < $1.key }.map { ExtensionCount(dept: $0.value, approved: approved.contains($0.key)) }
        for a in approvals where applied[a.ext] == nil {
            if let d = applicant(a.caseID, a.ext) { out.append(ExtensionCount(dept: d, approved: true)) }
        }
        return out
    }

    /// The events of one case known at `asOf` (logged by then), in log order: what its fold as of `asOf` reads.
    public static func known(_ events: [Event], asOf: Instant) -> [Event] {
        events.filter { isKnown($0, asOf: asOf) }
    }

    /// Whether `e` was logged by `asOf` (one event of a stream: `known(_:asOf:)` of a list).
    public static func isKnown(_ e: Event, asOf: Instant) -> Bool { e.recorded <= asOf }
}
