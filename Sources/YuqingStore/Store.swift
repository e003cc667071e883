import YuqingCore

/// The store: events are the truth, case and obligation projections are indexed caches rebuilt from them.
///
/// The protocol is free of SQLite-isms (brief section 6): ids, sequence numbers and hashes are computed by yuqing,
/// and time comes from the caller, so a PostgreSQL store can stand behind the same protocol later.
public protocol Store: AnyObject {
    /// Runs `body` as one atomic unit: every append in it happens, or none does. Inside `batch`, it is a
    /// savepoint of the batch's transaction, so a failed command still leaves nothing.
    func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T
    /// Runs many writes (a script) in few real transactions. `commitPoint()` inside it commits what is done so
    /// far (the shell calls it before printing, so no acknowledged output can be lost).
    ///
    /// Expected of every store (docs/reliability.md): a batch takes no write lock until its first write, so a
    /// script that only reads never waits for writers; a commit point lets other writers go first. When a commit
    /// (at a commit point or at the end) or a write fails for a reason of the storage (a full disk, an I/O error),
    /// nothing since the previous commit point is stored, and every later write and commit point of the batch
    /// throws — the shell then drops the answers it held and names the first command lost.
    func batch<T>(_ body: () throws -> T) throws -> T
    /// Commits the open batch's work so far; throws when it could not be stored (see `batch`).
    func commitPoint() throws
    func read<T>(_ body: (any StoreReader) throws -> T) throws -> T
    /// Recomputes every projection from the events (`store rebuild`), e.g. after the calendar or policy changed.
    func rebuild() throws
    /// `rebuild()` that reports how far it got (events read of the total work, see `StoreProgress`), for a
    /// progress line on long stores. A default implementation (no reports) is in `StoreProgress.swift`, so a store
    /// that has no cheap way to count needs nothing more.
    func rebuild(progress: StoreProgress?) throws
    /// Recomputes from their events the projections of the cases `scope` selects (after a calendar or policy
    /// change) and returns how many: the projections then equal those of `rebuild()` (see `RecomputeScope`).
    func recompute(_ scope: RecomputeScope) throws -> Int
    /// Walks the hash chain (`audit verify`).
    func verifyChain() throws -> AuditReport
    /// The projector turns a case into its due entries; it changes with the policy and the calendar.
    var projector: any CaseProjector { get set }
    /// Stamped on every event this store appends: the signed-in operator and the system clock for `recorded`
    /// (see `Attribution`). Nil trusts the caller's operator and times (drills, scratch stores, tests).
    var attribution: Attribution? { get set }
    /// Signs a checkpoint of the log's head with every commit that added events (see `Checkpoint`); nil signs none.
    var anchor: CheckpointAnchor? { get set }
    /// The database role the store is connected as (on PostgreSQL operators are database roles); nil for a
    /// file or memory.
    var currentRole: String? { get }
    /// A feed that says when anyone (this process or another) has committed to the store: what the live lines and
    /// `watch` wait on (see `StoreChangeFeed`). It has a connection of its own; close it when done.
    func changeFeed() throws -> any StoreChangeFeed
}

extension Store {
    public var currentRole: String? { nil }
}

extension StoreReader {
    public func forEachCase(_ query: CaseQuery, _ body: (CaseSummary) throws -> Void) throws {
        for c in try cases(query) { try body(c) }
    }

    public func forEachOpenDue(before: Instant, scope: DueScope, _ body: (DueEntry) throws -> Void) throws {
        for e in try openDues(before: before, limit: nil, scope: scope) { try body(e) }
    }

    /// The open entries of every case (the live lines' reminders choose theirs by `dept`; tests).
    public func openDues(before: Instant, limit: Int?) throws -> [DueEntry] {
        try openDues(before: before, limit: limit, scope: .city)
    }

    public func forEachExtensionRequest(all: Bool, visibleTo dept: String?, _ body: (ExtensionRequest) throws -> Bool) throws {
        for x in try extensionRequests(all: all, visibleTo: dept) { guard try body(x) else { return } }
    }

