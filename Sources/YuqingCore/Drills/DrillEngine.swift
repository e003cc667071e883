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
    /// At the same instant: injects first, then windows opening, then trainee actions, then deadlines; within a
    /// kind, the order they were scheduled in. Deadlines are scheduled one second after the due time, so an action at
    /// the due time is on time in every mode.
    var priority: Int
    var ordinal: Int

    func precedes(_ o: Agendum) -> Bool { (at, priority, ordinal) < (o.at, o.priority, o.ordinal) }
}

public enum InjectOrigin: Sendable, Hashable {
    case scheduled
    case onMiss(String)
    case onMet(String)
    case chained(String)

    public var kind: TimelineKind {
        switch self {
        case .scheduled: .inject
        case .onMiss, .onMet: .contingency
        case .chained: .chained
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

    public var name: Localized {
        switch self {
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
    /// Seconds from the start of the window to the action.
    public var latency: Int64? {
        guard let d = doneAt, let s = start else { return nil }
        return max(0, d.seconds - s.seconds)
    }
}

public enum TimelineKind: String, Sendable, Hashable {
    case start, inject, contingency, chained, action, deadline, note, end

    public var name: Localized {
        switch self {
        case .start: Localized(zh: "开始", en: "start")
        case .inject: Localized(zh: "注入", en: "inject")
        case .contingency: Localized(zh: "应变注入", en: "contingency")
        case .chained: Localized(zh: "连锁注入", en: "chained")
        case .action: Localized(zh: "学员操作", en: "action")
        case .deadline: Localized(zh: "时限", en: "deadline")
        case .note: Localized(zh: "导调记录", en: "note")
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
    public init(at: Instant, kind: TimelineKind, actor: String?, dept: String? = nil, text: Localized) {
        self.at = at
        self.kind = kind
        self.actor = actor
        self.dept = dept
        self.text = text
    }
}

/// A trainer's note (`drill note`): a strength, an area for improvement (with an owner and due date it becomes an
/// item of the improvement plan), or a plain observation.
public struct DrillNote: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case strength, improve, general }
    public var at: Instant
    public var kind: Kind
    public var text: String
    public var owner: String?
    public var due: CivilDate?
    public init(at: Instant, kind: Kind, text: String, owner: String? = nil, due: CivilDate? = nil) {
        self.at = at
        self.kind = kind
        self.text = text
        self.owner = owner
        self.due = due
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
    public private(set) var timeline: [TimelineEntry] = []
    public private(set) var notes: [DrillNote] = []
    /// When each case first appeared in the drill.
    public private(set) var appeared: [EntityID: Instant] = [:]
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
            schedule(Agendum(at: epoch.adding(a.offset), kind: .action(a.command), priority: 2, ordinal: 0))
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

    /// The time of the next thing scheduled (trainee actions included only when asked).
    public func nextTime(includingActions: Bool = true) -> Instant? {
        agenda.first { includingActions || !$0.isAction }?.at
    }

    /// The next inject (not deadlines or actions), for `drill status`.
    public var nextInject: Agendum? { agenda.first { if case .inject = $0.kind { true } else { false } } }

    /// Removes and returns the first thing due at or before `t`.
    public mutating func pop(upTo t: Instant) -> Agendum? {
        guard let first = agenda.first, first.at <= t else { return nil }
        return agenda.removeFirst()
    }

    /// Nothing is scheduled any more.
    public var isIdle: Bool { agenda.isEmpty }

    // MARK: what happened

    /// Records that an inject ran (its events are then shown with `control: true`).
    public mutating func injectRan(_ command: DrillCommand, origin: InjectOrigin, at: Instant, actor: String,
                                   failed: Bool = false) {
        var text = command.summary
        if case .onMiss(let id) = origin { text = "[\(id) miss] " + text }
        if case .onMet(let id) = origin { text = "[\(id) met] " + text }
        if case .chained(let id) = origin { text = "[after \(id)] " + text }
        timeline.append(TimelineEntry(at: at, kind: origin.kind, actor: actor, text: Localized(
            zh: text + (failed ? "（执行失败）" : ""), en: text + (failed ? " (failed)" : ""))))
    }

    public mutating func note(_ n: DrillNote) {
        notes.append(n)
        timeline.append(TimelineEntry(at: n.at, kind: .note, actor: nil, text: Localized(n.text)))
    }

    /// Shows the engine new events of the drill store, in sequence order. Events of injects are `control`: they
    /// make cases appear but never count as trainee actions. `text` writes the trainees' events into the timeline
    /// (with the drill directory's department names).
    public mutating func observe(_ events: [Event], control: Bool, now: Instant, text: EventText = EventText()) {
        for e in events {
            if case .collected = e.body, let id = e.caseID, appeared[id] == nil {
                appeared[id] = e.effective
                for (k, x) in script.expectations.enumerated()
                where x.caseID == id && x.after == nil && x.afterOffset == nil && states[k].status == .waiting {
                    open(k, start: e.effective, now: now)
                }
            }
            guard !control else { continue }
            traineeEvents.append(e)
            timeline.append(TimelineEntry(at: e.effective, kind: .action, actor: e.actor.name, dept: e.actor.dept,
                                          text: text.describe(e)))
            for (k, x) in script.expectations.enumerated()
            where (states[k].status == .open || states[k].status == .overdue)
                && x.action.isShown(by: e, caseID: x.caseID, dept: x.dept) {
                done(k, at: e.effective, by: e.actor, now: now)
            }
        }
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
            zh: "\(x.id) 时限已到，未完成：\(x.action.title.zh) \(x.caseID?.description ?? "")",
            en: "\(x.id) is due and not done: \(x.action.title.en) \(x.caseID?.description ?? "")")))
        for c in script.contingencies where c.trigger == .miss && c.expectation == id {
            schedule(Agendum(at: now, kind: .inject(c.command, .onMiss(id)), priority: 0, ordinal: 0))
        }
        openDependents(of: id, start: states[k].deadline ?? now, now: now)
    }

    /// Ends the drill: whatever is not done is missed.
    public mutating func finish(at end: Instant) {
        guard finishedAt == nil else { return }
        for k in states.indices where [.waiting, .open, .overdue].contains(states[k].status) {
            states[k].status = .missed
        }
        agenda.removeAll()
        finishedAt = end
        timeline.append(TimelineEntry(at: end, kind: .end, actor: nil, text: Localized(zh: "演练结束", en: "Drill ends")))
    }

    /// The expectations whose window is running (open or overdue), for `drill status`.
    public var openExpectations: [(Expectation, ExpectationState)] {
        script.expectations.indices.compactMap { k in
            [.open, .overdue].contains(states[k].status) ? (script.expectations[k], states[k]) : nil
        }
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
        schedule(Agendum(at: max(deadline.adding(seconds: 1), now), kind: .deadline(x.id), priority: 3, ordinal: 0))
        if let e = traineeEvents.first(where: { x.action.isShown(by: $0, caseID: x.caseID, dept: x.dept) }) {
            done(k, at: max(e.effective, start), by: e.actor, now: now)
        }
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
