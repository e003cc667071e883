import YuqingCore
import YuqingStore

/// What the domain verbs share in one session: the store, the policy and calendar in force, the directory and the
/// open meeting. Registered on the session as a service, and as its domain, by `DomainSetup`.
///
/// Used by one thread at a time, like the session that holds it: not `Sendable`.
public final class Workspace {
    public let store: any Store
    public private(set) var calendar: WorkCalendar
    public private(set) var policy: Policy
    public private(set) var engine: ObligationEngine
    /// The meeting in progress (`meeting open` … `meeting close`).
    public var openMeeting: EntityID?
    /// The meeting this shell takes part in (it opened or joined it): its remarks appear as live lines.
    public var joinedMeeting: EntityID?
    /// Where `calendar load` keeps the files it loaded (read again at start-up); nil for stores without a directory.
    var calendarDirectory: String?
    /// The drill this workspace was made for (its clock shows in the prompt); nil for the real one.
    weak var drill: DrillRun?
    private var cachedDirectory: Directory?
    /// Who is signed in, where this store stands (real, scratch, drill) and the people of the directory.
    var trust: TrustState

    public init(store: any Store, calendar: WorkCalendar, policy: Policy) {
        self.store = store
        self.calendar = calendar
        self.policy = policy
        self.engine = ObligationEngine(policy: policy, calendar: calendar)
        self.trust = TrustState(store: store)
        store.projector = DueProjector(engine: engine)
    }

    /// The workspace of a session, or a clear error when yuqing runs without a store.
    public static func of(_ session: Session) throws(ShellError) -> Workspace {
        guard let ws = session.service(Workspace.self) else {
            throw ShellError(zh: "没有打开的数据库", en: "no store is open", kind: .internal)
        }
        return ws
    }

    /// Changes the rules in force and recomputes the deadlines the change can move, returning how many cases were
    /// recomputed (`Store.recompute`). A calendar change names the years it changed (`calendarYears`): only the
    /// cases with a deadline unknown or in those years or later are recomputed (`RecomputeScope`). A policy change
    /// recomputes every case (a rule's limits move met deadlines too). A change of the supervision settings alone
    /// (`policy supervision`, `policy score`) moves no deadline, so it recomputes nothing (0).
    @discardableResult
    public func update(calendar: WorkCalendar? = nil, calendarYears: [Int]? = nil,
                       policy: Policy? = nil) throws(ShellError) -> Int {
        if calendar == nil, let policy {
            var same = policy
            same.supervision = self.policy.supervision
            if same == self.policy {
                install(policy: policy)
                return 0
            }
        }
        if let calendar { self.calendar = calendar }
        install(policy: policy ?? self.policy)
        guard policy != nil else {
            return try storeCall { try store.recompute(calendarYears.map(RecomputeScope.calendar(years:)) ?? .all) }
        }
        return try recomputeUnderPolicy()
    }

    /// At start: puts `policy` (the profile chosen with `policy use`, or the default) in force, recomputing the
    /// deadlines only when the store's were computed under other rules (`rulesKey`); returns how many cases were
    /// recomputed. Before this record, a store with a chosen profile recomputed every case at every start, and a
    /// session's `policy set` stayed in the projections after the session.
    @discardableResult
    func adopt(policy: Policy, isDefault: Bool) throws(ShellError) -> Int {
        install(policy: policy)
        let (stored, index, cases) = try read { r in (try r.meta(Self.rulesKey), try r.meta(Self.indexKey), try r.lastNumber(.caseFile)) }
        // An index written by an older yuqing holds for the same rules what this one no longer would: once.
        if index != Self.indexVersion && cases > 0 { return try recomputeUnderPolicy() }
        // The usual start (default rules, never changed) decides without the digest: walking the policy and hashing
        // it would be paid at every start.
        if stored == nil && isDefault { return 0 }
        if stored == policy.deadlineDigest { return 0 }
        return try recomputeUnderPolicy()
    }

    /// The store's record of the rules its deadlines were computed under (`Policy.deadlineDigest`). Absent in a
    /// store whose deadlines were only ever computed under the default profile.
    static let rulesKey = SettingKeys.rulesDigest
    /// The form of the due index, raised when what it holds for the same rules changes; a store whose index is of
    /// another form (or none recorded, with cases) recomputes every case once at start. 2: a watch period (the
    /// follow-up) is held as met at its end, so `overdue` no longer lists an ended watch.
    static let indexKey = "projections.index"
    static let indexVersion = "2"

    private func install(policy: Policy) {
        self.policy = policy
        engine = ObligationEngine(policy: policy, calendar: calendar)
        store.projector = DueProjector(engine: engine)
    }

    /// Every case recomputed under the policy in force, then the record of it: written after the recompute, so a
    /// crash between the two leaves the old record and the next start recomputes again.
    private func recomputeUnderPolicy() throws(ShellError) -> Int {
        let n = try storeCall { try store.recompute(.all) }
        let digest = policy.deadlineDigest
        try storeCall { try store.write { tx in
            try tx.setMeta(Self.rulesKey, digest)
            try tx.setMeta(Self.indexKey, Self.indexVersion)
        } }
        return n
    }

