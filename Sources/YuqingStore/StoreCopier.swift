import YuqingCore

/// What a store is and holds, for `store info` and `store copy`.
public struct StoreInfo: Hashable, Sendable {
    /// `SQLite`, `PostgreSQL` or `memory`.
    public var backend: String
    /// The file, or the URL without its password.
    public var location: String
    public var events: Int64
    /// The hash of the last event (the head of the chain); nil when the log is empty.
    public var headHash: String?
    /// The database role yuqing is connected as (PostgreSQL).
    public var role: String?
}

extension Store {
    public func info() throws -> StoreInfo {
        let (count, head) = try read { r -> (Int64, String?) in
            let last = try r.lastSeq()
            return (try r.eventCount(), last > 0 ? try r.events(from: last, limit: 1).first?.hash : nil)
        }
        switch self {
        case let s as SQLiteStore:
            return StoreInfo(backend: "SQLite", location: s.path ?? ":memory:", events: count, headHash: head)
        case let s as PostgresStore:
            return StoreInfo(backend: "PostgreSQL", location: s.location.description, events: count, headHash: head,
                             role: s.currentRole)
        default:
            return StoreInfo(backend: "memory", location: "", events: count, headHash: head)
        }
    }
}

/// Moves a city's log from one store to another (SQLite → PostgreSQL when a city outgrows one machine, and back):
/// the events exactly as stored, the settings and the id counters; the projections are then recomputed on the
/// target. Refuses to start unless the source's chain verifies and the target holds no event, and checks after
/// copying that the target's chain verifies to the same head hash.
public enum StoreCopier {
    public struct Report: Hashable, Sendable {
        public var events: Int64
        public var headHash: String?
        public var source: StoreInfo
        public var target: StoreInfo
    }

    public enum Failure: YuqingError, Equatable {
        /// The source's chain is broken: copying would launder the damage.
        case sourceBroken(AuditReport)
        /// The target already holds events.
        case targetNotEmpty(Int64)
        /// The copy does not verify, or ends on another head (nothing was kept: the copy is one transaction).
        case copyMismatch(String)
        /// A store that cannot be copied (memory).
        case unsupported(String)

        public var message: Localized {
            switch self {
            case let .sourceBroken(r):
                Localized(zh: "源数据库的哈希链在第 \(r.firstBroken ?? 0) 号事件处不符，未复制（先用 audit verify 查明）",
                          en: "the source's hash chain breaks at event \(r.firstBroken ?? 0); nothing was copied (see `audit verify`)")
            case let .targetNotEmpty(n):
                Localized(zh: "目标数据库已有 \(n) 条事件，只能复制到空库", en: "the target already holds \(n) events; copy only into an empty store")
            case let .copyMismatch(s):
                Localized(zh: "复制结果校验不符，已撤销：\(s)", en: "the copy did not verify and was undone: \(s)")
            case let .unsupported(s):
                Localized(zh: "无法复制：\(s)", en: "cannot copy: \(s)")
            }
        }

        /// Nothing was copied; the stores are as they were, and the copy can be tried again once the cause is fixed.
        public var kind: ErrorKind { .conflict }
    }

    /// Events per page read from the source and written to the target.
    static let page = 2000

    public static func copy(from source: any Store, to target: any Store) throws -> Report {
        let verified = try source.verifyChain()
        guard verified.isIntact else { throw Failure.sourceBroken(verified) }
        // Copy the log as it was verified: events appended meanwhile are not part of this copy.
        let upTo = verified.checked
        let head = try source.read { r in upTo > 0 ? try r.events(from: upTo, limit: 1).first?.hash : nil }
        try target.write { tx in
            guard let out = tx as? any RawLog else { throw Failure.unsupported("the target is a \(type(of: target))") }
            // Checked inside the write: on PostgreSQL the chain lock is held, so no desk can add an event meanwhile.
            let present = try tx.eventCount()
            guard present == 0 else { throw Failure.targetNotEmpty(present) }
            func sourceLog<T>(_ body: (any RawLog) throws -> T) throws -> T {
                try source.read { r in
                    guard let log = r as? any RawLog else { throw Failure.unsupported("the source is a \(type(of: source))") }
                    return try body(log)
                }
            }
            var after: Int64 = 0
            while after < upTo {
                let events = try sourceLog { try $0.rawEvents(after: after, limit: min(page, Int(upTo - after))) }
                guard let last = events.last else { break }
                try out.insertRaw(events)
                after = last.seq
            }
            let (meta, counters) = try sourceLog { (try $0.allMeta(), try $0.idCounters()) }
            for m in meta { try tx.setMeta(m.key, m.value) }
            for c in counters { try out.raiseIDCounter(c.kind, to: c.last) }
            try out.rebuildProjections(progress: nil)
            // Verified before COMMIT: a copy that does not verify to the same head is rolled back whole.
            let check = try out.verifyChain()
            let copiedHead = upTo > 0 ? try tx.events(from: upTo, limit: 1).first?.hash : nil
            guard check.isIntact, check.checked == upTo, copiedHead == head else {
                throw Failure.copyMismatch("the target verifies \(check.checked) of \(upTo) events, head \(copiedHead ?? "none")")
            }
        }
        return Report(events: upTo, headHash: head, source: try source.info(), target: try target.info())
    }
}
