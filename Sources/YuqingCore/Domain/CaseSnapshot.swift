/// A case's fold as compact bytes: how stores keep the snapshot of each case (`cases.snapshot`).
///
/// Snapshots are caches (never hashed, rebuilt from the events by `store rebuild`), so their form is free to
/// change; what matters is that writing and reading one costs little, because a case is written after every batch
/// that touched it and read whenever a command acts on a case not in memory. JSON through Foundation cost tens of
/// microseconds each way; this is a few.
///
/// Layout: the version byte `2`, then every field of `CaseFile` in declaration order. Integers are LEB128 varints
/// (zig-zag for signed ones), text is its UTF-8 byte count then the bytes, an optional is `0` or `1` then the value,
/// a list its count then the elements, codes their raw text. A reader meeting a first byte `{` knows the snapshot
/// is the JSON of older stores (see `SnapshotCodec.decode`). Version `1` (written before `milestoneSeqs` was kept)
/// is still read, without them: the audit then reports the case until `store rebuild`, as for older JSON.
/// Version `3` adds, after `milestoneSeqs`, the fields that operators and rule readings brought (who applied for
/// each extension, `liaisedAt`, who drafted, `earlierClosings`); version 2 lacked them, so its snapshots of cases
/// that have them no longer matched their fold in `audit verify`. A version 1 or 2 snapshot reads without them.
/// Version `4` adds `majorSensitiveUntil` (a major sensitive case judged below it again); an older snapshot reads
/// without it, so `audit verify` reports such a case until `store rebuild`.
public enum SnapshotCodec {
    public static let version: UInt8 = 4

    public static func encode(_ c: CaseFile) -> [UInt8] {
        var w = ByteWriter()
        w.bytes.reserveCapacity(256)
        w.byte(version)
        w.write(c)
        return w.bytes
    }

    /// Reads a snapshot written by `encode`; nil when the bytes are not one (a truncated or foreign value).
    public static func decode(_ bytes: UnsafeRawBufferPointer) -> CaseFile? {
        var r = ByteReader(bytes)
        guard let v = r.byte(), (1...version).contains(v), let c = r.caseFile(milestones: v >= 2, operators: v >= 3, levels: v >= 4), r.atEnd
        else { return nil }
        return c
    }

    public static func decode(_ bytes: [UInt8]) -> CaseFile? {
        bytes.withUnsafeBytes { decode($0) }
    }
}

struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func byte(_ b: UInt8) { bytes.append(b) }

    mutating func uint(_ v: UInt64) {
        var v = v
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func int(_ v: Int64) { uint(UInt64(bitPattern: (v << 1) ^ (v >> 63))) }
    mutating func int(_ v: Int) { int(Int64(v)) }
    mutating func bool(_ b: Bool) { bytes.append(b ? 1 : 0) }

    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { u in
            uint(UInt64(u.count))
            bytes.append(contentsOf: u)
        }
    }

    mutating func instant(_ t: Instant) { int(t.seconds) }
    mutating func id(_ id: EntityID) {
        string(id.kind.rawValue)
        int(id.number)
    }

    mutating func optional<T>(_ v: T?, _ write: (inout ByteWriter, T) -> Void) {
        guard let v else {
            bytes.append(0)
            return
        }
        bytes.append(1)
        write(&self, v)
    }

    mutating func list<T>(_ a: [T], _ write: (inout ByteWriter, T) -> Void) {
        uint(UInt64(a.count))
        for x in a { write(&self, x) }
    }

    mutating func write(_ c: CaseFile) {
        id(c.id)
        int(c.version)
        list(c.items) { $0.write($1) }
        optional(c.dept) { $0.string($1) }
        optional(c.suggestedDept) { $0.string($1) }
        string(c.stage.rawValue)
        optional(c.level) { $0.string($1.rawValue) }
        bool(c.historical)
        bool(c.designated)
        instant(c.collectedAt)
        optional(c.collectedBy) { $0.string($1) }
        optional(c.claimedAt) { $0.instant($1) }
        optional(c.assessedAt) { $0.instant($1) }
        optional(c.assessNote) { $0.string($1) }
        optional(c.majorSensitiveAt) { $0.instant($1) }
        optional(c.unitReportAt) { $0.instant($1) }
        optional(c.unitReport) { $0.string($1) }
        optional(c.verifiedAt) { $0.instant($1) }
        optional(c.verification) { $0.string($1) }
        optional(c.verificationFile) { $0.string($1) }
        list(c.extensions) { w, x in
            w.id(x.id)
            w.instant(x.appliedAt)
            w.int(x.days)
            w.string(x.reason)
            w.optional(x.dept) { $0.string($1) }
            switch x.decision {
            case .pending: w.byte(0)
            case let .approved(at, days):
                w.byte(1)
                w.instant(at)
                w.int(days)
            case let .rejected(at, reason):
                w.byte(2)
                w.instant(at)
                w.string(reason)
            }
        }
        optional(c.escalatedAt) { $0.instant($1) }
        list(c.instructions) { w, i in
            w.id(i.id)
            w.string(i.leader)
            w.string(i.text)
            w.instant(i.issuedAt)
            w.optional(i.due) { $0.instant($1) }
            w.optional(i.undertakenBy) { $0.string($1) }
            w.optional(i.undertakenAt) { $0.instant($1) }
            w.list(i.supervision) { $0.write($1) }
            w.optional(i.completedAt) { $0.instant($1) }
        }
        optional(c.draft) { $0.string($1) }
        optional(c.draftAt) { $0.instant($1) }
        optional(c.reviewApprovedAt) { $0.instant($1) }
        optional(c.reviewRejectedAt) { $0.instant($1) }
        list(c.responses) { w, r in
            w.string(r.channel)
            w.optional(r.url) { $0.string($1) }
            w.string(r.text)
            w.instant(r.at)
        }
        list(c.follows) { $0.write($1) }
        optional(c.reopenedAt) { $0.instant($1) }
        list(c.links) { w, l in
            w.id(l.other)
            w.string(l.kind.rawValue)
            w.bool(l.newer)
            w.instant(l.at)
        }
        optional(c.risk) { w, r in
            w.string(r.nature)
            w.string(r.trend.rawValue)
            w.string(r.impact.rawValue)
            w.optional(r.risks) { $0.string($1) }
            w.optional(r.suggest) { $0.string($1) }
            w.instant(r.at)
            w.optional(r.meeting) { $0.id($1) }
        }
        list(c.decisions) { w, d in
            w.string(d.action)
            w.optional(d.text) { $0.string($1) }
            w.instant(d.at)
            w.optional(d.meeting) { $0.id($1) }
        }
        optional(c.guidanceAt) { $0.instant($1) }
        optional(c.closedAt) { $0.instant($1) }
        list(c.meetings) { $0.id($1) }
        instant(c.lastEventAt)
        optional(c.milestoneSeqs) { w, m in
            w.list(m.sorted { $0.key < $1.key }) { w, kv in
                w.string(kv.key)
                w.int(kv.value)
            }
        }
        // Version 3.
        list(c.extensions) { w, x in
            w.optional(x.appliedBy) { $0.string($1) }
            w.optional(x.appliedOperator) { $0.string($1) }
        }
        optional(c.liaisedAt) { $0.instant($1) }
        optional(c.draftBy) { $0.string($1) }
        optional(c.draftOperator) { $0.string($1) }
        optional(c.earlierClosings) { w, a in w.list(a) { $0.instant($1) } }
        // Version 4.
        optional(c.majorSensitiveUntil) { $0.instant($1) }
    }

    mutating func write(_ i: Item) {
        string(i.title)
        optional(i.url) { $0.string($1) }
        string(i.source.rawValue)
        optional(i.category) { $0.string($1.rawValue) }
        optional(i.excerpt) { $0.string($1) }
        int(i.metrics.reposts)
        int(i.metrics.comments)
        int(i.metrics.views)
        optional(i.author) { $0.string($1) }
    }

    mutating func write(_ n: Note) {
        instant(n.at)
        string(n.by)
        string(n.text)
    }
}

/// Reads what `ByteWriter` wrote. Every read returns nil past the end or on a value out of range, so a damaged
/// snapshot is reported (and the case can be rebuilt from its events), never trusted.
struct ByteReader {
    private let b: UnsafeRawBufferPointer
    private var i = 0

    init(_ bytes: UnsafeRawBufferPointer) { b = bytes }

    var atEnd: Bool { i == b.count }

    mutating func byte() -> UInt8? {
        guard i < b.count else { return nil }
        defer { i += 1 }
        return b[i]
    }

    mutating func uint() -> UInt64? {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while let x = byte() {
            guard shift < 64 else { return nil }
            v |= UInt64(x & 0x7F) << shift
            if x < 0x80 { return v }
            shift += 7
        }
        return nil
    }

    mutating func int64() -> Int64? {
        guard let u = uint() else { return nil }
        return Int64(bitPattern: u >> 1) ^ -Int64(bitPattern: u & 1)
    }

    mutating func int() -> Int? { int64().flatMap { Int(exactly: $0) } }

