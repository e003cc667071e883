import YuqingCore

/// A head as printed on a paper report (`1234:ab12…`), to check against the store (`audit verify --against`).
public struct PrintedHead: Hashable, Sendable {
    public var count: Int64
    /// The hash, or the first characters of it as printed (at least 12).
    public var hash: String

    /// Reads `COUNT:HASH`; nil when it is not of that shape.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let n = Int64(parts[0]), n > 0 else { return nil }
        let h = parts[1].lowercased()
        guard h.count >= 12, h.count <= 64, h.allSatisfy({ $0.isHexDigit }) else { return nil }
        count = n
        hash = h
    }
}

/// One thing `audit verify` found wrong.
public struct AuditFinding: Hashable, Sendable {
    public enum Kind: String, Sendable {
        /// The hash chain itself is broken (an edited, removed or inserted event).
        case chain
        /// A checkpoint's signature does not verify, or it was signed by a key that is not this installation's.
        case signature
        /// The log is shorter than a checkpoint says: its newest events were removed.
        case truncated
        /// An event's hash differs from a checkpoint's head: the log was rewritten with recomputed hashes.
        case rewritten
        /// Events after the newest checkpoint: appended by something that does not sign (not yuqing).
        case unanchored
        /// A case's stored projection differs from the fold of its events.
        case projection
        /// The printed head given with `--against` does not match.
        case printedHead
        /// A directory change (a login given, a signing-in person changed) that no administrator made.
        case directory
        /// A case event that yuqing's permission check would have refused its operator (`AccessReplay`).
        case unauthorized
    }
    public var kind: Kind
    public var message: Localized
    public init(_ kind: Kind, _ message: Localized) {
        self.kind = kind
        self.message = message
    }
}

/// What `audit verify` found: the chain, the checkpoints, the witness, the projections and a printed head.
public struct StoreAuditReport: Hashable, Sendable {
    public var chain: AuditReport
    /// Events in the log and the hash of the last one.
    public var count: Int64
    public var head: String?
    public var checkpoints: Int
    /// How many keys signed the checkpoints (on a server, each desk signs with its own).
    public var signers = 0
    /// The newest checkpoint that verified.
    public var latest: Checkpoint?
    public var casesChecked: Int
    public var findings: [AuditFinding]
    /// Remarks that are not failures (a store from before checkpoints).
    public var notes: [Localized]

    public var isIntact: Bool { findings.isEmpty }
}

