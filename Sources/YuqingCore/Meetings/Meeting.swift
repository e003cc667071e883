/// A remark in a meeting: who said what, when (the chat of the meeting, brief section 5).
public struct MeetingRemark: Hashable, Sendable {
    public var at: Instant
    public var speaker: Actor
    public var text: String
    /// The event's place in the log: the order things were said in.
    public var seq: Int64
    /// Who typed it, when that was someone else than the speaker (a coordinator recording at the table).
    public var recordedBy: String?

    public init(at: Instant, speaker: Actor, text: String, seq: Int64 = 0, recordedBy: String? = nil) {
        self.seq = seq
        self.recordedBy = recordedBy
        self.at = at
        self.speaker = speaker
        self.text = text
    }

    /// Whether the remark names a case (`C7`, not `C70`): that is how the minutes file it under the case.
    public func mentions(_ id: EntityID) -> Bool {
        MeetingRemark.mentions(text, id)
    }

    static func mentions(_ text: String, _ id: EntityID) -> Bool {
        let needle = Array(id.description.uppercased().unicodeScalars)
        let hay = Array(text.uppercased().unicodeScalars)
        guard hay.count >= needle.count else { return false }
        func isAlnum(_ s: Unicode.Scalar) -> Bool { s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s)) }
        for i in 0...(hay.count - needle.count) where Array(hay[i..<(i + needle.count)]) == needle {
            let before = i == 0 ? nil : hay[i - 1]
            let after = i + needle.count < hay.count ? hay[i + needle.count] : nil
            if !(before.map(isAlnum) ?? false) && !(after.map(isAlnum) ?? false) { return true }
        }
        return false
    }
}

/// An Art. 7 risk judgement made in the meeting on one case.
public struct MeetingRisk: Hashable, Sendable {
    public var seq: Int64
    public var caseID: EntityID
    public var at: Instant
    public var by: Actor
    public var nature: String
    public var trend: Trend
    public var impact: Impact
    public var risks: String?
    public var suggest: String?
}

/// A decision taken in the meeting on one case; the case holds the real event it caused.
public struct MeetingDecision: Hashable, Sendable {
    public var seq: Int64
    public var caseID: EntityID
    public var at: Instant
    public var by: Actor
    public var action: DecisionAction?
    /// The action as stored, for actions this version does not know.
    public var rawAction: String
    public var text: String?
}

/// Someone who took part from their own terminal (`meeting join`), and when they left, if they did.
public struct MeetingParticipant: Hashable, Sendable {
    public var actor: Actor
    public var joinedAt: Instant
    public var leftAt: Instant?
    public init(actor: Actor, joinedAt: Instant, leftAt: Instant? = nil) {
        self.actor = actor
        self.joinedAt = joinedAt
        self.leftAt = leftAt
    }
    public var isPresent: Bool { leftAt == nil }
}

/// A joint consultation meeting (会商, Art. 1, 7): the fold of the events whose subject is the meeting.
///
/// Pure: built from events handed in, so `meeting show`, the minutes and a restart all see the same meeting.
public struct Meeting: Hashable, Sendable {
    public var id: EntityID
    public var topic: String
    public var place: String?
    /// Who chairs; the coordinator who opened it when not named.
    public var chair: String?
    public var openedAt: Instant
    public var openedBy: Actor
    public var closedAt: Instant?
    /// The sequence number of the closing event: the minutes show the cases as they stood then.
    public var closedSeq: Int64?
    /// Cases on the agenda, in the order they were put there.
    public var agenda: [EntityID] = []
    /// Departments recorded as attending (codes), in the order they were recorded.
    public var attendance: [String] = []
    /// The departments the facilitator recorded (`meeting attend`), as opposed to those that joined themselves: the
    /// facilitator may record remarks for them at the table.
    public var rollCall: [String] = []
    /// Who joined from their own terminal, in the order they first joined (the facilitator who opened it is one
    /// too); a participant who leaves and comes back keeps one entry.
    public var participants: [MeetingParticipant] = []
    public var remarks: [MeetingRemark] = []
    public var risks: [MeetingRisk] = []
    public var decisions: [MeetingDecision] = []

    public init(id: EntityID, topic: String, place: String?, chair: String?, openedAt: Instant, openedBy: Actor) {
        self.id = id
        self.topic = topic
        self.place = place
        self.chair = chair
        self.openedAt = openedAt
        self.openedBy = openedBy
    }

    public var isOpen: Bool { closedAt == nil }

    /// Whether this person takes part now (joined, or opened it, and has not left).
    public func isParticipant(_ name: String) -> Bool {
        participants.contains { $0.actor.name == name && $0.isPresent }
    }

    /// Folds the events of one meeting (those whose subject is it), in sequence order. Nil without its opening.
    public static func fold(_ events: [Event]) -> Meeting? {
        let sorted = events.sorted { $0.seq < $1.seq }
        var meeting: Meeting?
        for e in sorted {
            if case let .meetingOpened(m, topic, cases, place, chair) = e.body, meeting == nil {
                var mt = Meeting(id: m, topic: topic, place: place, chair: chair, openedAt: e.effective,
                                 openedBy: e.actor)
                mt.agenda = unique(cases)
                mt.participants = [MeetingParticipant(actor: e.actor, joinedAt: e.effective)]
                meeting = mt
                continue
            }
            meeting?.apply(e)
        }
        return meeting
    }