    public func forEachEvent(kinds: [EventKind], from: Instant, to: Instant, _ body: (Event) throws -> Void) throws {
        for e in try events(kinds: kinds, from: from, to: to) { try body(e) }
    }

    /// Every department's applications (`extensionRequests(all:visibleTo:)` of every case).
    public func extensionRequests(all: Bool) throws -> [ExtensionRequest] {
        try extensionRequests(all: all, visibleTo: nil)
    }
}

public protocol StoreReader {
    /// A case as its events make it: folded from the log, or taken from a cache of folds made in this process —
    /// never from a stored snapshot alone, which could have been edited without touching the events (permission and
    /// stage decisions read this).
    func caseFile(_ id: EntityID) throws -> CaseFile?
    /// The case's projection as stored, unchecked (`audit verify` compares it with the fold).
    func storedSnapshot(_ id: EntityID) throws -> CaseFile?
    /// The case's due rows as stored, unchecked, in no set order (`audit verify` compares them with the projector's
    /// rows for the fold: listings, `score` and `accountability` read this table). One indexed read (`dues_case`).
    func storedDues(_ id: EntityID) throws -> [DueEntry]
    /// Every signed checkpoint of the head, oldest first.
    func checkpoints() throws -> [Checkpoint]
    /// The case that already holds this post: URLs are compared by `PostURL.identity` (tracking parameters,
    /// mobile hosts and the scheme do not matter), so stores index the identity of every item's URL.
    func caseID(forURL url: String) throws -> EntityID?
    func events(forCase id: EntityID) throws -> [Event]
    func events(forSubject id: EntityID) throws -> [Event]
    /// Events in sequence order, from `seq` (inclusive), at most `limit`.
    func events(from seq: Int64, limit: Int) throws -> [Event]
    func lastSeq() throws -> Int64
    /// Built-in departments plus those saved with `dept add`.
    func directory() throws -> Directory
    /// The highest number used for ids of this kind (0 when none).
    func lastNumber(_ kind: IDKind) throws -> Int
    func cases(_ query: CaseQuery) throws -> [CaseSummary]
    /// The cases of `query`, in its order, handed to `body` one at a time as the store reads them, so an export
    /// of a million cases never holds them all (`cases --format csv`). SQLite reads them from a cursor; the
    /// default (memory, PostgreSQL) lists them first with `cases(_:)`.
    func forEachCase(_ query: CaseQuery, _ body: (CaseSummary) throws -> Void) throws
    func count(by field: CaseField, filter: CaseFilter?, now: Instant) throws -> [(key: String, count: Int)]
    /// Unmet due entries with a due time before `before`, earliest first (`due within`, `overdue`), of the cases or
    /// parties `scope` names, chosen in the query (a page of a department's entries is never cut from the city's).
    func openDues(before: Instant, limit: Int?, scope: DueScope) throws -> [DueEntry]
    /// The same entries handed to `body` one at a time as the store reads them (`overdue --format csv` on a city's
    /// store). SQLite reads them from a cursor; the default lists them first with `openDues`.
    func forEachOpenDue(before: Instant, scope: DueScope, _ body: (DueEntry) throws -> Void) throws
    /// Every due entry of a period for assessment (met or not).
    func dues(from: Instant, to: Instant) throws -> [DueEntry]
    func meta(_ key: String) throws -> String?
    /// How many events the log holds (the start-up board, `audit verify`'s progress).
    func eventCount() throws -> Int64
    /// Events of some kinds (`.patrolled`, `.meetingOpened`…) whose effective time lies in `[from, to)`, in sequence
    /// order: patrol logs and meeting lists without folding every case. A store selects them by the stored verb,
    /// which is the kind's raw value.
    func events(kinds: [EventKind], from: Instant, to: Instant) throws -> [Event]
    /// The same events handed to `body` one at a time as the store reads them, for a caller that keeps less than
    /// the events (`report monthly` counts a city's month, a hundred thousand steps, 170 MB as a list; `report daily`
    /// keeps log lines). SQLite reads their sequence numbers, then the rows by number; PostgreSQL a page at a time;
    /// the default (memory) lists them first.
    func forEachEvent(kinds: [EventKind], from: Instant, to: Instant, _ body: (Event) throws -> Void) throws
    /// The listed cases that exist, in the order of `ids` (for `show C1,C7`, meeting agendas).
    func cases(ids: [EntityID]) throws -> [CaseSummary]
    /// Extension applications in case order, then by number; pending ones only unless `all` (`extensions`).
    /// Read from an index kept with the cases, never by decoding every case. `visibleTo`: nil, of every case; a
    /// department's code, only those of the cases it sees — its own and those no department holds yet
    /// (`Access.visibleDepartment`), decided by the case's department in the query.
    func extensionRequests(all: Bool, visibleTo dept: String?) throws -> [ExtensionRequest]
    /// The same applications handed to `body` one at a time as the store reads them, until `body` returns false
    /// (`extensions --all` on a city's store). SQLite reads them from a cursor, PostgreSQL a page of 1,000 at a
    /// time; the default (memory) lists them first with `extensionRequests`.
    func forEachExtensionRequest(all: Bool, visibleTo dept: String?, _ body: (ExtensionRequest) throws -> Bool) throws
    /// The newest cases whose text (`CaseFile.searchText`) holds `query` as written, newest first, at most `limit`,
    /// with that text: what `search(_:limit:pool:)` ranks. Read from the search index in case order, so the cost
    /// follows `limit`, not how many cases hold the word. `visibleTo` as for `extensionRequests`: a department's
    /// people get the newest of the cases they see, the department tested in the query before the limit.
    func newestTexts(holding query: String, limit: Int, visibleTo dept: String?) throws -> [(id: EntityID, text: String)]