/// `audit verify`: everything a store can show about its own integrity.
///
/// - the hash chain (each backend walks its rows: `Store.verifyChain`);
/// - every checkpoint: its signature, its signer (this installation's key when one is given), and that event
///   `count` of the log still has the hash it signed — a log shorter than a checkpoint lost its newest events, a
///   different hash means the chain was rewritten;
/// - the witness file's checkpoint, the same way (it survives the checkpoints table being cut back too);
/// - events after the newest checkpoint, which no yuqing commit leaves;
/// - each case's stored projection against the fold of its events;
/// - optionally a head printed on paper.
public enum StoreAudit {
    public static func verify(_ store: any Store, against printed: PrintedHead? = nil,
                              progress: StoreProgress? = nil) throws -> StoreAuditReport {
        let chain = try store.verifyChain()
        var findings: [AuditFinding] = []
        var notes: [Localized] = []
        if let bad = chain.firstBroken {
            findings.append(AuditFinding(.chain, Localized(
                zh: "第 \(bad) 号事件不符：\(chain.problem?.message.zh ?? chain.reason ?? "")",
                en: "event \(bad) does not match: \(chain.problem?.message.en ?? chain.reason ?? "")")))
        }
        let trusted = store.anchor?.signer.publicKey
        let (count, head, checkpoints, lastCase) = try store.read { r -> (Int64, String?, [Checkpoint], Int) in
            let n = try r.lastSeq()
            return (n, n > 0 ? try r.events(from: n, limit: 1).first?.hash : nil, try r.checkpoints(),
                    try r.lastNumber(.caseFile))
        }
        func hash(at seq: Int64) throws -> String? {
            try store.read { try $0.events(from: seq, limit: 1).first }.flatMap { $0.seq == seq ? $0.hash : nil }
        }
        /// Checks one checkpoint against the log; returns false when it does not hold.
        func check(_ c: Checkpoint, _ origin: Localized) throws -> Bool {
            guard c.hasValidSignature else {
                findings.append(AuditFinding(.signature, Localized(
                    zh: "\(origin.zh)（\(c.count) 条事件，\(c.at)）的签名无效：检查点被改动",
                    en: "the signature of \(origin.en) (\(c.count) events, \(c.at)) does not verify: the checkpoint was altered")))
                return false
            }
            if let trusted, c.key != trusted, store.anchor?.sharedByDesks != true {
                findings.append(AuditFinding(.signature, Localized(
                    zh: "\(origin.zh)（\(c.count) 条事件，\(c.at)）由另一把密钥 \(c.key.prefix(16))… 签名，不是本机的密钥",
                    en: "\(origin.en) (\(c.count) events, \(c.at)) was signed by another key \(c.key.prefix(16))…, not this installation's")))
                return false
            }
            if c.count > count {
                findings.append(AuditFinding(.truncated, Localized(
                    zh: "日志只有 \(count) 条事件，但 \(c.at) 签名的\(origin.zh)记载了 \(c.count) 条：最新的 \(c.count - count) 条事件被删除",
                    en: "the log ends at event \(count), but \(origin.en) signed \(c.at) covers \(c.count): the newest \(c.count - count) events were removed")))
                return false
            }
            if try hash(at: c.count) != c.head {
                findings.append(AuditFinding(.rewritten, Localized(
                    zh: "第 \(c.count) 号事件的哈希与 \(c.at) 签名的\(origin.zh)不符：日志被改写（哈希被重新计算）",
                    en: "event \(c.count)'s hash differs from \(origin.en) signed \(c.at): the log was rewritten (hashes recomputed)")))
                return false
            }
            return true
        }
        var latest: Checkpoint?
        for c in checkpoints where try check(c, Localized(zh: "检查点", en: "the checkpoint")) {
            if c.count >= (latest?.count ?? 0) { latest = c }
        }
        let witnessOrigin = Localized(zh: "库外见证文件中的检查点", en: "the witness file's checkpoint")
        switch store.anchor?.readWitness() {
        case let .found(w)?:
            if try check(w, witnessOrigin), w.count > (checkpoints.last?.count ?? 0) {
                findings.append(AuditFinding(.truncated, Localized(
                    zh: "见证文件记载了 \(w.count) 条事件，比数据库中最新的检查点还新：检查点被删除",
                    en: "the witness file covers \(w.count) events, newer than any checkpoint in the store: checkpoints were removed")))
            }
        case .unreadable?:
            findings.append(AuditFinding(.signature, Localized(
                zh: "见证文件 \(store.anchor?.witnessPath ?? "") 不是检查点：它被改动",
                en: "the witness file \(store.anchor?.witnessPath ?? "") does not hold a checkpoint: it was altered")))
        case .missing?:
            // Every commit that signs a checkpoint rewrites the witness beside an SQLite store: signed checkpoints
            // without it mean it was removed — with it, the newest events and their checkpoints could go unnoticed.
            if store.anchor?.witnessRequired == true, !checkpoints.isEmpty {
                findings.append(AuditFinding(.truncated, Localized(
                    zh: "见证文件 \(store.anchor?.witnessPath ?? "") 不见了，而数据库中有签名检查点：它被删除（最新的事件可能连同检查点一起被删除）",
                    en: "the witness file \(store.anchor?.witnessPath ?? "") is missing while the store holds signed checkpoints: it was removed (the newest events may have been removed with their checkpoints)")))
            }
        case nil:
            break
        }
        if let last = checkpoints.last, count > last.count {
            findings.append(AuditFinding(.unanchored, Localized(
                zh: "第 \(last.count + 1)–\(count) 号事件之后没有签名检查点：它们不是经由 yuqing 写入的",
                en: "events \(last.count + 1)–\(count) come after the newest signed checkpoint: they were not written by yuqing")))
        } else if checkpoints.isEmpty && count > 0 {
            // Events that record their operator (the v2 form) are written only by versions that sign every commit:
            // a log ending in one with no checkpoint at all lost its checkpoints, not a store from before them.
            let newest = try store.read { try $0.events(from: count, limit: 1).first }
            if store.anchor != nil, newest?.recordedBy != nil {
                findings.append(AuditFinding(.truncated, Localized(
                    zh: "第 \(count) 号事件记录了操作员（只有签署检查点的版本才这样写），但数据库中没有任何签名检查点：检查点被删除",
                    en: "event \(count) records its operator (only versions that sign checkpoints write it so), but the store holds no signed checkpoint: the checkpoints were removed")))
            } else {
                notes.append(Localized(zh: "还没有签名检查点（旧版本建立的数据库）：下一次修改时会签署第一个",
                                       en: "no signed checkpoint yet (a store from an earlier version): the next change signs the first"))
            }
        }
        let directory = DirectoryReplay(try store.read { try $0.directoryChanges() })
        verifyDirectory(directory, into: &findings)
        try verifyDepartments(store, into: &findings)
        try verifySettings(store, into: &findings)
        let logged = try checkCounters(store, counter: lastCase, into: &findings)
        let cases = try verifyProjections(store, lastCase: logged, directory: directory, progress: progress,
                                          into: &findings)
        if let p = printed {
            let at = try hash(at: p.count)
            if p.count > count {
                findings.append(AuditFinding(.printedHead, Localized(
                    zh: "打印的链头记载了 \(p.count) 条事件，日志只有 \(count) 条：事件被删除",
                    en: "the printed head covers \(p.count) events, the log has \(count): events were removed")))
            } else if let at, !at.hasPrefix(p.hash) {
                findings.append(AuditFinding(.printedHead, Localized(
                    zh: "第 \(p.count) 号事件的哈希 \(at.prefix(16))… 与打印的 \(p.hash.prefix(16))… 不符：日志被改写",
                    en: "event \(p.count)'s hash \(at.prefix(16))… differs from the printed \(p.hash.prefix(16))…: the log was rewritten")))
            }
        }
        var report = StoreAuditReport(chain: chain, count: count, head: head, checkpoints: checkpoints.count, latest: latest,
                                      casesChecked: cases, findings: findings, notes: notes)
        report.signers = Set(checkpoints.map(\.key)).count
        return report
    }

