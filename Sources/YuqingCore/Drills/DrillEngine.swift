/// Something the drill will do at a simulated time.
public struct Agendum: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A scripted inject, a contingency or a chained inject, run as exercise control.
        case inject(DrillCommand, InjectOrigin)
        /// A scripted trainee action (`--auto --actions`).
        case action(DrillCommand)
        /// An expectation's time is up.
        case deadline(String)
        /// An expectation's window starts (`after +04:00`).
        case opens(String)
    }
    public var at: Instant
    public var kind: Kind
    /// At the same instant: injects first, then windows opening, then deadlines, then trainee actions; within a
    /// kind, the order they were scheduled in. Deadlines are scheduled one second after the due time, so an action at
    /// the due time is on time in every mode; an action at the instant a deadline passes comes after it, which is
    /// also what happens at the prompt (the clock reaches the instant, everything due runs, then the trainee acts).
    var priority: Int
    var ordinal: Int

    func precedes(_ o: Agendum) -> Bool { (at, priority, ordinal) < (o.at, o.priority, o.ordinal) }
}

public enum InjectOrigin: Sendable, Hashable {
    case scheduled
    case onMiss(String)
    case onMet(String)
    case chained(String)
    /// `drill inject COMMAND`: exercise control, at the prompt.
    case adHoc

    public var kind: TimelineKind {
        switch self {
        case .scheduled: .inject
        case .onMiss, .onMet: .contingency
        case .chained: .chained
        case .adHoc: .adHoc
        }
    }
}

public enum ExpectationStatus: String, Sendable, Hashable {
    /// Its window has not started (the case has not appeared, or the expectation it follows is unresolved).
    case waiting
    case open
    /// The deadline passed and it is not done yet (it can still be done late).
    case overdue
    case met
    case late
    case missed
    /// The drill ended before its window opened: not scored (ending early scores only windows that opened).
    case unopened
    /// Its window opened at the drill's end (or after it): it could not be done within the drill, so it is not
    /// scored either — it read "missed", 0 of its points, against the trainee.
    case notDue

    /// Whether it counts in the score: neither a window that never opened nor one that opened as the drill ended.
    public var isScored: Bool { self != .unopened && self != .notDue }

    public var name: Localized {
        switch self {
        case .unopened: Localized(zh: "未开始（不计分）", en: "not opened (not scored)")
        case .notDue: Localized(zh: "未到期（不计分）", en: "not due in the drill (not scored)")
        case .waiting: Localized(zh: "未开始", en: "waiting")
        case .open: Localized(zh: "进行中", en: "open")
        case .overdue: Localized(zh: "已超时", en: "overdue")
        case .met: Localized(zh: "按时完成", en: "met")
        case .late: Localized(zh: "超时完成", en: "late")
        case .missed: Localized(zh: "未完成", en: "missed")
        }
    }
}

public struct ExpectationState: Sendable, Hashable {
    public var status: ExpectationStatus = .waiting
    public var start: Instant?
    public var deadline: Instant?
    public var doneAt: Instant?
    public var doneBy: Actor?
    /// The trainees' tries that did not count: the wrong level, department or decision, missing words, a refusal.
    public var attempts: [Attempt] = []
    /// Seconds from the start of the window to the action.
    public var latency: Int64? {
        guard let d = doneAt, let s = start else { return nil }
        return max(0, d.seconds - s.seconds)
    }
}

/// A trainee's try at an expected action that did not count, and why: evidence for the root cause.
public struct Attempt: Sendable, Hashable {
    public var at: Instant
    public var actor: Actor
    public var reason: Localized
    public init(at: Instant, actor: Actor, reason: Localized) {
        self.at = at
        self.actor = actor
        self.reason = reason
    }
}

public enum TimelineKind: String, Sendable, Hashable {
    /// `note`: exercise control's (the trainer's) note; `evaluation`: an evaluator's.
    case start, inject, contingency, chained, adHoc, action, deadline, note, evaluation, end