    // MARK: supervision (Art. 5, 6, 12, 13) — see `SupervisionQueries.swift`

    /// Due entries with a deadline in `(after, through]`, not waived and not of the rules `excluding` (watch periods,
    /// which nobody meets or misses), of the cases with no event logged after `asOf`, counted by department, rule id
    /// (without the instruction: `instruct`), outcome as of `asOf` (`DueOutcome.of`) and designation. Aggregated by
    /// the store, so a year on a million cases never comes into memory. (The other cases' entries now are not what
    /// was known at `asOf`: the caller folds them, see `casesChanged(after:)`.)
    /// `knownBy`: the logging time that counts (events logged after it are not known); `asOf` unless the session's
    /// clock is not the clock that dates the log (a simulated clock on a store stamped by the system clock).
    func dueOutcomes(after: Instant, through: Instant, asOf: Instant, knownBy: Instant, excluding: [String]) throws -> [OutcomeCount]
    /// Calls `body` with every late limit as of `asOf` whose deadline is in `(after, through]` — not waived, not of
    /// the rules `excluding`, of a case with no event logged after `asOf`, and done after the deadline (by `asOf`) or
    /// not done by `asOf` with the deadline at or before it — in the due index's order (deadline, case number,
    /// rule), streaming; `body` returns false to stop.
    func lateDues(after: Instant, through: Instant, asOf: Instant, knownBy: Instant, excluding: [String], _ body: (DueEntry) throws -> Bool) throws
    /// The cases that existed at `asOf` (an event logged by then) and have an event logged after it: the cases
    /// whose state now is not their state at `asOf`, in case order.
    func casesChanged(after asOf: Instant) throws -> [EntityID]
    /// Patrols (`patrolled` events) with an effective time in `[from, to)`, in log order, read without folding
    /// anything. `PatrolRecord.role` carries the actor's role, for the trainer rule of `SupervisionEvents`.
    func patrols(from: Instant, to: Instant) throws -> [PatrolRecord]
    /// The earliest effective time of an event of `kind` logged by `asOf`, if any (when the record starts).
    func firstEffective(kind: EventKind, loggedBy asOf: Instant) throws -> Instant?
}

public protocol StoreTransaction: StoreReader {
    /// Allocates the next id of a kind (`C8` after `C7`).
    func nextID(_ kind: IDKind) throws -> EntityID
    /// Numbers, chains and stores an event, then refreshes the projection of its case. When `expectedVersion`
    /// is given and the case has moved on since it was read, throws `StoreError.conflict`.
    @discardableResult
    func append(_ event: NewEvent, expectedVersion: Int?) throws -> Event
    func setMeta(_ key: String, _ value: String?) throws
}