    /// Replays the directory's changes and names each that no administrator made (`People.unauthorizedChanges`): a
    /// chain and signatures show that the log was not altered after the fact, not that every event in it was
    /// allowed; a change of who may sign in, and as what, is the one that would hand over the rest.
    static func verifyDirectory(_ directory: DirectoryReplay, into findings: inout [AuditFinding]) {
        for e in directory.unauthorized {
            guard case let .personSaved(p) = e.body, let by = e.recordedBy?.login else { continue }
            let who = p.login.map { "\(p.name)（\($0)）" } ?? p.name
            let whoEN = p.login.map { "\(p.name) (\($0))" } ?? p.name
            findings.append(AuditFinding(.directory, Localized(
                zh: "第 \(e.seq) 号事件改动了用户 \(who)（\(p.role.name.zh)\(p.disabled ? "，停用" : "")），记录者 \(by) 当时不是管理员：这条事件不是经由 yuqing 的权限检查写入的",
                en: "event \(e.seq) changed the user \(whoEN) (\(p.role.name.en)\(p.disabled ? ", disabled" : "")), recorded by \(by), who was not an administrator then: it was not written through yuqing's permission check")))
        }
    }

    /// The stored settings (`meta`) that decide what yuqing computes, against the log. `policy`: the profile put in
    /// force at every start, whose rules every deadline is computed under — a desk's role setting it (PostgreSQL grants
    /// UPDATE on `meta`) would move every case's deadlines at the next start, recomputed by yuqing itself, so the due
    /// rows would then agree with the rules in force; it must be what the log's last `policy use` chose (a built-in
    /// profile's name, or a file's text with the SHA-256 the event records). `projections.rules`: the digest of the
    /// rules the deadlines were computed under, which decides whether a start recomputes them; it must be the
    /// digest of the rules in force (absent: the default profile). The other keys decide nothing the log vouches
    /// for (docs/security.md §6).
    static func verifySettings(_ store: any Store, into findings: inout [AuditFinding]) throws {
        let (changes, policy, digest, formula) = try store.read { r in
            (try r.policyChanges(), try r.meta(SettingKeys.policy), try r.meta(SettingKeys.rulesDigest),
             try r.meta(SettingKeys.scoreFormula))
        }
        var chosen: (seq: Int64, name: String, fingerprint: String?)?
        // The last `score formula`: its event (nil: none) and the SHA-256 of the text it stored ("" when reset;
        // nil: written before events recorded it, which says nothing either way).
        var formulaSet: (seq: Int64, fingerprint: String?)?
        for e in changes {
            if case let .policyChanged(name, fingerprint, source) = e.body, name == SettingKeys.scoreFormula, source == nil {
                formulaSet = (e.seq, fingerprint)
                continue
            }
            // `policy use NAME` records the name alone, `policy use FILE` the file's fingerprint; `policy set` (a
            // session's change, its line as the source) and `score formula` leave the stored profile as it was.
            guard case let .policyChanged(name, fingerprint, source) = e.body,
                  fingerprint != nil || (source == nil && name != SettingKeys.scoreFormula) else { continue }
            chosen = (e.seq, name, fingerprint)
        }
        func shown(_ v: String?) -> String {
            guard let v else { return "NULL" }
            guard v.hasPrefix("file:") else { return v }
            return "file: … (sha256 \(SHA256Text.hex(String(v.dropFirst(5))).prefix(12)))"
        }
        let holds: Bool
        switch (chosen, policy) {
        case (nil, nil): holds = true
        case let (c?, stored?) where c.fingerprint != nil:
            holds = stored.hasPrefix("file:") && SHA256Text.hex(String(stored.dropFirst(5))) == c.fingerprint
        case let (c?, stored?): holds = stored == c.name
        default: holds = false
        }
        if !holds {
            let expected = chosen.map { c in c.fingerprint.map { "file: … (sha256 \($0.prefix(12)))" } ?? c.name } ?? "NULL"
            let by = chosen.map { Localized(zh: "日志中最后一次 policy use（第 \($0.seq) 号事件）", en: "the log's last policy use (event \($0.seq))") }
                ?? Localized(zh: "日志中没有 policy use", en: "the log holds no policy use")
            findings.append(AuditFinding(.projection, Localized(
                zh: "设置表（meta）的 policy 存为 \(shown(policy))，应为 \(expected)（\(by.zh)）：表被改动，下次启动将按它重算全部时限；请管理员重新执行 policy use",
                en: "the settings table (meta) holds policy = \(shown(policy)), expected \(expected) (\(by.en)): the table was edited, and the next start would recompute every deadline under it; an administrator should run policy use again")))
        }
        let formulaHolds = switch formulaSet {
        case nil: formula == nil
        case let (_, fingerprint?)?: SHA256Text.hex(formula ?? "") == fingerprint
        case (_, nil)?: true
        }
        if !formulaHolds {
            let by = formulaSet.map { Localized(zh: "日志中最后一次 score formula（第 \($0.seq) 号事件）记下的不是它", en: "not what the log's last score formula (event \($0.seq)) stored") }
                ?? Localized(zh: "日志中没有 score formula", en: "the log holds no score formula")
            findings.append(AuditFinding(.projection, Localized(
                zh: "设置表（meta）的 \(SettingKeys.scoreFormula) 存为 \(formula.map { "sha256 \(SHA256Text.hex($0).prefix(12))" } ?? "NULL")，\(by.zh)：表被改动，score 与月报按它计分；请管理员重新执行 score formula",
                en: "the settings table (meta) holds \(SettingKeys.scoreFormula) = \(formula.map { "sha256 \(SHA256Text.hex($0).prefix(12))" } ?? "NULL"), \(by.en): the table was edited, and score and the monthly report compute with it; an administrator should run score formula again")))
        }
        guard let rules = (store.projector as? DueProjector)?.engine.policy else { return }
        let inForce = rules.deadlineDigest
        if digest.map({ $0 != inForce }) ?? (inForce != Policy.mingguang.deadlineDigest) {
            findings.append(AuditFinding(.projection, Localized(
                zh: "设置表（meta）的 \(SettingKeys.rulesDigest) 存为 \(digest.map { String($0.prefix(12)) } ?? "NULL")，而现行规则的摘要是 \(inForce.prefix(12))：表被改动（它决定启动时是否重算时限；下次启动会按现行规则重算全部时限并重新记下它）",
                en: "the settings table (meta) holds \(SettingKeys.rulesDigest) = \(digest.map { String($0.prefix(12)) } ?? "NULL"), but the rules in force digest to \(inForce.prefix(12)): the table was edited (it decides whether a start recomputes the deadlines; the next start recomputes every deadline under the rules in force and records it again)")))
        }
    }

