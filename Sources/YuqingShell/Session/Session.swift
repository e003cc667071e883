import YuqingCore
import YuqingStore

public enum OutputFormat: String, Sendable, CaseIterable {
    case table, json, csv, md

    var chineseName: String {
        switch self {
        case .table: "表格"
        case .json: "json"
        case .csv: "csv"
        case .md: "markdown"
        }
    }
}

/// What a completion asks the domain for: ids that exist in the store, or department names.
public enum CompletionSlot: Sendable, Hashable {
    case id(IDKind)
    case department
    /// Who `as NAME` can be: people of the directory (leaders, staff), a drill's roster, and departments.
    case person
}

/// What the shell asks of the domain it runs (the workspace of the domain verbs implements it): one dependency
/// instead of a closure per question, swapped whole when a drill runs on its own workspace.
public protocol SessionDomain: AnyObject {
    /// The instant `n` working days after `from` (`+3wd`), or the calendar's error.
    func workdays(_ n: Int, after from: Instant) throws(ShellError) -> Instant
    /// The canonical code of a department as typed (`police`, `市公安局`), or an error naming close matches. Used by
    /// the parser for every `.department` value and by `as`.
    func departmentCode(_ key: String) throws(ShellError) -> String
    /// The display name of a department code in `language` (`police` → `市公安局`); nil when unknown.
    func departmentName(_ code: String, _ language: Language) -> String?
    /// Values for tab completion.
    func completions(_ slot: CompletionSlot) -> [String]
    /// Lines printed when the REPL starts.
    func startupBoard(_ session: Session) -> [String]
    /// The part of the prompt the domain adds (the open meeting `M2`, a running drill's clock).
    func promptContext(_ language: Language) -> String?
    /// Who `as NAME` means when the domain decides rather than the directory (a drill's roster): the actor, nil for
    /// the usual rules, or a refusal. `role` and `dept` as typed.
    func person(named name: String, role: Role?, dept: String?, session: Session) throws(ShellError) -> Actor?
    /// What the REPL does while it waits for a key, asked about ten times a second.
    func idleWork() -> IdleWork
}

/// What the REPL does while readline waits for a key.
public enum IdleWork: Equatable {
    /// Nothing (no live drill).
    case none
    /// Keep the prompt current: a live drill's clock moves.
    case refreshPrompt
    /// Run this command now, printed above the line being typed (a live drill's `drill tick`).
    case run(String)
}

/// The mutable state of one shell: who acts, the clock, variables, the output settings, the domain it runs and the
/// services the domain verbs registered.
///
/// Used by one thread at a time (the REPL loop or a script run) and never shared: it is not `Sendable`. Handlers
/// are `@Sendable` so the command table can be a constant, and receive the session as an argument.
public final class Session {
    public var language: Language
    public var format: OutputFormat
    public var csvBOM: Bool
    public var actor: Actor
    public var clock: any YuqingCore.Clock
    /// The passing of real time, which a live drill runs on at its speed: the system clock, even when `clock` is a
    /// simulated one (`clock set`, `YUQING_NOW`) that stands still until moved — a live drill started after
    /// `clock set` stood still at +00:00. Tests put a clock of their own here.
    public var wallClock: any YuqingCore.Clock = SystemClock()
    /// `set NAME VALUE`, `$name`; `$last` is the id the last command created.
    public var variables: [String: String]
    /// Variables set with `--secret`: hidden when listed (and never written to the history file).
    public var secretVariables: Set<String> = []
    /// Objects the domain verbs keep for the session (the workspace, a drill), one per type.
    private var services: [ObjectIdentifier: Any] = [:]
    /// The domain the shell runs (nil: shell verbs only).
    public var domain: (any SessionDomain)?
    /// Wraps every handler call (e.g. a store transaction), so a failed command leaves no partial state.
    public var transaction: ((() throws(ShellError) -> CommandOutput) throws(ShellError) -> CommandOutput)?
    /// Checks every parsed command before its handler runs (the one authorization path, set by the integrator, and
    /// by a drill for its own rules: no `--at`, no moving the clock, the controller's verbs): a denial is logged
    /// and thrown.
    public var authorize: ((Invocation) throws(ShellError) -> Void)?
    /// Asked after `authorize`, instead of the handler: an answer means the command was run elsewhere (a trainee's
    /// terminal hands its commands to exercise control's process), nil that it runs here.
    public var handOff: ((Invocation) throws(ShellError) -> CommandOutput?)?
    /// Called before a command that waits a long time (`CommandSpec.waits`) or commits on its own
    /// (`CommandSpec.commitsAlone`): the script batcher commits what the script did so far and releases its
    /// answers, so the wait holds no write lock and no unshown answer (and a rebuild gets a transaction of its own).
    public var settle: (() -> Void)?
    /// The signed-in operator's name for the prompt (the directory's name, else the login); set by the integrator.
    public var operatorName: String?
    /// Called after each successful command (e.g. to refresh caches); optional.
    public var afterCommand: ((Invocation, CommandOutput) -> Void)?
    /// Called after each failed command, once its error is printed (its range is set); the script batcher uses it
    /// to find out whether the store can still write. Optional.
    public var afterFailure: ((ShellError) -> Void)?
    /// Set when the store failed mid-script (a full disk): every run in progress stops at once, even with
    /// `--keep-going`, since nothing after could be stored.
    public var abortRun = false
    /// Wraps a whole non-interactive run (a script, `-c`, standard input): the integrator runs it in batched
    /// store transactions and hands the run a sink whose output is released only once committed.
    public var scriptScope: ((any OutputSink, (any OutputSink) -> RunResult) -> RunResult)?

