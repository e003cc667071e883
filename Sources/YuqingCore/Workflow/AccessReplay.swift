/// The permission check replayed on the log (`audit verify`): a chain and signatures show that no event was
/// altered after it was written, not that yuqing allowed it. On a shared server a desk's database role can append a
/// well-formed event in its own name with SQL (docs/security.md §1); replaying `Access.check` on each case event —
/// the directory as it stood then, the case as it stood just before — finds those yuqing would have refused.
///
/// The replay is deliberately lenient where the log does not say enough to judge: a coordinator recording for a
/// department is taken to have done so at a meeting it attended, and events whose verb no check governs (a post
/// merged into a case, a meeting's own events) are not judged. It never refuses what yuqing allowed.
public enum AccessReplay {
    /// The permission that allowed a case event, and whether it was checked against the case as it stood (a
    /// post merged into an existing case, or a new case, was checked against the collector's role alone).
    static func permission(for body: EventBody) -> (Permission, onCase: Bool)? {
        switch body {
        case .collected, .itemAdded, .metricsUpdated: (.collect, false)
        case .claimed: (.claim, true)
        case .assigned: (.assign, true)
        // `liaise` and a meeting's `decide … level` are checked as judging (the latter by a coordinator, who may).
        case .assessed, .liaised: (.assess, true)
        case .unitReported: (.report, true)
        case .verified: (.verify, true)
        case .extensionApplied: (.extendApply, true)
        // `decide … approve-extension` and `decide … approve-response` ask these too, for separation of duties.
        case .extensionApproved, .extensionRejected: (.extendDecide, true)
        case .responseReviewed: (.review, true)
        case .escalated: (.escalate, true)
        case .instructed: (.instruct, true)
        case .instructionUndertaken: (.instructionUndertake, true)
        case .instructionSupervised: (.instructionSupervise, true)
        case .instructionCompleted: (.instructionComplete, true)
        case .responseDrafted, .responded: (.respond, true)
        case .followed: (.follow, true)
        // A recurrence reopens the earlier case: `link` and `collect --link` check who may link it. Anything else
        // about a link may be a collector's note (`collect --link C1 --as duplicate`), which changes nothing.
        case let .linked(_, kind, newer): kind == .recurrence && !newer ? (.link, true) : (.collect, false)
        case .guidanceArranged: (.decide, true)
        case .closed: (.close, true)
        case .agendaChanged: (.meeting, true)
        default: nil
        }
    }

    /// What and why yuqing would have refused the case event `e`, recorded by its operator on the case as it stood just
    /// before (`before`, nil for the event that opens it), with the directory `people` of that moment; nil when it
    /// was allowed, or when the log does not say who typed it (events from before operators were recorded, or
    /// before anyone signed in).
    /// `deptNames`: department names for the reasons (code → name).
    public static func refusal(of e: Event, before: CaseFile?, people: People,
                               deptNames: [String: Localized] = [:]) -> (Permission, Localized)? {
        guard let by = e.recordedBy, e.caseID != nil, let (permission, onCase) = permission(for: e.body) else { return nil }
        // Nobody signed in yet: yuqing makes the first operator the administrator before it writes anything, so
        // such an event comes from a store's own tests or tools, and there is no directory to judge it by.
        if people.users.isEmpty { return nil }
        let op = OperatorContext(login: by.login, person: people.signedIn(as: by.login))
        var subject: EntityID?
        if case let .extensionApproved(ext, _, _) = e.body { subject = ext }
        if case let .extensionRejected(ext, _) = e.body { subject = ext }
        let meeting = e.actor.dept.map { MeetingScene(id: EntityID(.meeting, 0), participants: [$0]) }
        let request = AccessRequest(permission, by: op, actor: e.actor, scene: .real, meeting: meeting,
                                    caseFile: onCase ? before : nil, subject: subject, deptNames: deptNames)
        do throws(WorkflowError) {
            try Access.check(request)
            return nil
        } catch {
            // Only a denial counts: a stage rule met on the way (a case not yet claimed) is the workflow's, not the
            // permission table's, and the event's own rules were checked when it was written.
            return error.kind == .denied ? (permission, error.message) : nil
        }
    }
}