    /// Applies one event of this meeting; events of other meetings and unrelated kinds are ignored.
    public mutating func apply(_ e: Event) {
        switch e.body {
        case let .meetingAttended(m, depts) where m == id:
            for d in depts where !attendance.contains(d) { attendance.append(d) }
            for d in depts where !rollCall.contains(d) { rollCall.append(d) }
        case let .agendaChanged(m, c, added) where m == id:
            if added {
                if !agenda.contains(c) { agenda.append(c) }
            } else {
                agenda.removeAll { $0 == c }
            }
        case let .remarked(m, text) where m == id:
            remarks.append(MeetingRemark(at: e.effective, speaker: e.actor, text: text, seq: e.seq,
                                         recordedBy: e.onBehalf ? e.recordedBy?.display : nil))
        case let .riskJudged(m, nature, trend, impact, risks, suggest) where m == id:
            guard let c = e.caseID else { return }
            self.risks.append(MeetingRisk(seq: e.seq, caseID: c, at: e.effective, by: e.actor, nature: nature, trend: trend,
                                          impact: impact, risks: risks, suggest: suggest))
            if !agenda.contains(c) { agenda.append(c) }
        case let .decided(m, action, text) where m == id:
            guard let c = e.caseID else { return }
            decisions.append(MeetingDecision(seq: e.seq, caseID: c, at: e.effective, by: e.actor,
                                             action: DecisionAction(stored: action), rawAction: action, text: text))
            if !agenda.contains(c) { agenda.append(c) }
        case let .meetingJoined(m) where m == id:
            if let i = participants.firstIndex(where: { $0.actor.name == e.actor.name }) {
                participants[i].leftAt = nil
            } else {
                participants.append(MeetingParticipant(actor: e.actor, joinedAt: e.effective))
            }
            if let d = e.actor.dept, !attendance.contains(d) { attendance.append(d) }
        case let .meetingLeft(m) where m == id:
            if let i = participants.firstIndex(where: { $0.actor.name == e.actor.name }) { participants[i].leftAt = e.effective }
        case let .meetingClosed(m) where m == id:
            if closedAt == nil {
                closedAt = e.effective
                closedSeq = e.seq
            }
        default:
            break
        }
    }

    /// The departments that must attend (Art. 1): the standing members and the departments of the cases on the
    /// agenda (`caseDepts`, codes), in directory order then agenda order.
    public func mandated(in directory: Directory, caseDepts: [String]) -> [String] {
        var out = directory.members.map(\.code)
        for d in caseDepts where !out.contains(d) && !(directory.find(d)?.coordinator ?? false) { out.append(d) }
        return out
    }

    /// The mandated departments not recorded as attending.
    public func absent(in directory: Directory, caseDepts: [String]) -> [String] {
        mandated(in: directory, caseDepts: caseDepts).filter { !attendance.contains($0) }
    }

    /// The latest risk judgement on a case in this meeting.
    public func risk(for c: EntityID) -> MeetingRisk? { risks.last { $0.caseID == c } }

    public func decisions(for c: EntityID) -> [MeetingDecision] { decisions.filter { $0.caseID == c } }

    /// Remarks naming the case.
    public func remarks(about c: EntityID) -> [MeetingRemark] { remarks.filter { $0.mentions(c) } }

    /// Remarks naming no case on the agenda (the general discussion).
    public var generalRemarks: [MeetingRemark] {
        remarks.filter { r in !agenda.contains { r.mentions($0) } }
    }

    private static func unique(_ ids: [EntityID]) -> [EntityID] {
        var out: [EntityID] = []
        for i in ids where !out.contains(i) { out.append(i) }
        return out
    }
}

extension Event {
    /// The meeting this event belongs to, if any (its own events, and remarks, risk notes and decisions made in it).
    public var meetingID: EntityID? {
        switch body {
        case let .meetingOpened(m, _, _, _, _), let .meetingAttended(m, _), let .agendaChanged(m, _, _),
             let .meetingClosed(m), let .meetingJoined(m), let .meetingLeft(m):
            m
        case let .remarked(m, _), let .riskJudged(m, _, _, _, _, _), let .decided(m, _, _):
            m
        default:
            nil
        }
    }
}

extension MeetingRemark {
    /// `[09:42 市公安局 张伟] …` — the chat line shown at the prompt and in `meeting show`. `deptName` gives a
    /// department's names by code.
    public func chatLine(deptName: (String) -> Localized, _ lang: Language) -> String {
        "[\(Meeting.clock(at)) \(Meeting.speakerLabel(speaker, deptName: deptName, lang))] \(text)" + behalfNote(lang)
    }

    /// `（由 陈静 代录）` after a remark recorded on the speaker's behalf.
    public func behalfNote(_ lang: Language) -> String {
        guard let by = recordedBy else { return "" }
        return lang == .zh ? "（由 \(by) 代录）" : " (recorded by \(by))"
    }
}

extension Meeting {
    /// `09:42`.
    public static func clock(_ t: Instant) -> String {
        let h = t.hour, m = t.minute
        return (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
    }

    /// `市公安局 张伟`, or just `市公安局` when the speaker is the department itself (`as police`).
    public static func speakerLabel(_ a: Actor, deptName: (String) -> Localized, _ lang: Language) -> String {
        guard let d = a.dept else { return a.name }
        let names = deptName(d)
        let shown = names.text(lang)
        return [names.zh, names.en, d].contains(a.name) ? shown : "\(shown) \(a.name)"
    }
}
