/// An extension application (Art. 8 ¶2) as the case sees it.
public struct ExtensionRecord: Hashable, Sendable, Codable {
    public enum Decision: Hashable, Sendable, Codable {
        case pending
        case approved(at: Instant, days: Int)
        case rejected(at: Instant, reason: String)
    }
    public var id: EntityID
    public var appliedAt: Instant
    public var days: Int
    public var reason: String
    public var dept: String?
    public var decision: Decision
    /// Who applied (the person) and who typed it (the operator's login): nobody decides their own application.
    /// Nil in snapshots and logs from before operators were recorded.
    public var appliedBy: String? = nil
    public var appliedOperator: String? = nil
}

/// A leader instruction (批示, Art. 8 ¶4) and its chain: assigned → undertaken → supervised → completed.
public struct InstructionRecord: Hashable, Sendable, Codable {
    public var id: EntityID
    public var leader: String
    public var text: String
    public var issuedAt: Instant
    public var due: Instant?
    public var undertakenBy: String?
    public var undertakenAt: Instant?
    public var supervision: [Note]
    public var completedAt: Instant?
}

/// A dated remark attached to a case: follow-up notes, supervision records.
public struct Note: Hashable, Sendable, Codable {
    public var at: Instant
    public var by: String
    public var text: String
}

/// A published response (Art. 9 ¶1), linked to where the opinion appeared.
public struct ResponseRecord: Hashable, Sendable, Codable {
    public var channel: String
    public var url: String?
    public var text: String
    public var at: Instant
}

/// A risk judgement (Art. 7).
public struct RiskNote: Hashable, Sendable, Codable {
    public var nature: String
    public var trend: Trend
    public var impact: Impact
    public var risks: String?
    public var suggest: String?
    public var at: Instant
    public var meeting: EntityID?
}

/// A decision taken on the case, in a meeting or outside one.
public struct DecisionRecord: Hashable, Sendable, Codable {
    public var action: String
    public var text: String?
    public var at: Instant
    public var meeting: EntityID?
}

/// A relation to another case (duplicate or recurrence).
public struct CaseLink: Hashable, Sendable, Codable {
    public var other: EntityID
    public var kind: LinkKind
    public var newer: Bool
    public var at: Instant
}

/// A case (案件): the fold of its events. Stored projections are caches of this value and can be rebuilt.
public struct CaseFile: Hashable, Sendable, Codable {
    public var id: EntityID
    /// How many events have been applied: the optimistic-concurrency version.
    public var version: Int = 0
    public var items: [Item] = []
    /// The responsible department: the one that claimed it or was assigned it.
    public var dept: String?
    /// The department named when collecting (a routing suggestion, not an assignment).
    public var suggestedDept: String?
    public var stage: Stage = .collected
    public var level: Level?
    public var historical = false
    /// Assigned by the coordinators after the claim deadline passed (Art. 6: recorded and counted in assessment).
    public var designated = false
    public var collectedAt: Instant
    public var collectedBy: String?
    public var claimedAt: Instant?
    public var assessedAt: Instant?
    public var assessNote: String?
    public var majorSensitiveAt: Instant?
    /// When a case judged major sensitive was judged below it again (nil while it is major sensitive, or never was):
    /// an escalation not yet due then is no longer owed (Art. 8 ¶3 speaks of major sensitive cases).
    public var majorSensitiveUntil: Instant?
    public var unitReportAt: Instant?
    public var unitReport: String?
    public var verifiedAt: Instant?
    public var verification: String?
    public var verificationFile: String?
    public var extensions: [ExtensionRecord] = []
    public var escalatedAt: Instant?
    /// The first verification and liaison with the coordinators (核实衔接, Art. 8 ¶3) of a major sensitive case.
    public var liaisedAt: Instant?
    public var instructions: [InstructionRecord] = []
    public var draft: String?
    public var draftAt: Instant?
    /// Who submitted the draft (the person) and who typed it (the operator's login): nobody reviews their own draft.
    public var draftBy: String?
    public var draftOperator: String?
    public var reviewApprovedAt: Instant?
    public var reviewRejectedAt: Instant?
    public var responses: [ResponseRecord] = []
    public var follows: [Note] = []
    /// The latest recurrence: the watch period runs again from here.
    public var reopenedAt: Instant?
    /// Closings that a recurrence undid (the case was reopened after each), oldest first. An obligation waived by a
    /// closing stays waived after the case is reopened. nil when none (an optional, so that snapshots written before
    /// it existed still decode).
    public var earlierClosings: [Instant]?
    public var links: [CaseLink] = []
    public var risk: RiskNote?
    public var decisions: [DecisionRecord] = []
    public var guidanceAt: Instant?
    public var closedAt: Instant?
    public var meetings: [EntityID] = []
    public var lastEventAt: Instant
    /// The first event reaching each milestone (`Milestone.key`), for the evidence of accountability findings.
    /// Optional so that snapshots written before it was kept still decode.
    public var milestoneSeqs: [String: Int64]?