    public var name: Localized {
        switch self {
        case .start: Localized(zh: "开始", en: "start")
        case .inject: Localized(zh: "注入", en: "inject")
        case .contingency: Localized(zh: "应变注入", en: "contingency")
        case .chained: Localized(zh: "连锁注入", en: "chained")
        case .adHoc: Localized(zh: "临时注入", en: "ad hoc inject")
        case .action: Localized(zh: "学员操作", en: "action")
        case .deadline: Localized(zh: "时限", en: "deadline")
        case .note: Localized(zh: "导调记录", en: "controller's note")
        case .evaluation: Localized(zh: "评估记录", en: "evaluator's note")
        case .end: Localized(zh: "结束", en: "end")
        }
    }
}

public struct TimelineEntry: Sendable, Hashable {
    public var at: Instant
    public var kind: TimelineKind
    public var actor: String?
    /// The actor's department code, shown by its name in reports.
    public var dept: String?
    public var text: Localized
    /// A private inject's addressees (trainees, departments or roles); empty: everyone.
    public var audience: [String]
    /// What trainees are told of an inject (the message, what happened to a case); nil for exercise set-up
    /// (a department added, a policy chosen), which the trainees' view leaves out.
    public var told: Localized?
    public init(at: Instant, kind: TimelineKind, actor: String?, dept: String? = nil, text: Localized,
                audience: [String] = [], told: Localized? = nil) {
        self.at = at
        self.kind = kind
        self.actor = actor
        self.dept = dept
        self.text = text
        self.audience = audience
        self.told = told
    }

    /// Whether a trainee sees it: public entries, and private injects addressed to their name, department or role.
    public func isVisible(to t: Trainee) -> Bool {
        audience.isEmpty || audience.contains { DrillAudience.includes($0, t) }
    }
}

/// Who an addressee (`to water`, `to 赵强`, `to coordinator`, `to all`) names.
public enum DrillAudience {
    public static func includes(_ target: String, _ t: Trainee) -> Bool {
        target == "all" || target == "全体" || target == t.name || target == t.dept || Role(code: target) == t.role
    }
}

/// A trainer's note (`drill note`): a strength, an area for improvement (with an owner and due date it becomes an
/// item of the improvement plan), or a plain observation.
public struct DrillNote: Sendable, Hashable {
    /// A strength, an area for improvement, a plain observation, a point of the hotwash (the discussion right after
    /// play), or the evaluators' conclusion (评估结论; the last one is the report's).
    public enum Kind: String, Sendable, Hashable { case strength, improve, general, hotwash, conclusion }
    public var at: Instant
    public var kind: Kind
    public var text: String
    public var owner: String?
    public var due: CivilDate?
    public var start: CivilDate?
    /// The objective (capability) an observation is about.
    public var objective: String?
    /// An area's root cause, as the evaluators found it.
    public var cause: String?
    /// Who wrote it (an evaluator, exercise control, the trainer).
    public var author: String?
    /// The expectation an area is about (`--about E3`): its row in the report takes this note's observation and
    /// cause instead of the generated ones.
    public var about: String?
    /// The corrective action of an improvement item (`--action`), when the note's text is the observation.
    public var action: String?
    public init(at: Instant, kind: Kind, text: String, owner: String? = nil, due: CivilDate? = nil,
                start: CivilDate? = nil, objective: String? = nil, cause: String? = nil, author: String? = nil,
                about: String? = nil, action: String? = nil) {
        self.at = at
        self.kind = kind
        self.text = text
        self.owner = owner
        self.due = due
        self.start = start
        self.objective = objective
        self.cause = cause
        self.author = author
        self.about = about
        self.action = action
    }
}