/// Computes the due entries of a case from the policy and calendar in force. Supplied by the shell.
public protocol CaseProjector: Sendable {
    func dueEntries(for c: CaseFile) -> [DueEntry]
}

/// One obligation of a case in the index: what `due`, `overdue`, scoring and accountability read without folding
/// events.
public struct DueEntry: Hashable, Sendable, Codable {
    public var caseID: EntityID
    public var rule: String
    public var due: Instant?
    public var metAt: Instant?
    public var dept: String?
    public var waived: Bool
    /// The case was designated by the coordinators after its claim deadline (Art. 6).
    public var designated: Bool
    /// The case's level (nil until judged): accountability's threshold reads it.
    public var level: Level?
    /// The events that first reached the rule's start and end milestones: the evidence of a finding.
    public var startSeq: Int64?
    public var endSeq: Int64?
    public init(caseID: EntityID, rule: String, due: Instant?, metAt: Instant?, dept: String?, waived: Bool = false,
                designated: Bool = false, level: Level? = nil, startSeq: Int64? = nil, endSeq: Int64? = nil) {
        self.caseID = caseID
        self.rule = rule
        self.due = due
        self.metAt = metAt
        self.dept = dept
        self.waived = waived
        self.designated = designated
        self.level = level
        self.startSeq = startSeq
        self.endSeq = endSeq
    }
}

/// An extension application as the index holds it (`extensions`).
public struct ExtensionRequest: Hashable, Sendable {
    public enum State: String, Sendable {
        case pending, approved, rejected
    }
    public var id: EntityID
    public var caseID: EntityID
    /// The applying department, else the case's.
    public var dept: String?
    public var days: Int
    public var reason: String
    public var appliedAt: Instant
    public var state: State
    /// The working days granted, when approved.
    public var approvedDays: Int?

    public init(id: EntityID, caseID: EntityID, dept: String?, days: Int, reason: String, appliedAt: Instant,
                state: State, approvedDays: Int?) {
        self.id = id
        self.caseID = caseID
        self.dept = dept
        self.days = days
        self.reason = reason
        self.appliedAt = appliedAt
        self.state = state
        self.approvedDays = approvedDays
    }

    /// The index row of one of a case's extensions.
    public init(_ x: ExtensionRecord, of c: CaseFile) {
        let state: State
        var granted: Int?
        switch x.decision {
        case .pending: state = .pending
        case let .approved(_, days):
            state = .approved
            granted = days
        case .rejected: state = .rejected
        }
        self.init(id: x.id, caseID: c.id, dept: x.dept ?? c.dept, days: x.days, reason: x.reason,
                  appliedAt: x.appliedAt, state: state, approvedDays: granted)
    }
}

extension StoreReader {
    /// Every change of the user directory (`personSaved`), in log order: the shell folds them into its directory
    /// and `audit verify` replays them to check who made each.
    public func directoryChanges() throws -> [Event] { try everyEvent(of: .personSaved) }

    /// Every save of a department (`departmentSaved`), in log order: `audit verify` folds them and compares the fold
    /// with the stored `departments` table.
    public func departmentChanges() throws -> [Event] { try everyEvent(of: .departmentSaved) }

    /// Every change of the rules in force (`policyChanged`: `policy use`, `policy set`, `score formula`), in log
    /// order: `audit verify` checks the stored settings against them.
    public func policyChanges() throws -> [Event] { try everyEvent(of: .policyChanged) }

    /// Every event of `kind` in the whole log, whatever its effective time.
    private func everyEvent(of kind: EventKind) throws -> [Event] {
        try events(kinds: [kind], from: Instant(seconds: Int64.min / 4), to: Instant(seconds: Int64.max / 4))
    }