    /// Checks every id counter against the log (a finding for each set back) and returns the highest case the log
    /// holds events for, looking past the `ids` counter: the counter is a table like the
    /// projections, and one set back would hide every case above it from the refold below (and make the next
    /// `collect` collide with a case of the log, which the allocator refuses: `StoreError.idTaken`). Ids handed out
    /// by a write that stored nothing leave short gaps, so a run of 64 numbers without events ends the search. The
    /// other counters (meetings, extension applications, instructions) are checked the same way, against the
    /// events filed under each id (`subject`).
    static func checkCounters(_ store: any Store, counter: Int, into findings: inout [AuditFinding]) throws -> Int {
        for kind in IDKind.allCases where kind != .caseFile {
            let counter = try store.read { try $0.lastNumber(kind) }
            let last = try lastInLog(store, kind, counter: counter)
            if last > counter { findings.append(counterFinding(EntityID(kind, counter), last: EntityID(kind, last))) }
        }
        let last = try lastInLog(store, .caseFile, counter: counter)
        if last > counter { findings.append(counterFinding(EntityID(.caseFile, counter), last: EntityID(.caseFile, last))) }
        return last
    }

    /// The highest id of `kind` the log holds events for, looking from `counter` on.
    static func lastInLog(_ store: any Store, _ kind: IDKind, counter: Int) throws -> Int {
        var last = counter, n = counter
        while n < last + 64 {
            n += 1
            let id = EntityID(kind, n)
            if try store.read({ try !(kind == .caseFile ? $0.events(forCase: id) : $0.events(forSubject: id)).isEmpty }) {
                last = n
            }
        }
        return last
    }