/// The state of a drill run, pure: what is scheduled, how each expectation stands and the merged timeline. The
/// shell moves the clock, runs the commands it hands out and shows it the events that result; everything else is
/// decided here, the same way on every run.
public struct DrillEngine: Sendable {
    public let script: DrillScript
    public var epoch: Instant { script.header.epoch }
    public private(set) var agenda: [Agendum] = []
    public private(set) var states: [ExpectationState]
    /// How events read in the timeline; the shell gives it the drill directory's department names.
    public var eventText = EventText()
    public private(set) var timeline: [TimelineEntry] = []
    public private(set) var notes: [DrillNote] = []
    /// When each case first appeared in the drill.
    public private(set) var appeared: [EntityID: Instant] = [:]
    /// What each `@label` names, once the command that creates it has run (or a trainee collected it).
    public private(set) var labels: [String: EntityID] = [:]
    public private(set) var finishedAt: Instant?
    /// The trainees' events so far: an expectation whose window opens late still sees an action done before.
    public private(set) var traineeEvents: [Event] = []
    var ordinal = 0

    public init(script: DrillScript, actions: [DrillAction] = []) {
        self.script = script
        states = Array(repeating: ExpectationState(), count: script.expectations.count)
        var rng = SeededRandom(seed: script.header.seed)
        timeline.append(TimelineEntry(at: script.header.epoch, kind: .start, actor: nil, text: Localized(
            zh: "演练开始：\(script.header.title)", en: "Drill starts: \(script.header.title)")))
        for i in script.injects {
            let jitter = i.jitter.map { rng.next(upTo: $0.seconds) } ?? 0
            schedule(Agendum(at: epoch.adding(i.offset).adding(seconds: jitter), kind: .inject(i.command, .scheduled),
                             priority: 0, ordinal: 0))
        }
        for a in actions {
            schedule(Agendum(at: epoch.adding(a.offset), kind: .action(a.command), priority: 3, ordinal: 0))
        }
        for (k, e) in script.expectations.enumerated() {
            if let o = e.afterOffset {
                schedule(Agendum(at: epoch.adding(o), kind: .opens(e.id), priority: 1, ordinal: 0))
            } else if e.action == .collect && e.after == nil {
                open(k, start: epoch, now: epoch)
            }
        }
    }

    // MARK: the agenda

    mutating func schedule(_ a: Agendum) {
        var a = a
        ordinal += 1
        a.ordinal = ordinal
        let i = agenda.firstIndex { a.precedes($0) } ?? agenda.endIndex
        agenda.insert(a, at: i)
    }

    /// Schedules one more trainee action (a terminal that follows a session learns them one by one, in order).
    public mutating func schedule(action a: DrillAction) {
        schedule(Agendum(at: epoch.adding(a.offset), kind: .action(a.command), priority: 3, ordinal: 0))
    }

    /// The time of the next thing scheduled (trainee actions included only when asked).
    public func nextTime(includingActions: Bool = true) -> Instant? {
        agenda.first { includingActions || !$0.isAction }?.at
    }

    /// The next inject (not deadlines or actions), for the controller's plan.
    public var nextInject: Agendum? { agenda.first { if case .inject = $0.kind { true } else { false } } }

    /// Removes and returns the first thing due at or before `t`.
    public mutating func pop(upTo t: Instant) -> Agendum? {
        guard let first = agenda.first, first.at <= t else { return nil }
        return agenda.removeFirst()
    }

    // MARK: what happened