    /// Cases whose text holds `query` as written, best first: a match in the title (the text's first line) first,
    /// then the most occurrences, then the newest case; at most `limit`. Ranked among the newest `pool` cases that
    /// hold the query (`SearchResults.complete` says whether that was all of them): ranking every case that holds a
    /// common word (one case in three of a million) would read all their texts for one page. One ranking for every
    /// store, over the texts `newestTexts` hands back. `visibleTo`: a department's code, only the cases it sees (its
    /// own and the unclaimed, `Access.visibleDepartment`), chosen before the pool and the limit, so a liaison gets a
    /// full page of what they may see.
    public func search(_ query: String, limit: Int, pool: Int = SearchResults.pool, visibleTo dept: String? = nil) throws -> SearchResults {
        let pool = max(1, pool)
        let found = try newestTexts(holding: query, limit: pool + 1, visibleTo: dept)
        let scored = found.prefix(pool).map { f in
            (id: f.id, text: f.text, inTitle: query.isEmpty || SearchGrams.inFirstLine(query, f.text),
             count: SearchGrams.occurrences(of: query, in: f.text).count)
        }.sorted { a, b in
            if a.inTitle != b.inTitle { return a.inTitle }
            if a.count != b.count { return a.count > b.count }
            return a.id.number > b.id.number
        }.prefix(max(0, limit))
        let summaries = try cases(ids: scored.map(\.id))
        var byID: [EntityID: CaseSummary] = [:]
        for s in summaries { byID[s.id] = s }
        let hits = scored.compactMap { f in byID[f.id].map { SearchHit(summary: $0, text: f.text) } }
        return SearchResults(hits: hits, ranked: min(found.count, pool), complete: found.count <= pool)
    }
}

/// What `search` found: the best hits, and how many matching cases were ranked for them.
public struct SearchResults: Hashable, Sendable {
    /// How many of the newest matching cases `search` ranks by default.
    public static let pool = 2_000
    public var hits: [SearchHit]
    /// How many matching cases were ranked (at most the pool).
    public var ranked: Int
    /// Every case holding the query was ranked; false when older ones were left out (more than the pool).
    public var complete: Bool
}

/// A case found by `search`, with the text it was found in (for the highlighted excerpt).
public struct SearchHit: Hashable, Sendable {
    public var summary: CaseSummary
    public var text: String
    public init(summary: CaseSummary, text: String) {
        self.summary = summary
        self.text = text
    }
}

/// A case as listed by queries: the indexed columns of the projection.
/// Whose open deadlines a query reads.
public enum DueScope: Sendable, Equatable {
    /// Every case's.
    case city
    /// Those of the cases a department sees — its own and those no department holds yet (`Access.maySee`), decided
    /// by the case's department, not by who answers for the entry (`overdue`, `due`, the start-up board).
    case casesOf(String)
    /// Those a department answers for (the entry's `dept`: its cases' own deadlines, the claims suggested to it; the
    /// `watch` board of a department).
    case answeredBy(String)

    /// `casesOf` a `visibleDepartment`; nil sees the city.
    public static func visible(to dept: String?) -> DueScope { dept.map(DueScope.casesOf) ?? .city }
}

public struct CaseSummary: Hashable, Sendable {
    public var id: EntityID
    public var title: String
    public var url: String?
    public var stage: Stage
    public var dept: String?
    public var level: Level?
    public var source: Source
    public var category: Category?
    public var historical: Bool
    public var designated: Bool
    public var collectedAt: Instant
    public var claimedAt: Instant?
    /// The earliest unmet, unwaived due time.
    public var nextDue: Instant?
    public var nextDueRule: String?
    public init(id: EntityID, title: String, url: String?, stage: Stage, dept: String?, level: Level?, source: Source,
                category: Category?, historical: Bool, designated: Bool, collectedAt: Instant, claimedAt: Instant?,
                nextDue: Instant?, nextDueRule: String?) {
        self.id = id
        self.title = title
        self.url = url
        self.stage = stage
        self.dept = dept
        self.level = level
        self.source = source
        self.category = category
        self.historical = historical
        self.designated = designated
        self.collectedAt = collectedAt
        self.claimedAt = claimedAt
        self.nextDue = nextDue
        self.nextDueRule = nextDueRule
    }
}

