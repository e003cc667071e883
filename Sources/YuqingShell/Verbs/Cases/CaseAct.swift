import YuqingCore
import YuqingStore

/// One event a command records on a case.
struct Step {
    var body: EventBody
    var subject: EntityID? = nil
}

/// What a command on a case did.
struct Acted {
    var before: CaseFile
    var after: CaseFile
    var events: [Event]
    var at: Instant
}

extension Workspace {
    /// Runs one command on one case: who acts may do it (or the denial is logged and nothing else changes), the stage
    /// rule holds on the freshest state, and every event is written in one transaction or none is. `range` is where
    /// the case was named, for errors about it.
    func act(_ session: Session, _ inv: Invocation, _ permission: Permission, caseID id: EntityID, range: SourceRange?,
             subject: EntityID? = nil,
             _ build: (CaseFile, Instant, any StoreTransaction) throws -> [Step]) throws(ShellError) -> Acted {
        let at = try session.effectiveTime(inv)
        let c = try authorize(session, inv, permission, caseID: id, range: range, subject: subject)
        var events: [Event] = []
        do {
            try store.write { tx in
                guard let fresh = try tx.caseFile(id) else { throw StoreError.unknownCase(id) }
                let steps = try build(fresh, at, tx)
                // A case's history runs forward: a step cannot take effect before the step it follows. Checked
                // after the stage rule, whose refusal says more.
                if at < fresh.lastEventAt {
                    throw ShellError(Localized(zh: "生效时间 \(at) 早于 \(id) 的上一事件（\(fresh.lastEventAt)）",
                                               en: "the effective time \(at) is before \(id)'s last event (\(fresh.lastEventAt))"),
                                     range: inv.at?.range ?? inv.verbRange,
                                     hint: Localized(zh: "用 --at 给出实际发生时间，或 `clock` 查看当前时钟", en: "give the real time with --at, or check `clock`"))
                }
                var version = c.version
                for s in steps {
                    let e = try tx.append(NewEvent(caseID: id, subject: s.subject, actor: session.actor, effective: at,
                                                   recorded: session.now(), body: s.body), expectedVersion: version)
                    events.append(e)
                    version += 1
                }
            }
        } catch {
            // A rule's refusal (or a calendar gap) is about the case named at `range`.
            throw ShellError(caught: error, range: range)
        }
        let after = try caseFile(id, range: range)
        return Acted(before: c, after: after, events: events, at: at)
    }

    /// The case an extension (`X1`) or an instruction (`L1`) belongs to, or a not-found error at `range`.
    func caseOf(_ subject: EntityID, range: SourceRange?) throws(ShellError) -> EntityID {
        guard let caseID = try read({ try $0.events(forSubject: subject) }).first?.caseID else {
            let what = subject.kind == .instruction ? Localized(zh: "批示", en: "instruction") : subject.kind.name
            throw ShellError(Localized(zh: "没有\(what.zh) \(subject)", en: "no \(what.en) \(subject)"), range: range, kind: .notFound)
        }
        return caseID
    }

    /// Reads the case (folded from its events) and checks that who acts may do this to it: the one path of
    /// `authorize(_:_:_:caseFile:subject:actor:)`. A denial is logged (and changes nothing else); a stage problem
    /// found on the way (not claimed yet) is refused without logging.
    @discardableResult
    func authorize(_ session: Session, _ inv: Invocation, _ permission: Permission, caseID id: EntityID,
                   range: SourceRange?, subject: EntityID? = nil) throws(ShellError) -> CaseFile {
        let c = try caseFile(id, range: range)
        try authorize(session, inv, permission, caseFile: c, subject: subject)
        return c
    }

    /// The chat-style answer to a command on a case: what changed, then what is due next. Worded in the session's
    /// language only (the answer is shown in it, and wording the next steps in both languages for every command
    /// was a few per cent of a script), so both sides of the message hold that text.
    func answer(_ what: Localized, _ acted: Acted, _ session: Session, extra: [Localized] = []) -> CommandOutput {
        let lang = session.language
        var lines = ([what] + extra).map { $0.text(lang) }
        // Read at the later of the clock and the entry's effective time: on a simulated clock `--at` may lie after
        // the clock, and a deadline already past at that time must read as overdue, not "by …".
        let now = max(session.now(), acted.at)
        if let next = engine.nextStepsSentence(for: acted.after, now: now, in: lang) { lines.append(next) }
        let sentence = Localized(lines.joined(separator: lang == .zh ? "" : " "))
        return CommandOutput(messages: [sentence], created: nil, effective: acted.at)
    }
}
