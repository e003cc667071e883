import YuqingCore
import YuqingStore

extension Workspace {
    /// The meeting of `id`, folded from its events, or a not-found error with the range of ids that exist.
    func meeting(_ id: EntityID, range: SourceRange? = nil) throws(ShellError) -> Meeting {
        try lookup(id, .meeting, range: range) { () throws(ShellError) in Meeting.fold(try read { try $0.events(forSubject: id) }) }
    }

    /// The open meeting as the log says: the last one opened, unless it was closed. Meetings are opened one at a
    /// time, so the last number is the last opened; a restart finds its meeting again from here.
    func openMeetingFromLog() throws(ShellError) -> EntityID? {
        let last = try read { try $0.lastNumber(.meeting) }
        guard last > 0 else { return nil }
        let id = EntityID(.meeting, last)
        let events = try read { try $0.events(forSubject: id) }
        guard events.contains(where: { if case .meetingOpened = $0.body { true } else { false } }),
              !events.contains(where: { if case .meetingClosed = $0.body { true } else { false } }) else { return nil }
        return id
    }

    /// Sets `openMeeting` from the log (at start-up, so the prompt shows a meeting left open).
    public func restoreOpenMeeting() {
        openMeeting = (try? openMeetingFromLog()) ?? nil
    }

    /// The meeting in progress, or an error telling how to open one.
    func requireOpenMeeting(_ inv: Invocation) throws(ShellError) -> EntityID {
        if openMeeting == nil { restoreOpenMeeting() }
        guard let m = openMeeting else {
            throw ShellError(Localized(zh: "没有进行中的会商", en: "no meeting is in progress"), range: inv.verbRange,
                             hint: Localized(zh: "先 `meeting open 议题 --cases C7,C9`", en: "open one first: `meeting open TOPIC --cases C7,C9`"),
                             kind: .wrongStage)
        }
        return m
    }

    /// Records events of the meeting itself (no case): opening, attendance, remarks, closing.
    @discardableResult
    func recordMeetingEvent(_ session: Session, _ meeting: EntityID?, at: Instant, actor: Actor? = nil,
                            _ body: (any StoreTransaction) throws -> (EntityID, EventBody)) throws(ShellError) -> Event {
        var event: Event?
        try storeCall {
            try store.write { tx in
                let (subject, b) = try body(tx)
                event = try tx.append(NewEvent(caseID: nil, subject: subject, actor: actor ?? session.actor, effective: at,
                                               recorded: session.now(), body: b), expectedVersion: nil)
            }
        }
        guard let event else { throw ShellError(zh: "事件未写入", en: "the event was not written", kind: .internal) }
        return event
    }

    /// The display name of a department in the session's language (for chat lines).
    func deptLabel(_ session: Session) -> (String) -> String {
        { code in self.deptName(code, session.language) }
    }

    /// The case as it stood after the event `seq` (the minutes show cases as they were when the meeting closed).
    func caseFile(_ id: EntityID, asOf seq: Int64?) throws(ShellError) -> CaseFile? {
        guard let seq else { return try read { try $0.caseFile(id) } }
        let events = try read { try $0.events(forCase: id) }.filter { $0.seq <= seq }
        return CaseFile.fold(events)
    }

    /// The effective time for a meeting command: `--at`, else now; never before the meeting opened.
    func meetingTime(_ session: Session, _ inv: Invocation, _ m: Meeting) throws(ShellError) -> Instant {
        let at = try session.effectiveTime(inv)
        if at < m.openedAt {
            throw ShellError(Localized(zh: "时间 \(at) 早于 \(m.id) 开始的时间 \(m.openedAt)",
                                       en: "\(at) is before \(m.id) opened (\(m.openedAt))"),
                             range: inv.at?.range ?? inv.verbRange, kind: .usage)
        }
        return at
    }
}