/// The fields a query can filter, order and count by.
public enum CaseField: String, Sendable, CaseIterable {
    case id, title, url, stage, dept, level, source, category, historical, designated, collected, claimed, due
    /// Not a column: true when the next due time has passed (`now` comes with the query).
    case overdue
    /// Not a column: everything searchable in the case (`CaseFile.searchText`), for `text ~ 水质` only.
    case text
}

public enum CompareOp: String, Sendable {
    case eq = "=", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">="

    /// `<`, `<=`, `>`, `>=`: these need a value to order by, so `null` cannot stand on their right.
    public var isOrdering: Bool { self != .eq && self != .ne }
}

public enum FilterValue: Hashable, Sendable {
    case text(String)
    case integer(Int)
    case time(Instant)
    case bool(Bool)
    case null
}

/// A query's condition, compiled to SQL by the SQLite store and evaluated directly by the memory store.
public indirect enum CaseFilter: Sendable {
    case and(CaseFilter, CaseFilter)
    case or(CaseFilter, CaseFilter)
    case not(CaseFilter)
    case compare(CaseField, CompareOp, FilterValue)
    /// Substring match (`title ~ 水质`).
    case contains(CaseField, String)
    case oneOf(CaseField, [FilterValue])
}

public struct CaseQuery: Sendable {
    public var filter: CaseFilter?
    public var order: [(field: CaseField, descending: Bool)]
    public var limit: Int?
    /// What `overdue` is measured against.
    public var now: Instant
    public init(filter: CaseFilter? = nil, order: [(field: CaseField, descending: Bool)] = [], limit: Int? = nil,
                now: Instant) {
        self.filter = filter
        self.order = order
        self.limit = limit
        self.now = now
    }
}

/// What `audit verify` found.
public struct AuditReport: Hashable, Sendable {
    public var checked: Int64
    /// The first event whose stored hash or link does not match its content, if any.
    public var firstBroken: Int64?
    public var reason: String?
    /// The kind of damage at `firstBroken`, for messages in both languages.
    public var problem: AuditProblem?
    public init(checked: Int64, firstBroken: Int64?, reason: String?, problem: AuditProblem? = nil) {
        self.checked = checked
        self.firstBroken = firstBroken
        self.reason = reason
        self.problem = problem
    }
    public var isIntact: Bool { firstBroken == nil }
}

/// How an event fails verification.
public enum AuditProblem: String, Hashable, Sendable {
    /// The stored hash does not match the event's content: a column of this event (or its hash) was edited.
    case contentAltered = "content-altered"
    /// `prevHash` does not name the previous event's hash: an event before it was edited, removed or inserted.
    case linkBroken = "link-broken"
    /// Sequence numbers are not 1, 2, 3…: events were deleted or renumbered.
    case sequenceGap = "sequence-gap"
    /// A stored column cannot be read back (an unknown role, an unparsable id).
    case unreadable

    public var message: Localized {
        switch self {
        case .contentAltered: Localized(zh: "事件内容与其哈希不符（该事件被改动）",
                                        en: "the event's content does not match its hash (the event was altered)")
        case .linkBroken: Localized(zh: "事件未链接到前一事件的哈希（前面的事件被改动、删除或插入）",
                                    en: "the event does not link to the previous event's hash (an earlier event was altered, removed or inserted)")
        case .sequenceGap: Localized(zh: "事件序号不连续（有事件被删除）",
                                     en: "sequence numbers are not contiguous (events were removed)")
        case .unreadable: Localized(zh: "事件的字段无法读取", en: "a column of the event cannot be read")
        }
    }
}