    mutating func bool() -> Bool? {
        switch byte() {
        case 0?: false
        case 1?: true
        default: nil
        }
    }

    mutating func string() -> String? {
        guard let n = uint(), n <= UInt64(b.count - i) else { return nil }
        let s = String(decoding: UnsafeRawBufferPointer(rebasing: b[i..<i + Int(n)]), as: UTF8.self)
        i += Int(n)
        return s
    }

    mutating func code<C: RawRepresentable<String>>(_: C.Type) -> C? { string().flatMap(C.init(rawValue:)) }
    mutating func instant() -> Instant? { int64().map(Instant.init(seconds:)) }

    mutating func id() -> EntityID? {
        guard let kind = code(IDKind.self), let n = int() else { return nil }
        return EntityID(kind, n)
    }

    /// `.some(nil)` for an absent value, nil for damage.
    mutating func optional<T>(_ read: (inout ByteReader) -> T?) -> T?? {
        switch byte() {
        case 0?: return .some(nil)
        case 1?: return read(&self).map { .some($0) }
        default: return nil
        }
    }

    mutating func list<T>(_ read: (inout ByteReader) -> T?) -> [T]? {
        guard let n = uint(), n <= UInt64(b.count - i) else { return nil }
        var out: [T] = []
        out.reserveCapacity(Int(n))
        for _ in 0..<n {
            guard let x = read(&self) else { return nil }
            out.append(x)
        }
        return out
    }