    public init(id: EntityID, collectedAt: Instant) {
        self.id = id
        self.collectedAt = collectedAt
        self.lastEventAt = collectedAt
    }

    public var title: String { items.first?.title ?? "" }
    public var url: String? { items.first?.url }
    public var source: Source { items.first?.source ?? .other }
    public var category: Category? { items.first(where: { $0.category != nil })?.category }
    public var metrics: Metrics {
        items.reduce(Metrics()) { m, i in
            Metrics(reposts: m.reposts + i.metrics.reposts, comments: m.comments + i.metrics.comments,
                    views: m.views + i.metrics.views)
        }
    }
    public var respondedAt: Instant? { responses.first?.at }
    /// The case this one repeats, when it was linked as a duplicate: its own clocks are then waived.
    public var duplicateOf: EntityID? { links.first(where: { $0.kind == .duplicate && $0.newer })?.other }
    public var isClosed: Bool { closedAt != nil }
    /// The 1-based position of the item that is this post (same `PostURL.identity`), if the case holds it.
    public func itemIndex(forURL url: String) -> Int? {
        let key = PostURL.identity(url)
        return items.firstIndex { $0.url.map(PostURL.identity) == key }.map { $0 + 1 }
    }

    /// Folds the events of one case, in sequence order, into its state.
    public static func fold(_ events: [Event]) -> CaseFile? {
        guard let first = events.first, let id = first.caseID else { return nil }
        var c = CaseFile(id: id, collectedAt: first.effective)
        for e in events { c.apply(e) }
        return c
    }

    private mutating func advance(to s: Stage) {
        if s > stage { stage = s }
    }