    /// What a command that changed the rules says about the deadlines it recomputed.
    public static func recomputed(_ n: Int) -> Localized {
        Localized(zh: "已重算 \(n) 件案件的时限，其余案件的时限不受此变更影响。",
                  en: "Recomputed the deadlines of \(English.count(n, "case")); no other case's deadlines can move with this change.")
    }

    // MARK: store access with typed errors

    /// Runs a store call; whatever it throws (the store's errors, or a layer's error from inside a `write` body) is
    /// shown by its `YuqingError` conformance.
    @discardableResult
    func storeCall<T>(_ body: () throws -> T) throws(ShellError) -> T {
        try ShellError.at(nil, body)
    }

    /// A read inside another (a name looked up while a listing streams from a store cursor) uses the outer read's
    /// reader: SQLite's pool does not allow a read inside a read on the same thread (the process dies), and the
    /// inner read sees the same snapshot this way.
    func read<T>(_ body: (any StoreReader) throws -> T) throws(ShellError) -> T {
        if let outer = activeReader { return try storeCall { try body(outer) } }
        return try storeCall {
            try store.read { r in
                activeReader = r
                defer { activeReader = nil }
                return try body(r)
            }
        }
    }

    /// The reader of the read in progress on this workspace (set only while `read`'s body runs).
    private var activeReader: (any StoreReader)?

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

    /// `市公安局` in Chinese, `Public Security Bureau` in English; the code when unknown (or when the directory cannot
    /// be read: a name is never worth failing the answer it is part of).
    public func deptName(_ code: String?, _ lang: Language) -> String {
        guard let code else { return lang == .zh ? "（无）" : "(none)" }
        return deptName(code).text(lang)
    }

    /// A department's name in both languages (the code when unknown), for cells shown in the session's language.
    func deptName(_ code: String) -> Localized {
        ((try? directory()) ?? Directory([])).name(of: code)
    }

    /// The department answering for a case, inside parentheses of its own: `未认领` / `unclaimed` when none (not
    /// `（无）`, which read `（（无），未研判）` on a meeting's agenda).
    public func ownerName(_ code: String?, _ lang: Language) -> String {
        code == nil ? (lang == .zh ? "未认领" : "unclaimed") : deptName(code, lang)
    }

    public func caseFile(_ id: EntityID, range: SourceRange? = nil) throws(ShellError) -> CaseFile {
        try lookup(id, .caseFile, range: range) { () throws(ShellError) in try read { try $0.caseFile(id) } }
    }

    /// What `id` names, read by `fetch`, or the error a person needs: an id of another kind is a usage error
    /// (`M2 is not a case id (like C7)`), one that does not exist says which do (`cases run from C1 to C12`) or how to
    /// make the first. Cases and meetings are looked up this way.
    func lookup<T>(_ id: EntityID, _ kind: IDKind, range: SourceRange?,
                   _ fetch: () throws(ShellError) -> T?) throws(ShellError) -> T {
        let what = kind.name
        let example = kind == .meeting ? "M2" : "\(kind.rawValue)7"
        guard id.kind == kind else {
            throw ShellError(Localized(zh: "\(id) 不是\(what.zh)编号（应如 \(example)）", en: "\(id) is not a \(what.en) id (like \(example))"),
                             range: range, kind: .usage)
        }
        if let found = try fetch() { return found }
        // Only for the hint: a store that cannot say how many there are still gets the not-found error.
        let last = (try? read { try $0.lastNumber(kind) }) ?? 0
        let p = kind.rawValue
        let hint: Localized = switch (kind, last > 0) {
        case (.meeting, true) where last == 1: Localized(zh: "现有 M1，`meetings` 列出", en: "the only meeting is M1; `meetings` lists it")
        case (.meeting, true): Localized(zh: "现有 M1…M\(last)，`meetings` 列出", en: "meetings run from M1 to M\(last); `meetings` lists them")
        case (.meeting, false): Localized(zh: "还没有会商：用 `meeting open` 召开", en: "no meeting yet: `meeting open` starts one")
        case (_, true) where last == 1: Localized(zh: "现有 \(p)1", en: "the only \(what.en) is \(p)1")
        case (_, true): Localized(zh: "现有 \(p)1…\(p)\(last)", en: "\(what.en)s run from \(p)1 to \(p)\(last)")
        case (_, false): Localized(zh: "还没有案件：用 `collect` 收集", en: "there are no cases yet: `collect` one")
        }
        throw ShellError(Localized(zh: "没有\(what.zh) \(id)", en: "no \(what.en) \(id)"), range: range, hint: hint, kind: .notFound)
    }

    public func obligations(_ c: CaseFile, now: Instant) -> [Obligation] {
        engine.obligations(for: c.facts, now: now)
    }
}
