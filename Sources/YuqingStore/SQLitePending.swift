import YuqingCore

/// What a write transaction on SQLite holds in memory until it is flushed: the cases its events changed, and the
/// head of the chain.
///
/// Why: a script's batch applies up to a thousand commands in one transaction, and a case is often acted on several
/// times in one batch (collected, claimed, assessed…). Writing the case's row, its due entries, its search text and
/// its extension entries after every event rewrote the same rows and a dozen index entries each time; now they are
/// written once, when the transaction commits (or when a query must see them: see `SQLiteTransaction.queryDB`).
/// The log itself (events, post URLs, departments, ids, settings) is still written at once.
///
/// Savepoints (one per command) keep their meaning: the innermost open savepoint keeps what it changed here as it
/// was before its first change, and puts that back when it rolls back, so a failed command leaves nothing in memory
/// either — including entries it flushed (their SQL is rolled back with the savepoint, so they are pending again).
/// A write that touches more than `flushAt` cases writes them before it ends, so that a long one (`collect import`)
/// holds neither them nor, in its savepoint, more than a key each.
final class SQLiteWriteState {
    struct Pending {
        var file: CaseFile
        /// The hash of the case's last event (what `SnapshotCache` is keyed by).
        var hash: String
        /// The case has no row yet (collected in this transaction): nothing to delete or compare when flushing.
        var isNew: Bool
        /// The stored row has extension entries to replace.
        var hadExtensions: Bool
        /// When the events applied to it in this transaction were logged (the earliest, the latest): the flush
        /// keeps the case's first and last logging times with its row and due entries (supervision's as-of reads).
        var recorded: (first: Instant, last: Instant)
    }

    /// What one open savepoint changed, to be put back if it rolls back: each case's, URL's and the head's value
    /// from before the savepoint first changed it (later changes are undone by putting back that one value). A
    /// step per change, with the case inline, made the frame of a long write grow with every event and hold every
    /// case it flushed: `collect import` of 100,000 rows, one write, went past 500 MB.
    private struct Frame {
        /// nil: the case was not pending.
        var cases: [Int: Saved?] = [:]
        var urls: [String: Set<Int>?] = [:]
        /// nil: not changed in this frame.
        var head: (seq: Int64, hash: String)?? = nil

        /// Adds `inner`'s earlier values for what this frame had not changed yet (a savepoint inside it released).
        mutating func absorb(_ inner: Frame) {
            // `.some`: assigning a nil value to a subscript would remove the key, not record "was not there".
            for (n, v) in inner.cases where cases.index(forKey: n) == nil { cases[n] = .some(v) }
            for (u, v) in inner.urls where urls.index(forKey: u) == nil { urls[u] = .some(v) }
            if head == nil { head = inner.head }
        }
    }

    /// A case's value kept for a rollback, boxed: `Pending` holds the whole case.
    private final class Saved {
        let value: Pending
        init(_ value: Pending) { self.value = value }
    }

    /// How many cases may wait in memory before they are written within the transaction.
    static let flushAt = 2048

    private(set) var pending: [Int: Pending] = [:]
    /// Post identities (`PostURL.identity`) of items added in this transaction → their cases: `case_urls` rows
    /// written with the case (they refer to its row), found meanwhile by `caseID(forURL:)`.
    private(set) var urls: [String: Set<Int>] = [:]
    /// The head of the chain, read once per transaction (the write lock is held, so nobody else moves it).
    private(set) var head: (seq: Int64, hash: String)?
    private var frames: [Frame] = []

    var isEmpty: Bool { pending.isEmpty }

    /// How many cases the open savepoints keep whole for a rollback (a test's window on what a long write holds).
    var casesKeptForRollback: Int { frames.reduce(0) { $0 + $1.cases.values.filter { $0 != nil }.count } }

    /// A transaction begins or ends: nothing is pending.
    func reset() {
        pending.removeAll(keepingCapacity: true)
        urls.removeAll(keepingCapacity: true)
        head = nil
        frames.removeAll()
    }

    func set(_ number: Int, _ p: Pending?) {
        if !frames.isEmpty, frames[frames.count - 1].cases.index(forKey: number) == nil {
            // `.some`: "was not pending" is recorded, not a removal of the key.
            frames[frames.count - 1].cases[number] = .some(pending[number].map(Saved.init))
        }
        pending[number] = p
    }

    func addURL(_ identity: String, _ number: Int) {
        saveURL(identity)
        urls[identity, default: []].insert(number)
    }

    private func saveURL(_ identity: String) {
        if !frames.isEmpty, frames[frames.count - 1].urls.index(forKey: identity) == nil {
            frames[frames.count - 1].urls[identity] = .some(urls[identity])
        }
    }

    func setHead(_ h: (seq: Int64, hash: String)?) {
        if !frames.isEmpty, frames[frames.count - 1].head == nil { frames[frames.count - 1].head = .some(head) }
        head = h
    }

    /// Takes every pending case out, in case order, with the post identities of each (a flush writes them).
    func takeAll() -> [(number: Int, pending: Pending, urls: [String])] {
        var byCase: [Int: [String]] = [:]
        for (u, numbers) in urls {
            for n in numbers { byCase[n, default: []].append(u) }
            saveURL(u)
        }
        urls.removeAll(keepingCapacity: true)
        var out: [(number: Int, pending: Pending, urls: [String])] = []
        out.reserveCapacity(pending.count)
        for n in pending.keys.sorted() {
            guard let p = pending[n] else { continue }
            out.append((n, p, byCase[n]?.sorted() ?? []))
            set(n, nil)
        }
        return out
    }

    /// The last URL whose identity was computed, and that identity: a `collect` looks its URL up, then records it.
    var lastIdentity: (url: String, identity: String)?

    func identity(_ url: String) -> String {
        if let last = lastIdentity, last.url == url { return last.identity }
        let id = PostURL.identity(url)
        lastIdentity = (url, id)
        return id
    }

    // MARK: savepoints

    func beginSavepoint() { frames.append(Frame()) }

    /// The savepoint was released: its changes belong to the enclosing one (or to the transaction).
    func releaseSavepoint() {
        guard let frame = frames.popLast(), !frames.isEmpty else { return }
        frames[frames.count - 1].absorb(frame)
    }

    /// The savepoint was rolled back: put back what it changed.
    func rollbackSavepoint() {
        guard let frame = frames.popLast() else { return }
        for (n, saved) in frame.cases { pending[n] = saved?.value }
        for (u, numbers) in frame.urls { urls[u] = numbers }
        if let h = frame.head { head = h }
    }
}
