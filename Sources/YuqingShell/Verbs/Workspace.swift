import YuqingCore
import YuqingStore

/// What the domain verbs share in one session: the store, the policy and calendar in force, the directory and the
/// open meeting. Registered on the session as a service by `DomainSetup`.
///
/// Used by one thread at a time, like the session that holds it.
public final class Workspace: @unchecked Sendable {
    public let store: any Store
    public private(set) var calendar: WorkCalendar
    public private(set) var policy: Policy
    public private(set) var engine: ObligationEngine
    /// The meeting in progress (`meeting open` … `meeting close`).
    public var openMeeting: EntityID?
    /// A profile being built by `policy use FILE`: its `policy …` lines apply here instead of to the rules in force.
    var policyDraft: Policy?
    /// Where `calendar load` keeps the files it loaded (read again at start-up); nil for stores without a directory.
    var calendarDirectory: String?
    private var cachedDirectory: Directory?

    public init(store: any Store, calendar: WorkCalendar, policy: Policy) {
        self.store = store
        self.calendar = calendar
        self.policy = policy
        self.engine = ObligationEngine(policy: policy, calendar: calendar)
        store.projector = DueProjector(engine: engine)
    }

    /// The workspace of a session, or a clear error when yuqing runs without a store.
    public static func of(_ session: Session) throws(ShellError) -> Workspace {
        guard let ws = session.service(Workspace.self) else {
            throw ShellError(zh: "没有打开的数据库", en: "no store is open", kind: .internal)
        }
        return ws
    }

    /// Changes the rules in force and recomputes every case's deadlines (open obligations follow the data).
    /// A change of the supervision settings alone (`policy supervision`, `policy score`) moves no deadline, so it
    /// recomputes nothing.
    public func update(calendar: WorkCalendar? = nil, policy: Policy? = nil) throws(ShellError) {
        if calendar == nil, let policy {
            var same = policy
            same.supervision = self.policy.supervision
            if same == self.policy {
                self.policy = policy
                engine = ObligationEngine(policy: self.policy, calendar: self.calendar)
                store.projector = DueProjector(engine: engine)
                return
            }
        }
        if let calendar { self.calendar = calendar }
        if let policy { self.policy = policy }
        engine = ObligationEngine(policy: self.policy, calendar: self.calendar)
        store.projector = DueProjector(engine: engine)
        try storeCall { try store.rebuild() }
    }

    // MARK: store access with typed errors

    @discardableResult
    func storeCall<T>(_ body: () throws -> T) throws(ShellError) -> T {
        do { return try body() } catch { throw ShellError.from(error) }
    }

    func read<T>(_ body: (any StoreReader) throws -> T) throws(ShellError) -> T {
        try storeCall { try store.read(body) }
    }

    public func directory() throws(ShellError) -> Directory {
        if let d = cachedDirectory { return d }
        let d = try read { try $0.directory() }
        cachedDirectory = d
        return d
    }

    func invalidateDirectory() { cachedDirectory = nil }

    /// The department named by a code or Chinese name, or an error listing close matches.
    public func department(_ key: String, range: SourceRange? = nil) throws(ShellError) -> Department {
        let dir = try directory()
        if let d = dir.find(key) { return d }
        let names = dir.departments.flatMap { [$0.code, $0.nameZH] }
        let hint = Suggest.nearest(key, among: names)
        throw ShellError(Localized(zh: "未知部门“\(key)”", en: "unknown department “\(key)”"), range: range,
                         hint: hint.map { Localized(zh: "是否想输入 \($0)？（`dept list` 查看名录）", en: "did you mean \($0)? (`dept list` shows the directory)") }
                            ?? Localized(zh: "`dept list` 查看部门名录", en: "`dept list` shows the directory"),
                         kind: .notFound)
    }

    /// `市公安局` in Chinese, `Public Security Bureau` in English; the code when unknown.
    public func deptName(_ code: String?, _ lang: Language) -> String {
        guard let code else { return lang == .zh ? "（无）" : "(none)" }
        guard let d = try? directory().find(code) else { return code }
        return lang == .zh ? d.nameZH : d.nameEN
    }

    public func caseFile(_ id: EntityID, range: SourceRange? = nil) throws(ShellError) -> CaseFile {
        guard id.kind == .caseFile else {
            throw ShellError(Localized(zh: "\(id) 不是案件编号（应如 C7）", en: "\(id) is not a case id (like C7)"),
                             range: range, kind: .usage)
        }
        guard let c = try read({ try $0.caseFile(id) }) else {
            let last = (try? read { try $0.lastNumber(.caseFile) }) ?? 0
            throw ShellError(Localized(zh: "没有案件 \(id)", en: "no case \(id)"), range: range,
                             hint: Localized(zh: last > 0 ? "现有 C1…C\(last)" : "还没有案件：用 `collect` 收集",
                                             en: last > 0 ? "cases run from C1 to C\(last)" : "there are no cases yet: `collect` one"),
                             kind: .notFound)
        }
        return c
    }

    public func obligations(_ c: CaseFile, now: Instant) -> [Obligation] {
        engine.obligations(for: c.facts, now: now)
    }
}

extension ShellError {
    /// Maps errors from the layers below to what the user reads.
    static func from(_ error: any Error, range: SourceRange? = nil) -> ShellError {
        switch error {
        case let e as ShellError: return e
        case let e as WorkflowError:
            let kind: ErrorKind = switch e.kind {
            case .wrongStage, .tooLate: .wrongStage
            case .denied: .denied
            case .invalid: .usage
            }
            return ShellError(e.message, range: range, hint: e.next, kind: kind)
        case let e as StoreError:
            if case .conflict = e { return ShellError(e.message, range: range, kind: .conflict) }
            return ShellError(e.message, range: range, kind: .internal)
        case let e as CalendarError:
            return ShellError(e.message, range: range, kind: .data)
        default:
            return ShellError(Localized(zh: "内部错误：\(error)", en: "internal error: \(error)"), range: range, kind: .internal)
        }
    }
}
