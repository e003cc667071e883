import YuqingCore

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

/// What a completion asks the integrator for: ids that exist in the store, department names, or other values
/// named by the argument (`word("person")`).
public enum CompletionSlot: Sendable, Hashable {
    case id(IDKind)
    case department
    case word(String)
}

/// The mutable state of one shell: who acts, the clock, variables, the output settings and the services the
/// domain verbs registered.
///
/// A session is used by one thread at a time (the REPL loop or a script run); it is `@unchecked Sendable` only so
/// that `@Sendable` handlers can receive it. Nothing in the shell shares a session across threads.
public final class Session: @unchecked Sendable {
    public var language: Language
    public var format: OutputFormat
    public var csvBOM: Bool
    public var actor: Actor
    public var clock: any YuqingCore.Clock
    /// `set NAME VALUE`, `$name`; `$last` is the id the last command created.
    public var variables: [String: String]
    public var services: [String: any Sendable]
    /// Extra prompt part (e.g. the open meeting `M2`), set by the integrator.
    public var promptContext: () -> String?
    /// Ids existing in the store, department names… for tab completion, set by the integrator.
    public var completionProvider: (CompletionSlot) -> [String]
    /// Lines printed when the REPL starts.
    public var startupBoard: (() -> [String])?
    /// Wraps every handler call (e.g. a store transaction), so a failed command leaves no partial state.
    public var transaction: ((() throws(ShellError) -> CommandOutput) throws(ShellError) -> CommandOutput)?
    /// Resolves `+3wd` (from, n) → instant; set by the integrator once the calendar is loaded.
    public var workdayResolver: ((Instant, Int) throws(ShellError) -> Instant)?
    /// Turns what the user typed for a department (`police`, `市公安局`) into its canonical code, or throws.
    /// Used by the parser for every `.department` value and by `as --dept`.
    public var validateDepartment: ((String) throws(ShellError) -> String)?
    /// The display name of a department code, for the prompt and messages (`police` → `市公安局`).
    public var departmentName: ((String) -> String?)?
    /// Checks every parsed command before its handler runs (the one authorization path, set by the integrator, and
    /// by a drill for its own rules: no `--at`, no moving the clock, the controller's verbs): a refusal is thrown.
    public var authorize: ((Invocation) throws(ShellError) -> Void)?
    /// Who `as NAME` means when something other than the directory decides (a drill's roster): the actor, nil to
    /// fall back to the usual rules, or a refusal. Arguments: the name, `--role`, `--dept` as typed.
    public var personResolver: ((String, Role?, String?) throws(ShellError) -> Actor?)?
    /// Asked about ten times a second while the REPL waits for a key: a command to run now (a live drill's
    /// `drill tick` when an inject falls due), printed above the line being typed. Nil: nothing to do.
    public var idle: (() -> String?)?
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
        self.actor = actor ?? Actor(name: Session.defaultUserName(), role: .admin, dept: nil)
        self.clock = clock
        self.variables = [:]
        self.services = [:]
        self.promptContext = { nil }
        self.completionProvider = { _ in [] }
    }

    static func defaultUserName() -> String {
        let env = Environment.current
        return env["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? env["LOGNAME"] ?? "user"
    }

    // MARK: services

    public func service<T>(_ type: T.Type) -> T? { services[String(describing: T.self)] as? T }
    public func register<T: Sendable>(_ value: T) { services[String(describing: T.self)] = value }

    // MARK: time

    public func now() -> Instant { clock.now() }

    /// The instant a written time means now.
    public func resolve(_ t: TimeSpec) throws(ShellError) -> Instant {
        let now = clock.now()
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
            guard let r = workdayResolver else {
                throw ShellError(zh: "工作日时间需要日历（尚未加载）", en: "working-day times need the calendar (not loaded)",
                                 kind: .data)
            }
            return try r(now, n)
        }
    }

    /// The instants yuqing computes with: 1900-01-01 to 9999-12-31 (every date conversion is safe inside).
    static let earliest: Int64 = -2_208_988_800
    static let latest: Int64 = 253_402_300_799

    /// The effective time of a mutating command: its `--at`, else now.
    public func effectiveTime(_ inv: Invocation) throws(ShellError) -> Instant {
        guard let a = inv.at, let t = TimeSpec.value(a.value) else { return clock.now() }
        do throws(ShellError) { return try resolve(t) } catch {
            var e = error
            if e.range == nil { e.range = a.range }
            throw e
        }
    }

    /// A text in the session language.
    public func say(_ l: Localized) -> String { l.text(language) }

    /// `[M2 市公安局 张三]> `, or `[admin]> ` for the default administrator.
    public var prompt: String {
        var parts: [String] = []
        if let p = promptContext(), !p.isEmpty { parts.append(p) }
        if let d = actor.dept { parts.append(departmentName?(d) ?? d) }
        if actor.role == .admin && actor.dept == nil && actor.name == Session.defaultUserName() {
            parts.append(actor.role.rawValue)
        } else {
            parts.append(actor.name)
        }
        // Names are shown, not obeyed: a control character in one must not act on the terminal.
        return TerminalText.escape("[" + parts.joined(separator: " ") + "]> ")
    }
}
