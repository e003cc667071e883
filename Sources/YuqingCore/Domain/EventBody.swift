/// What happened. Events are the single source of truth; every state in yuqing is a fold of them.
///
/// Case names are stored as the event's verb and the associated values as its JSON payload, so a case here is
/// never renamed and a label never changes meaning once shipped: add new cases instead.
public enum EventBody: Hashable, Sendable, Codable {
    // The case workflow (Art. 6, 8, 9, 10).
    case collected(item: Item, dept: String?)
    case itemAdded(item: Item)
    /// A later observation of a post already in the case (the same post by `PostURL.identity`): its counts as now
    /// seen. `item` is the post's 1-based position in the case's items; `url` the URL as this export wrote it.
    case metricsUpdated(item: Int, url: String?, metrics: MetricsUpdate)
    case claimed(dept: String)
    case assigned(dept: String, designated: Bool, note: String?)
    case assessed(level: Level, historical: Bool, note: String?)
    case unitReported(text: String)
    case verified(summary: String, file: String?)
    case extensionApplied(ext: EntityID, days: Int, reason: String)
    case extensionApproved(ext: EntityID, days: Int, note: String?)
    case extensionRejected(ext: EntityID, reason: String)
    case escalated(note: String?)
    /// The department verified a major sensitive case and liaised with the coordinators (核实衔接, Art. 8 ¶3): the
    /// step after which the coordinators report to the city leaders within 2 hours (`escalation-from liaison`).
    case liaised(note: String?)
    case instructed(instruction: EntityID, leader: String, text: String, due: Instant?)
    case instructionUndertaken(instruction: EntityID, dept: String, note: String?)
    case instructionSupervised(instruction: EntityID, note: String)
    case instructionCompleted(instruction: EntityID, note: String?)
    case responseDrafted(text: String, channel: String?)
    case responseReviewed(approved: Bool, note: String?)
    case responded(channel: String, url: String?, text: String)
    case followed(note: String)
    /// `newer`: this case is the new matter that repeats `to`; otherwise this is the earlier case it repeats.
    case linked(to: EntityID, kind: LinkKind, newer: Bool)
    case guidanceArranged(note: String?)
    case closed(note: String?)
    // Joint consultation meetings (Art. 1, 7).
    /// `chair`: who chairs, when not the coordinator who opened it (added later: nil in older logs).
    case meetingOpened(meeting: EntityID, topic: String, cases: [EntityID], place: String?, chair: String? = nil)
    case meetingAttended(meeting: EntityID, depts: [String])
    case agendaChanged(meeting: EntityID, caseID: EntityID, added: Bool)
    case remarked(meeting: EntityID?, text: String)
    case riskJudged(meeting: EntityID?, nature: String, trend: Trend, impact: Impact, risks: String?, suggest: String?)
    case decided(meeting: EntityID?, action: String, text: String?)
    case meetingClosed(meeting: EntityID)
    /// Someone took part from their own terminal (`meeting join`): a participant, whose department attends.
    case meetingJoined(meeting: EntityID)
    /// A participant left (`meeting leave`); what they said stays in the minutes.
    case meetingLeft(meeting: EntityID)
    // The directory, supervision and administration.
    case departmentSaved(department: Department)
    case patrolled(dept: String, note: String?)
    /// A refusal (brief section 7). `reasonZH`: the reason in Chinese (added later: nil in older logs).
    case denied(verb: String, reason: String, reasonZH: String? = nil)
    case calendarLoaded(years: [Int], source: String)
    /// The rules in force changed. `fingerprint`: SHA-256 of a profile file's text, `source`: where it was read
    /// (added later: nil for built-in profiles and in older logs), so a file cannot pass for a built-in profile.
    case policyChanged(name: String, fingerprint: String? = nil, source: String? = nil)
    // Operators and trust.
    /// A person of the directory added or changed (`user add`, `user disable`, `as NAME --role R --dept D`).
    case personSaved(person: Person)
    /// A simulated clock was set on a real store (administrators only): `to` is the simulated time, nil when the
    /// system clock is back. Recorded times stay real; effective times then come from the simulated clock.
    case clockSimulated(to: Instant?)