    /// Records that an inject ran (its events are then shown with `control: true`). `events` are what it did to
    /// the drill's cases: an echo tells its message, a case inject what happened to the case, set-up nothing.
    /// `words`: the command said in words (the shell's `DrillCommandWords`), for an inject that tells the trainees
    /// nothing (set-up such as `dept add`): the record reads what was done, not the command as typed.
    public mutating func injectRan(_ command: DrillCommand, origin: InjectOrigin, at: Instant, actor: String,
                                   failed: Bool = false, events: [Event] = [], words: Localized? = nil) {
        let onCases = events.filter { $0.caseID != nil || $0.subject != nil }.map(eventText.describe)
        let told: Localized? = ["echo", "回显"].contains(command.verb.lowercased()) ? Localized(command.display)
            : onCases.isEmpty ? nil
            : Localized(zh: onCases.map(\.zh).joined(separator: "；"), en: onCases.map(\.en).joined(separator: "; "))
        // The English tag is also how `drill plan` finds what fired; the Chinese one is for reading.
        var prefix = Localized("")
        if case .onMiss(let id) = origin { prefix = Localized(zh: "[\(id) 未完成] ", en: "[\(id) miss] ") }
        if case .onMet(let id) = origin { prefix = Localized(zh: "[\(id) 按时完成] ", en: "[\(id) met] ") }
        if case .chained(let id) = origin { prefix = Localized(zh: "[\(id) 完成后] ", en: "[after \(id)] ") }
        let zh = prefix.zh + (told?.zh ?? words?.zh ?? command.display), en = prefix.en + (told?.en ?? words?.en ?? command.display)
        timeline.append(TimelineEntry(at: at, kind: origin.kind, actor: actor, text: Localized(
            zh: zh + (failed ? "（执行失败）" : ""), en: en + (failed ? " (failed)" : "")), audience: command.audience,
            told: told))
    }

    public mutating func note(_ n: DrillNote) {
        notes.append(n)
        let label: Localized = switch n.kind {
        case .strength: Localized(zh: "优点：", en: "strength: ")
        case .improve: Localized(zh: "不足：", en: "to improve: ")
        case .hotwash: Localized(zh: "总结讨论：", en: "hotwash: ")
        case .conclusion: Localized(zh: "评估结论：", en: "conclusion: ")
        case .general: Localized("")
        }
        // An evaluator's note is the evaluators' record, not exercise control's log (it read 导调记录).
        let byEvaluator = n.author.map { a in script.header.evaluators.contains { $0.name == a } } ?? false
        timeline.append(TimelineEntry(at: n.at, kind: byEvaluator ? .evaluation : .note, actor: n.author,
                                      text: Localized(zh: label.zh + n.text, en: label.en + n.text)))
    }

    /// What an expectation's subject is now: its case id, or what its label names (nil until created).
    public func subjectID(_ x: Expectation) -> EntityID? {
        switch x.subject {
        case .id(let id)?: id
        case .label(let l)?: labels[l]
        case nil: nil
        }
    }

    /// Gives `@label` the id of what its command created. Expectations on a case that already appeared open now.
    public mutating func bind(label: String, to id: EntityID, now: Instant) {
        guard labels[label] == nil else { return }
        labels[label] = id
        guard let seen = appeared[id] else { return }
        for (k, x) in script.expectations.enumerated()
        where x.subject == .label(label) && x.after == nil && x.afterOffset == nil && states[k].status == .waiting {
            open(k, start: max(seen, epoch), now: now)
        }
    }

    /// Shows the engine new events of the drill store, in sequence order. Events of injects are `control`: they
    /// make cases appear but never count as trainee actions; neither does anything done by someone not on the
    /// roster. An action counts at the time it was observed when that is later than its effective time, so a
    /// back-dated entry cannot beat a deadline that has passed.
    public mutating func observe(_ events: [Event], control: Bool, now: Instant) {
        for e in events {
            if case .collected = e.body, let id = e.caseID, appeared[id] == nil {
                appeared[id] = e.effective
                for (k, x) in script.expectations.enumerated()
                where subjectID(x) == id && x.after == nil && x.afterOffset == nil && states[k].status == .waiting {
                    open(k, start: e.effective, now: now)
                }
            }
            guard !control, script.header.isTrainee(e.actor.name) else { continue }
            traineeEvents.append(e)
            timeline.append(TimelineEntry(at: e.effective, kind: .action, actor: e.actor.name, dept: e.actor.dept,
                                          text: eventText.describe(e)))
            let at = max(e.effective, now)
            for (k, x) in script.expectations.enumerated() {
                if [.open, .overdue].contains(states[k].status) {
                    consider(k, x, e, at: at, now: now)
                } else if states[k].status == .met {
                    takeBack(k, x, e, at: at, now: now)
                }
            }
        }
    }