/// Why the store refused or failed. Mapped by cause to what the user can do: a bad query or store address is a usage
/// error, a busy store or a concurrent change a conflict (retry), an unknown case not found; the rest are failures
/// of the store.
public enum StoreError: YuqingError, Equatable {
    /// The case changed since it was read (another shell acted first).
    case conflict(caseID: EntityID, expected: Int, actual: Int)
    case unknownCase(EntityID)
    case corrupt(String)
    case io(String)
    /// Another shell kept the store busy longer than the bounded wait; nothing of the command was done.
    case busy(String)
    /// A query names a value its field cannot hold (`stage < foo`, `collected = "abc"`).
    case badQuery(String)
    /// The store was used against its contract (an event for a case that does not exist, a second `collected`).
    case misuse(String)
    /// `--db` / `YUQING_DB` names no store yuqing can open (a malformed `postgres://` URL).
    case badLocation(String)
    /// A server's schema is older than this yuqing and the connected role may not migrate it (only the owner may).
    case schemaBehind(pending: [String])
    /// The id counter would hand out an id the log already holds: it was set back by hand (`ids`). Nothing is written.
    case idTaken(EntityID)
    /// `store rebuild` ran out of disk space: in SQLite's temporary folder (where it sorts and builds the full-text
    /// index) or beside the store (its write-ahead log). It rolled back whole; the store is as it was.
    case noRoomToRebuild(temporary: String, store: String)

    public var message: Localized {
        switch self {
        case let .conflict(id, _, _):
            Localized(zh: "\(id) 刚被另一处修改，本次操作未执行；请重新查看后再试",
                      en: "\(id) was changed by someone else meanwhile; nothing was done — look at it again and retry")
        case let .unknownCase(id):
            Localized(zh: "没有案件 \(id)", en: "no case \(id)")
        case let .corrupt(s):
            Localized(zh: "数据库内容损坏：\(s)", en: "the store is corrupt: \(s)")
        case let .io(s):
            Localized(zh: "数据库读写失败：\(s)", en: "the store could not be read or written: \(s)")
        case let .busy(s):
            Localized(zh: "数据库正被另一处占用，等待超时：\(s)", en: "the store stayed busy (another shell is writing): \(s)")
        case let .badQuery(s):
            Localized(zh: "查询条件无效：\(s)", en: "invalid query: \(s)")
        case let .misuse(s):
            Localized(zh: "数据库使用错误：\(s)", en: "the store was misused: \(s)")
        case let .badLocation(s):
            Localized(zh: "数据库地址无效：\(s)", en: "invalid store address: \(s)")
        case let .schemaBehind(pending):
            Localized(zh: "数据库结构比此版本的 yuqing 旧（待执行的迁移：\(pending.joined(separator: "、"))），当前角色无权升级：请数据库所有者先用此版本打开一次（docs/deploy.md 第 2 节），之后各工作台即可使用",
                      en: "the store's schema is older than this yuqing (pending migrations: \(pending.joined(separator: ", "))) and this role may not upgrade it: the owner opens it once with this version first (docs/deploy.md, section 2), then every desk can use it")
        case let .idTaken(id):
            Localized(zh: "\(id.kind.name.zh)编号计数器被改动过：下一个编号 \(id) 在日志中已经使用，本次操作未执行（`audit verify` 会指出；请管理员执行 `store rebuild`，由日志重设计数器）",
                      en: "the \(id.kind.name.en) id counter was set back: the next id, \(id), is already in the log, so nothing was done (`audit verify` reports it; an administrator's `store rebuild` sets the counters from the log again)")
        case let .noRoomToRebuild(temporary, store):
            Localized(zh: "磁盘空间不足，重建未完成，数据库保持原样：重建在临时目录 \(temporary) 中排序并生成全文索引（每百万案件约需 300 MB），并在数据库所在目录 \(store) 写预写日志（WAL）。请腾出空间，或用环境变量 SQLITE_TMPDIR 指定空间充足的目录，再执行 store rebuild",
                      en: "no room on disk: the rebuild did not finish and the store is as it was. It sorts and builds the full-text index in the temporary folder \(temporary) (about 300 MB per million cases) and its write-ahead log (WAL) beside the store in \(store); free some space, or point SQLITE_TMPDIR at a folder with room, and run store rebuild again")
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .conflict, .busy: .conflict
        case .unknownCase: .notFound
        case .badQuery, .badLocation: .usage
        case .corrupt, .io, .misuse, .schemaBehind, .noRoomToRebuild: .internal
        case .idTaken: .data
        }
    }
}