    private static func counterFinding(_ counter: EntityID, last: EntityID) -> AuditFinding {
        AuditFinding(.projection, Localized(
            zh: "\(counter.kind.name.zh)编号计数器停在 \(counter)，但日志中有 \(last) 的事件（计数器被改动，下一个编号会与日志中的重复，yuqing 拒绝分配；`store rebuild` 可由事件重建）",
            en: "the \(counter.kind.name.en) id counter stands at \(counter), but the log holds events of \(last) (the counter was edited: the next id would be one the log holds, which yuqing refuses to hand out; `store rebuild` recomputes it from the events)"))
    }

    /// Folds the `dept` events over the built-in departments and compares the fold with the stored `departments`
    /// table, which a desk's role may write on PostgreSQL: a department made a coordinating office or dropped from
    /// the members (and so from the assessment) with no event behind it is an edited projection. Compared by code:
    /// the table lists a department re-saved later in the order of its newest save, the fold in that of its first.
    static func verifyDepartments(_ store: any Store, into findings: inout [AuditFinding]) throws {
        let (saved, stored) = try store.read { r in
            (try r.departmentChanges(), try r.directory())
        }
        var folded = Directory()
        for e in saved { if case let .departmentSaved(d) = e.body { folded.save(d) } }
        let expected = Dictionary(folded.departments.map { ($0.code, $0) }, uniquingKeysWith: { $1 })
        let actual = Dictionary(stored.departments.map { ($0.code, $0) }, uniquingKeysWith: { $1 })
        let edited = Set(expected.keys).union(actual.keys).filter { expected[$0] != actual[$0] }.sorted()
        guard !edited.isEmpty else { return }
        let list = edited.joined(separator: ", ")
        findings.append(AuditFinding(.projection, Localized(
            zh: "部门表与其事件不符：\(list)（部门表被改动；`store rebuild` 可由事件重建）",
            en: "the departments table does not match its events: \(list) (the table was edited; `store rebuild` recomputes it from the events)")))
    }