    /// What kind of event this is.
    public var kind: EventKind {
        switch self {
        case .collected: .collected
        case .itemAdded: .itemAdded
        case .metricsUpdated: .metricsUpdated
        case .claimed: .claimed
        case .assigned: .assigned
        case .assessed: .assessed
        case .unitReported: .unitReported
        case .verified: .verified
        case .extensionApplied: .extensionApplied
        case .extensionApproved: .extensionApproved
        case .extensionRejected: .extensionRejected
        case .escalated: .escalated
        case .instructed: .instructed
        case .instructionUndertaken: .instructionUndertaken
        case .instructionSupervised: .instructionSupervised
        case .instructionCompleted: .instructionCompleted
        case .responseDrafted: .responseDrafted
        case .responseReviewed: .responseReviewed
        case .responded: .responded
        case .followed: .followed
        case .linked: .linked
        case .guidanceArranged: .guidanceArranged
        case .closed: .closed
        case .meetingOpened: .meetingOpened
        case .meetingAttended: .meetingAttended
        case .agendaChanged: .agendaChanged
        case .remarked: .remarked
        case .riskJudged: .riskJudged
        case .decided: .decided
        case .meetingClosed: .meetingClosed
        case .meetingJoined: .meetingJoined
        case .meetingLeft: .meetingLeft
        case .departmentSaved: .departmentSaved
        case .patrolled: .patrolled
        case .denied: .denied
        case .calendarLoaded: .calendarLoaded
        case .policyChanged: .policyChanged
        case .liaised: .liaised
        case .personSaved: .personSaved
        case .clockSimulated: .clockSimulated
        }
    }

    /// The stable verb stored with the event (the case name; part of the hashed form, so it never changes).
    public var verb: String { kind.rawValue }
}

/// An event as recorded: numbered, timed, attributed and hash-chained (brief section 3).
public struct Event: Hashable, Sendable, Codable {
    /// Position in the one global log, from 1; assigned by the store.
    public var seq: Int64
    /// The case the event belongs to (also for extensions, instructions and meeting decisions on a case).
    public var caseID: EntityID?
    /// The other thing the event is about, when not the case: `M2`, `X3`, `L4`.
    public var subject: EntityID?
    /// The person the event is attributed to: who acted, or for whom the operator recorded it.
    public var actor: Actor
    /// When it happened (`--at`), which deadlines are measured by.
    public var effective: Instant
    /// When yuqing wrote it down: the system's clock on a real store, whatever `--at` or a simulated clock said.
    public var recorded: Instant
    public var body: EventBody
    /// Hex SHA-256 of the previous event's hash and this event's canonical form.
    public var prevHash: String
    public var hash: String
    /// The signed-in operator who typed it (nil in events written before operators were recorded).
    public var recordedBy: Operator?

    public init(seq: Int64, caseID: EntityID?, subject: EntityID?, actor: Actor, effective: Instant,
                recorded: Instant, body: EventBody, prevHash: String, hash: String, recordedBy: Operator? = nil) {
        self.seq = seq
        self.caseID = caseID
        self.subject = subject
        self.actor = actor
        self.effective = effective
        self.recorded = recorded
        self.body = body
        self.prevHash = prevHash
        self.hash = hash
        self.recordedBy = recordedBy
    }
}

/// An event before the store numbers and chains it.
public struct NewEvent: Hashable, Sendable {
    public var caseID: EntityID?
    public var subject: EntityID?
    public var actor: Actor
    public var effective: Instant
    public var recorded: Instant
    public var body: EventBody
    /// Who typed it. A store with an attribution (the real stores) stamps its own operator and clock instead.
    public var recordedBy: Operator?

    public init(caseID: EntityID?, subject: EntityID? = nil, actor: Actor, effective: Instant, recorded: Instant,
                body: EventBody, recordedBy: Operator? = nil) {
        self.caseID = caseID
        self.subject = subject
        self.actor = actor
        self.effective = effective
        self.recorded = recorded
        self.body = body
        self.recordedBy = recordedBy
    }
}