    /// Checks one trainee event against an open expectation: done, a try that did not count, or unrelated.
    mutating func consider(_ k: Int, _ x: Expectation, _ e: Event, at: Instant, now: Instant) {
        if case .denied(let verb, let reason, let reasonZH) = e.body {
            if let id = subjectID(x), e.subject == id, ExpectedAction(word: verb) == x.action
                || (x.action == .undertake && verb.hasPrefix("instruct")) {
                states[k].attempts.append(Attempt(at: at, actor: e.actor, reason: Localized(
                    zh: "被拒绝：\(reasonZH ?? reason)", en: "refused: \(reason)")))
            }
            return
        }
        // A trainee's collect names the case of a label no inject creates (`expect E0 collect @tip …`).
        if x.action == .collect, case .label(let l)? = x.subject, labels[l] == nil, case .collected = e.body,
           let id = e.caseID {
            switch x.match(e, caseID: id) {
            case .matches:
                labels[l] = id
                done(k, at: at, by: e.actor, now: now)
            case .wrongContent(let why): states[k].attempts.append(Attempt(at: at, actor: e.actor, reason: why))
            case .unrelated: break
            }
            return
        }
        guard let id = subjectID(x) else { return }
        switch x.match(e, caseID: id) {
        case .matches: done(k, at: at, by: e.actor, now: now)
        case .wrongContent(let why): states[k].attempts.append(Attempt(at: at, actor: e.actor, reason: why))
        case .unrelated: break
        }
    }

    /// A level or an assignment changed to a wrong one before the deadline of the expectation it met reopens it:
    /// a trainee who judged high-attention (met) and then general still scored the expectation, so judging every
    /// level in turn met it whatever the last word was. Only the answer standing at the deadline counts; what an
    /// on-time answer already set off (contingencies, dependent windows) stays. After the deadline a new judgement
    /// is play, not a take-back.
    mutating func takeBack(_ k: Int, _ x: Expectation, _ e: Event, at: Instant, now: Instant) {
        guard x.content.level != nil || (x.content.toDept != nil && x.action == .assign),
              let id = subjectID(x), let deadline = states[k].deadline, at <= deadline,
              case .wrongContent(let why) = x.match(e, caseID: id) else { return }
        states[k].status = .open
        states[k].doneAt = nil
        states[k].doneBy = nil
        states[k].attempts.append(Attempt(at: at, actor: e.actor, reason: Localized(
            zh: "改判：\(why.zh)", en: "changed afterwards: \(why.en)")))
        schedule(Agendum(at: max(deadline.adding(seconds: 1), now), kind: .deadline(x.id), priority: 2, ordinal: 0))
    }

    /// Starts the window of an `after +HH:MM` expectation.
    public mutating func windowOpens(_ id: String, now: Instant) {
        guard let k = script.expectations.firstIndex(where: { $0.id == id }) else { return }
        open(k, start: now, now: now)
    }

    /// Handles an expectation's deadline: it becomes overdue and its `on miss` contingencies are scheduled.
    public mutating func deadlinePassed(_ id: String, now: Instant) {
        guard let k = script.expectations.firstIndex(where: { $0.id == id }), states[k].status == .open else { return }
        states[k].status = .overdue
        let x = script.expectations[k]
        timeline.append(TimelineEntry(at: states[k].deadline ?? now, kind: .deadline, actor: nil, text: Localized(
            zh: "\(x.id) 时限已到，未完成：\(x.action.title.zh) \(subjectText(x))",
            en: "\(x.id) is due and not done: \(x.action.title.en) \(subjectText(x))")))
        for c in script.contingencies where c.trigger == .miss && c.expectation == id {
            schedule(Agendum(at: now, kind: .inject(c.command, .onMiss(id)), priority: 0, ordinal: 0))
        }
        openDependents(of: id, start: states[k].deadline ?? now, now: now)
    }