    /// Folds each case's events and compares the fold with the stored snapshot, and every row the projection tables
    /// file under the case with the rows `store rebuild` would write for the fold (`ProjectionTable`: the case row,
    /// the due rows with their logging times, the extension applications, the post identities, the search text),
    /// one statement a case; then that no table holds rows under no case of the log (`verifyNoStrayRows`). On the
    /// way, replays the permission check on each event (`AccessReplay`), with the directory of its moment. All in
    /// one read: on SQLite one snapshot, so a write made meanwhile cannot look like an edit.
    static func verifyProjections(_ store: any Store, lastCase: Int, directory: DirectoryReplay, progress: StoreProgress?,
                                  into findings: inout [AuditFinding]) throws -> Int {
        var ticker = ProgressTicker(progress, total: Int64(lastCase))
        defer { ticker.finish() }
        var checked = 0
        var reported = 0
        var refused = 0
        let deptNames = try store.read { try $0.directory() }.names
        func report(_ f: AuditFinding) {
            reported += 1
            if reported <= 20 { findings.append(f) }
        }
        try store.read { r in
            let tables = r as? any StoredProjectionReader
            let grams = tables?.storesGrams ?? false
            // The rows the per-case reads saw, and of `case_urls` (read by post identity) how many under each case.
            var seen: [ProjectionTable: Int] = [:]
            var urlsSeen = [Int32](repeating: 0, count: lastCase + 1)
            // The cases with a search text, each of which has one entry in a separate search index.
            var indexed = [Bool](repeating: false, count: lastCase + 1)
            func stored(_ id: EntityID, urls: [String]) throws -> ProjectionRows {
                let rows = try tables?.storedProjection(id, urls: urls) ?? ProjectionRows()
                for (t, list) in rows.tables { seen[t, default: 0] += list.count }
                urlsSeen[id.number] = Int32(rows.tables[.caseURLs]?.count ?? 0)
                return rows
            }
            for n in stride(from: 1, through: lastCase, by: 1) {
                let id = EntityID(.caseFile, n)
                let events = try r.events(forCase: id)
                let snapshot = try? r.storedSnapshot(id)
                ticker.tick()
                guard let first = events.first else {
                    let rows = try stored(id, urls: [])
                    if snapshot != nil || rows.count > 0 {
                        let where_ = rows.tables.keys.sorted { $0.rawValue < $1.rawValue }.map(\.title)
                        report(AuditFinding(.projection, Localized(
                            zh: "案件 \(id) 在投影中存在（\(where_.map(\.zh).joined(separator: "、"))），但没有任何事件（`store rebuild` 可由事件重建）",
                            en: "case \(id) is in the projection (\(where_.map(\.en).joined(separator: ", "))) but has no events (`store rebuild` recomputes it from the events)")))
                    }
                    continue
                }
                // The fold of `CaseFile.fold`, one event at a time, so each is judged on the case as it stood before it.
                var fold = CaseFile(id: id, collectedAt: first.effective)
                var logged = (first: first.recorded, last: first.recorded)
                for (i, e) in events.enumerated() {
                    if let (what, why) = AccessReplay.refusal(of: e, before: i == 0 ? nil : fold,
                                                              people: directory.people(before: e.seq), deptNames: deptNames) {
                        refused += 1
                        if refused <= 20 { findings.append(unauthorized(e, what, why)) }
                    }
                    fold.apply(e)
                    logged = (min(logged.first, e.recorded), max(logged.last, e.recorded))
                }
                checked += 1
                let urls = Set(fold.items.compactMap(\.url).map(PostURL.identity)).sorted()
                let expected = ProjectionRows.expected(CaseRows(fold, projector: store.projector, recorded: logged, encoding: false),
                                                       urls: urls, grams: grams)
                var differences = ProjectionDifference.of(stored: try stored(id, urls: urls), expected: expected, grams: grams)
                    .map { Localized(zh: "\($0.table.title.zh)：\($0.text.zh)", en: "\($0.table.title.en): \($0.text.en)") }
                if snapshot != fold {
                    differences.insert(Localized(zh: "存储快照（cases.snapshot）", en: "the stored snapshot (cases.snapshot)"), at: 0)
                }
                // SQLite's full-text index, kept apart from the text (PostgreSQL's search words are a column above).
                let text = expected.tables[.caseText]?.first?.first ?? nil
                if text != nil { indexed[n] = true }
                if let d = try tables?.searchIndexDifference(n, text: text) { differences.append(d) }
                guard !differences.isEmpty else { continue }
                report(AuditFinding(.projection, Localized(
                    zh: "案件 \(id) 的投影与其事件不符——\(differences.map(\.zh).joined(separator: "；"))（表被改动；`store rebuild` 可由事件重建）",
                    en: "case \(id)'s projection does not match its events — \(differences.map(\.en).joined(separator: "; ")) (the table was edited; `store rebuild` recomputes it from the events)")))
            }
            if let tables {
                try verifyNoStrayRows(tables, seen: seen, urlsSeen: urlsSeen, lastCase: lastCase, report: report)
                // Entries of the search index under no case with a text: one count, then their keys only if it differs.
                for k in try tables.searchIndexEntries(unless: indexed.lazy.filter { $0 }.count) ?? []
                where k < 1 || k > lastCase || !indexed[k] {
                    let under = k >= 1 && k <= lastCase ? Localized(zh: "案件 C\(k) 名下，而它没有检索文本", en: "under case C\(k), which has no search text")
                        : Localized(zh: "C\(k) 名下，但日志中没有这个案件（最后一个案件是 C\(lastCase)）", en: "under C\(k), a case the log does not hold (the last case is C\(lastCase))")
                    report(AuditFinding(.projection, Localized(
                        zh: "全文索引（case_search）在\(under.zh)存有一个条目（索引被改动，search 与 text ~ 会找到它；`store rebuild` 可由事件重建）",
                        en: "the full-text index (case_search) holds an entry \(under.en) (the index was edited, and search and text ~ would find it; `store rebuild` recomputes it from the events)")))
                }
            }
        }
        if reported > 20 {
            findings.append(AuditFinding(.projection, Localized(zh: "另有 \(reported - 20) 处投影与事件不符", en: "\(reported - 20) more projection rows do not match the events")))
        }
        if refused > 20 {
            findings.append(AuditFinding(.unauthorized, Localized(zh: "另有 \(refused - 20) 条事件未经权限检查", en: "\(refused - 20) more events were not allowed by the permission check")))
        }
        return checked
    }