    public mutating func apply(_ e: Event) {
        version += 1
        lastEventAt = max(lastEventAt, e.effective)
        noteMilestones(e)
        let at = e.effective
        switch e.body {
        case let .collected(item, dept):
            items.append(item)
            suggestedDept = dept
            collectedAt = at
            collectedBy = e.actor.name
        case let .itemAdded(item):
            items.append(item)
        case let .metricsUpdated(index, _, update):
            if items.indices.contains(index - 1) { items[index - 1].metrics = update.applied(to: items[index - 1].metrics) }
        case let .claimed(dept):
            self.dept = dept
            claimedAt = at
            advance(to: .claimed)
        case let .assigned(dept, designated, _):
            self.dept = dept
            if claimedAt == nil { claimedAt = at }
            if designated { self.designated = true }
            advance(to: .claimed)
        case let .assessed(level, historical, note):
            if level == .majorSensitive && self.level != .majorSensitive {
                majorSensitiveAt = at
                majorSensitiveUntil = nil
            } else if level != .majorSensitive && self.level == .majorSensitive {
                majorSensitiveUntil = at
            }
            self.level = level
            self.historical = historical
            assessedAt = at
            assessNote = note
            advance(to: .assessed)
        case let .unitReported(text):
            unitReportAt = at
            unitReport = text
            advance(to: .reported)
        case let .verified(summary, file):
            verifiedAt = at
            verification = summary
            verificationFile = file
            advance(to: .verified)
        case let .extensionApplied(ext, days, reason):
            extensions.append(ExtensionRecord(id: ext, appliedAt: at, days: days, reason: reason,
                                              dept: e.actor.dept, decision: .pending, appliedBy: e.actor.name,
                                              appliedOperator: e.recordedBy?.login))
        case let .extensionApproved(ext, days, _):
            if let i = extensions.firstIndex(where: { $0.id == ext }) {
                extensions[i].decision = .approved(at: at, days: days)
            }
        case let .extensionRejected(ext, reason):
            if let i = extensions.firstIndex(where: { $0.id == ext }) {
                extensions[i].decision = .rejected(at: at, reason: reason)
            }
        case .escalated:
            if escalatedAt == nil { escalatedAt = at }
        case .liaised:
            if liaisedAt == nil { liaisedAt = at }
        case let .instructed(id, leader, text, due):
            instructions.append(InstructionRecord(id: id, leader: leader, text: text, issuedAt: at, due: due,
                                                  undertakenBy: nil, undertakenAt: nil, supervision: [],
                                                  completedAt: nil))
        case let .instructionUndertaken(id, dept, _):
            if let i = instructions.firstIndex(where: { $0.id == id }) {
                instructions[i].undertakenBy = dept
                instructions[i].undertakenAt = at
            }
        case let .instructionSupervised(id, note):
            if let i = instructions.firstIndex(where: { $0.id == id }) {
                instructions[i].supervision.append(Note(at: at, by: e.actor.name, text: note))
            }
        case let .instructionCompleted(id, _):
            if let i = instructions.firstIndex(where: { $0.id == id }) { instructions[i].completedAt = at }
        case let .responseDrafted(text, _):
            draft = text
            draftAt = at
            draftBy = e.actor.name
            draftOperator = e.recordedBy?.login
            reviewApprovedAt = nil
            reviewRejectedAt = nil
        case let .responseReviewed(approved, _):
            if approved { reviewApprovedAt = at } else { reviewRejectedAt = at }
        case let .responded(channel, url, text):
            responses.append(ResponseRecord(channel: channel, url: url, text: text, at: at))
            advance(to: .responded)
        case let .followed(note):
            follows.append(Note(at: at, by: e.actor.name, text: note))
            advance(to: .following)
        case let .linked(other, kind, newer):
            links.append(CaseLink(other: other, kind: kind, newer: newer, at: at))
            if kind == .recurrence && !newer {
                reopenedAt = at
                if let closed = closedAt {
                    earlierClosings = (earlierClosings ?? []) + [closed]
                    closedAt = nil
                    stage = .following
                }
            }
        case .guidanceArranged:
            guidanceAt = at
        case .closed:
            closedAt = at
            stage = .closed
        case let .meetingOpened(m, _, _, _, _):
            if !meetings.contains(m) { meetings.append(m) }
        case let .agendaChanged(m, _, added):
            if added && !meetings.contains(m) { meetings.append(m) }
        case let .riskJudged(m, nature, trend, impact, risks, suggest):
            risk = RiskNote(nature: nature, trend: trend, impact: impact, risks: risks, suggest: suggest, at: at,
                            meeting: m)
        case let .decided(m, action, text):
            decisions.append(DecisionRecord(action: action, text: text, at: at, meeting: m))
        case .meetingAttended, .remarked, .meetingClosed, .meetingJoined, .meetingLeft, .departmentSaved, .patrolled,
             .denied, .calendarLoaded, .policyChanged, .personSaved, .clockSimulated:
            break
        }
    }
}