    /// `C1`, or `@rumour（C1）` once the label names a case.
    public func subjectText(_ x: Expectation) -> String {
        switch x.subject {
        case .id(let id)?: id.description
        case .label(let l)?: labels[l].map { $0.description } ?? "@" + l
        case nil: ""
        }
    }

    /// Ends the drill: an opened window not done is missed; a window that never opened is not scored, nor one that
    /// opened at the end (or after it: a window dated by an action's time), which nobody could have met in the drill.
    public mutating func finish(at end: Instant) {
        guard finishedAt == nil else { return }
        for k in states.indices {
            switch states[k].status {
            case .open, .overdue: states[k].status = (states[k].start.map { $0 >= end } ?? false) ? .notDue : .missed
            case .waiting: states[k].status = .unopened
            default: break
            }
        }
        agenda.removeAll()
        finishedAt = end
        timeline.append(TimelineEntry(at: end, kind: .end, actor: nil, text: Localized(zh: "演练结束", en: "Drill ends")))
    }

    /// The timeline in time order (stable: entries at the same time keep the order they happened in).
    public var sortedTimeline: [TimelineEntry] {
        timeline.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
    }

    // MARK: expectations

    mutating func open(_ k: Int, start: Instant, now: Instant) {
        guard states[k].status == .waiting else { return }
        let x = script.expectations[k]
        states[k].status = .open
        states[k].start = start
        let deadline = start.adding(x.within)
        states[k].deadline = deadline
        schedule(Agendum(at: max(deadline.adding(seconds: 1), now), kind: .deadline(x.id), priority: 2, ordinal: 0))
        guard let id = subjectID(x) else { return }
        // A level or an assignment given before the window counts only while it stands: judged major-sensitive and
        // taken back (general) before the window opened, it met the window at its start with a latency of 0.
        let standing = x.content.level != nil || (x.content.toDept != nil && x.action == .assign)
        var found: Event?
        for e in traineeEvents {
            switch x.match(e, caseID: id) {
            case .matches:
                if !standing {
                    done(k, at: max(e.effective, start), by: e.actor, now: now)
                    return
                }
                found = e
            case .wrongContent(let why):
                states[k].attempts.append(Attempt(at: e.effective, actor: e.actor, reason: why))
                found = nil
            case .unrelated: break
            }
        }
        if let e = found { done(k, at: max(e.effective, start), by: e.actor, now: now) }
    }

    mutating func done(_ k: Int, at: Instant, by: Actor, now: Instant) {
        let x = script.expectations[k]
        let onTime = at <= (states[k].deadline ?? at)
        let wasOpen = states[k].status == .open
        states[k].status = onTime ? .met : .late
        states[k].doneAt = at
        states[k].doneBy = by
        if wasOpen {
            agenda.removeAll { if case .deadline(let id) = $0.kind { id == x.id } else { false } }
        }
        if onTime {
            for c in script.contingencies where c.trigger == .met && c.expectation == x.id {
                schedule(Agendum(at: max(at, now), kind: .inject(c.command, .onMet(x.id)), priority: 0, ordinal: 0))
            }
        }
        for c in script.chained where c.expectation == x.id {
            schedule(Agendum(at: max(at.adding(c.delay), now), kind: .inject(c.command, .chained(x.id)), priority: 0, ordinal: 0))
        }
        if wasOpen { openDependents(of: x.id, start: at, now: now) }
    }

    mutating func openDependents(of id: String, start: Instant, now: Instant) {
        for (k, x) in script.expectations.enumerated() where x.after == id && states[k].status == .waiting {
            open(k, start: start, now: now)
        }
    }
}

extension Agendum {
    var isAction: Bool { if case .action = kind { true } else { false } }
}