    /// Rows filed under no case of the log — a case number past the last case, or a key that is no case at all — and
    /// post identities under a case for none of its posts: the per-case reads do not see them, but listings (a due
    /// row under C999999 is `overdue`), `score` and re-collection (`case_urls`) do. One count per table finds them
    /// (the rows the per-case reads saw against the table's rows); only when the counts differ are the table's keys
    /// read to name them.
    static func verifyNoStrayRows(_ tables: any StoredProjectionReader, seen: [ProjectionTable: Int], urlsSeen: [Int32],
                                  lastCase: Int, report: (AuditFinding) -> Void) throws {
        let counts = try tables.projectionRowCounts()
        for t in ProjectionTable.allCases where counts[t] ?? 0 != seen[t] ?? 0 {
            for (key, count) in try tables.projectionRowKeys(t).sorted(by: { $0.key < $1.key }) {
                let n = t.keyedByID ? EntityID(parsing: key).flatMap { $0.kind == .caseFile && $0.description == key ? $0.number : nil }
                    : Int(key)
                if let n, n >= 1, n <= lastCase {
                    // Every row under a case of the log was read with it, but `case_urls` only by the case's posts.
                    guard t == .caseURLs, count > Int(urlsSeen[n]) else { continue }
                    let id = EntityID(.caseFile, n)
                    report(AuditFinding(.projection, Localized(
                        zh: "\(t.title.zh)在案件 \(id) 名下存有 \(count) 行，其中 \(count - Int(urlsSeen[n])) 行不是它的任何帖文（表被改动；`store rebuild` 可由事件重建）",
                        en: "the \(t.title.en) holds \(English.count(count, "row")) under case \(id), \(count - Int(urlsSeen[n])) of them for none of its posts (the table was edited; `store rebuild` recomputes it from the events)")))
                    continue
                }
                let shown = t.keyedByID ? key : "C\(key)"
                report(AuditFinding(.projection, Localized(
                    zh: "\(t.title.zh)在 \(shown) 名下存有 \(count) 行，但日志中没有这个案件（最后一个案件是 C\(lastCase)；表被改动；`store rebuild` 可由事件重建）",
                    en: "the \(t.title.en) holds \(English.count(count, "row")) under \(shown), a case the log does not hold (the last case is C\(lastCase); the table was edited; `store rebuild` recomputes it from the events)")))
            }
        }
    }

    private static func unauthorized(_ e: Event, _ what: Permission, _ why: Localized) -> AuditFinding {
        let by = e.recordedBy?.login ?? "", c = e.caseID?.description ?? ""
        return AuditFinding(.unauthorized, Localized(
            zh: "第 \(e.seq) 号事件（\(c) \(what.title.zh)，操作员 \(by)，记为 \(e.actor.name)）是 yuqing 的权限检查不会允许的：\(why.zh)。它不是经由 yuqing 写入的",
            en: "event \(e.seq) (\(c): \(what.title.en), operator \(by), recorded as \(e.actor.name)) is one yuqing's permission check would refuse: \(why.en); it was not written through yuqing"))
    }
}