    /// `milestones`: the snapshot carries `milestoneSeqs` (version 2); `operators`: the version 3 fields after them;
    /// `levels`: the version 4 field after those.
    mutating func caseFile(milestones: Bool, operators: Bool, levels: Bool) -> CaseFile? {
        guard let id = id(), let version = int() else { return nil }
        let readItem: (inout ByteReader) -> Item? = { $0.item() }
        let readNote: (inout ByteReader) -> Note? = { $0.note() }
        guard let items = list(readItem), let dept = optional({ $0.string() }),
              let suggestedDept = optional({ $0.string() }), let stage = code(Stage.self),
              let level = optional({ $0.code(Level.self) }), let historical = bool(), let designated = bool(),
              let collectedAt = instant(), let collectedBy = optional({ $0.string() }),
              let claimedAt = optional({ $0.instant() }), let assessedAt = optional({ $0.instant() }),
              let assessNote = optional({ $0.string() }), let majorSensitiveAt = optional({ $0.instant() }),
              let unitReportAt = optional({ $0.instant() }), let unitReport = optional({ $0.string() }),
              let verifiedAt = optional({ $0.instant() }), let verification = optional({ $0.string() }),
              let verificationFile = optional({ $0.string() })
        else { return nil }
        var c = CaseFile(id: id, collectedAt: collectedAt)
        c.version = version
        c.items = items
        c.dept = dept
        c.suggestedDept = suggestedDept
        c.stage = stage
        c.level = level
        c.historical = historical
        c.designated = designated
        c.collectedBy = collectedBy
        c.claimedAt = claimedAt
        c.assessedAt = assessedAt
        c.assessNote = assessNote
        c.majorSensitiveAt = majorSensitiveAt
        c.unitReportAt = unitReportAt
        c.unitReport = unitReport
        c.verifiedAt = verifiedAt
        c.verification = verification
        c.verificationFile = verificationFile
        guard let extensions = list({ r -> ExtensionRecord? in
            guard let id = r.id(), let appliedAt = r.instant(), let days = r.int(), let reason = r.string(),
                  let dept = r.optional({ $0.string() }) else { return nil }
            let decision: ExtensionRecord.Decision
            switch r.byte() {
            case 0?: decision = .pending
            case 1?:
                guard let at = r.instant(), let d = r.int() else { return nil }
                decision = .approved(at: at, days: d)
            case 2?:
                guard let at = r.instant(), let why = r.string() else { return nil }
                decision = .rejected(at: at, reason: why)
            default: return nil
            }
            return ExtensionRecord(id: id, appliedAt: appliedAt, days: days, reason: reason, dept: dept,
                                   decision: decision)
        }), let escalatedAt = optional({ $0.instant() }),
              let instructions = list({ r -> InstructionRecord? in
                  guard let id = r.id(), let leader = r.string(), let text = r.string(), let issuedAt = r.instant(),
                        let due = r.optional({ $0.instant() }), let by = r.optional({ $0.string() }),
                        let at = r.optional({ $0.instant() }), let supervision = r.list(readNote),
                        let completedAt = r.optional({ $0.instant() }) else { return nil }
                  return InstructionRecord(id: id, leader: leader, text: text, issuedAt: issuedAt, due: due,
                                           undertakenBy: by, undertakenAt: at, supervision: supervision,
                                           completedAt: completedAt)
              }),
              let draft = optional({ $0.string() }), let draftAt = optional({ $0.instant() }),
              let reviewApprovedAt = optional({ $0.instant() }), let reviewRejectedAt = optional({ $0.instant() }),
              let responses = list({ r -> ResponseRecord? in
                  guard let channel = r.string(), let url = r.optional({ $0.string() }), let text = r.string(),
                        let at = r.instant() else { return nil }
                  return ResponseRecord(channel: channel, url: url, text: text, at: at)
              }),
              let follows = list(readNote), let reopenedAt = optional({ $0.instant() }),
              let links = list({ r -> CaseLink? in
                  guard let other = r.id(), let kind = r.code(LinkKind.self), let newer = r.bool(),
                        let at = r.instant() else { return nil }
                  return CaseLink(other: other, kind: kind, newer: newer, at: at)
              }),
              let risk = optional({ r -> RiskNote? in
                  guard let nature = r.string(), let trend = r.code(Trend.self), let impact = r.code(Impact.self),
                        let risks = r.optional({ $0.string() }), let suggest = r.optional({ $0.string() }),
                        let at = r.instant(), let meeting = r.optional({ $0.id() }) else { return nil }
                  return RiskNote(nature: nature, trend: trend, impact: impact, risks: risks, suggest: suggest, at: at,
                                  meeting: meeting)
              }),
              let decisions = list({ r -> DecisionRecord? in
                  guard let action = r.string(), let text = r.optional({ $0.string() }), let at = r.instant(),
                        let meeting = r.optional({ $0.id() }) else { return nil }
                  return DecisionRecord(action: action, text: text, at: at, meeting: meeting)
              }),
              let guidanceAt = optional({ $0.instant() }), let closedAt = optional({ $0.instant() }),
              let meetings = list({ $0.id() }), let lastEventAt = instant()
        else { return nil }
        c.extensions = extensions
        c.escalatedAt = escalatedAt
        c.instructions = instructions
        c.draft = draft
        c.draftAt = draftAt
        c.reviewApprovedAt = reviewApprovedAt
        c.reviewRejectedAt = reviewRejectedAt
        c.responses = responses
        c.follows = follows
        c.reopenedAt = reopenedAt
        c.links = links
        c.risk = risk
        c.decisions = decisions
        c.guidanceAt = guidanceAt
        c.closedAt = closedAt
        c.meetings = meetings
        c.lastEventAt = lastEventAt
        if milestones {
            guard let seqs = optional({ r -> [String: Int64]? in
                guard let pairs = r.list({ r -> (String, Int64)? in
                    guard let k = r.string(), let v = r.int64() else { return nil }
                    return (k, v)
                }) else { return nil }
                return Dictionary(pairs, uniquingKeysWith: { a, _ in a })
            }) else { return nil }
            c.milestoneSeqs = seqs
        }
        if operators {
            guard let appliers = list({ r -> (String?, String?)? in
                guard let by = r.optional({ $0.string() }), let op = r.optional({ $0.string() }) else { return nil }
                return (by, op)
            }), appliers.count == c.extensions.count,
                  let liaisedAt = optional({ $0.instant() }), let draftBy = optional({ $0.string() }),
                  let draftOperator = optional({ $0.string() }),
                  let earlierClosings = optional({ r in r.list({ $0.instant() }) })
            else { return nil }
            for (i, a) in appliers.enumerated() {
                c.extensions[i].appliedBy = a.0
                c.extensions[i].appliedOperator = a.1
            }
            c.liaisedAt = liaisedAt
            c.draftBy = draftBy
            c.draftOperator = draftOperator
            c.earlierClosings = earlierClosings
        }
        if levels {
            guard let until = optional({ $0.instant() }) else { return nil }
            c.majorSensitiveUntil = until
        }
        return c
    }

    mutating func item() -> Item? {
        guard let title = string(), let url = optional({ $0.string() }), let source = code(Source.self),
              let category = optional({ $0.code(Category.self) }), let excerpt = optional({ $0.string() }),
              let reposts = int(), let comments = int(), let views = int(), let author = optional({ $0.string() })
        else { return nil }
        return Item(title: title, url: url, source: source, category: category, excerpt: excerpt,
                    metrics: Metrics(reposts: reposts, comments: comments, views: views), author: author)
    }

    mutating func note() -> Note? {
        guard let at = instant(), let by = string(), let text = string() else { return nil }
        return Note(at: at, by: by, text: text)
    }
}