    /// Problems found while setting up that did not stop yuqing (a calendar file skipped); printed once at start.
    public var startupWarnings: [Localized] = []

    /// Commands entered in this session, oldest first (`history`).
    public var history: [String] = []
    /// Set by `quit`; the interpreter stops and the REPL exits with this status.
    public var quitRequested: Int32?
    /// `record start FILE`.
    public var recorder: Recorder?
    /// The output of the run in progress, so `run`/`source` and `echo` write where the caller writes.
    var runContext: RunContext?

    public init(language: Language = .en, format: OutputFormat = .table, actor: Actor? = nil,
                clock: any YuqingCore.Clock = SystemClock()) {
        self.language = language
        self.format = format
        self.csvBOM = false
        self.actor = actor ?? Actor(name: SecureFiles.login(), role: .admin, dept: nil)
        self.clock = clock
        self.variables = [:]
    }

    // MARK: services

    public func service<T>(_ type: T.Type) -> T? { services[ObjectIdentifier(type)] as? T }
    public func register<T>(_ value: T) { services[ObjectIdentifier(T.self)] = value }
    public func unregister<T>(_ type: T.Type) { services[ObjectIdentifier(type)] = nil }

    // MARK: time

    public func now() -> Instant { clock.now() }

    /// The instant a written time means now. `base` replaces now for relative times (`+1d`, `+3wd`): a limit given
    /// with an entry made after the fact (`instruct … --due +3wd --at …`) runs from that entry, not from the clock.
    public func resolve(_ t: TimeSpec, from base: Instant? = nil) throws(ShellError) -> Instant {
        let now = base ?? clock.now()
        switch t {
        case .absolute(let i): return i
        case .now: return now
        case .todayAt(let h, let m): return Instant(date: now.date, hour: h, minute: m)
        case .relative(let s):
            // Overflow-safe: a span too large to add is an error, not a crash (the ranges of spans themselves are
            // the option declarations' business).
            let (t, overflow) = now.seconds.addingReportingOverflow(s.seconds)
            guard !overflow, (Session.earliest...Session.latest).contains(t) else {
                throw ShellError(zh: "时间超出可计算的范围（公元 1900–9999 年）", en: "the time is out of range (years 1900–9999)",
                                 kind: .usage)
            }
            return Instant(seconds: t)
        case .relativeWorkdays(let n):
            guard let domain else {
                throw ShellError(zh: "工作日时间需要日历（尚未加载）", en: "working-day times need the calendar (not loaded)",
                                 kind: .data)
            }
            return try domain.workdays(n, after: now)
        }
    }

    /// The instants yuqing computes with: 1900-01-01 to 9999-12-31 (every date conversion is safe inside).
    static let earliest: Int64 = -2_208_988_800
    static let latest: Int64 = 253_402_300_799

    /// The effective time of a mutating command: its `--at`, else now.
    /// On the real clock `--at` says when something already happened (entries made after the fact): a time still to
    /// come is refused, or a claim "at 2030" would be stored as done. A simulated clock (drills, tutorials, tests)
    /// keeps its freedom to record ahead of the clock it shows.
    public func effectiveTime(_ inv: Invocation) throws(ShellError) -> Instant {
        guard let a = inv.at, let t = TimeSpec.value(a.value) else { return clock.now() }
        let at = try ShellError.at(a.range) { try resolve(t) }
        let now = clock.now()
        if clock is SystemClock, at.seconds > now.seconds + 60 {
            throw ShellError(zh: "--at \(at) 尚未到来（现在是 \(now)）：--at 只用于补录已经发生的事",
                             en: "--at \(at) is still to come (it is now \(now)): --at records what already happened",
                             range: a.range, kind: .usage)
        }
        return at
    }

    /// A text in the session language.
    public func say(_ l: Localized) -> String { l.text(language) }

    /// `[M2 市公安局 张三]> `; when the operator records for someone else, the operator follows an arrow:
    /// `[M2 市公安局 ← 王敏]> `; an operator the directory does not know shows as `[bob?]> `.
    public var prompt: String {
        var parts: [String] = []
        if let p = domain?.promptContext(language), !p.isEmpty { parts.append(p) }
        if let d = actor.dept {
            let name = domain?.departmentName(d, language)
            if name != actor.name { parts.append(name ?? d) }
        }
        if let op = operatorName, op == actor.name + "?" {
            // An operator the directory does not know.
            parts.append(op)
        } else {
            parts.append(actor.name)
            if let op = operatorName, op != actor.name { parts.append("← " + op) }
        }
        // Names are shown, not obeyed: a control character in one must not act on the terminal.
        return TerminalText.escape("[" + parts.joined(separator: " ") + "]> ")
    }
}
