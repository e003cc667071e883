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
/// Savepoints (one per command) keep their meaning: every change here is recorded in the frame of the innermost
/// open savepoint, and replayed backwards when it rolls back, so a failed command leaves nothing in memory either
/// — including entries it flushed (their SQL is rolled back with the savepoint, so they are pending again).
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

    private enum Undo {
        case pending(Int, Pending?)
        case head((seq: Int64, hash: String)?)
        case url(String, Set<Int>?)
    }

    private(set) var pending: [Int: Pending] = [:]
    /// Post identities (`PostURL.identity`) of items added in this transaction → their cases: `case_urls` rows
    /// written with the case (they refer to its row), found meanwhile by `caseID(forURL:)`.
    private(set) var urls: [String: Set<Int>] = [:]
    /// The head of the chain, read once per transaction (the write lock is held, so nobody else moves it).
    private(set) var head: (seq: Int64, hash: String)?
    private var frames: [[Undo]] = []

    var isEmpty: Bool { pending.isEmpty }

    /// A transaction begins or ends: nothing is pending.
    func reset() {
        pending.removeAll(keepingCapacity: true)
        urls.removeAll(keepingCapacity: true)
        head = nil
        frames.removeAll()
    }

    func set(_ number: Int, _ p: Pending?) {
        if !frames.isEmpty { frames[frames.count - 1].append(.pending(number, pending[number])) }
        pending[number] = p
    }

    func addURL(_ identity: String, _ number: Int) {
        if !frames.isEmpty { frames[frames.count - 1].append(.url(identity, urls[identity])) }
        urls[identity, default: []].insert(number)
    }

    func setHead(_ h: (seq: Int64, hash: String)?) {
        if !frames.isEmpty { frames[frames.count - 1].append(.head(head)) }
        head = h
    }

    /// Takes every pending case out, in case order, with the post identities of each (a flush writes them).
    func takeAll() -> [(number: Int, pending: Pending, urls: [String])] {
        var byCase: [Int: [String]] = [:]
        for (u, numbers) in urls {
            for n in numbers { byCase[n, default: []].append(u) }
            if !frames.isEmpty { frames[frames.count - 1].append(.url(u, numbers)) }
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

    func beginSavepoint() { frames.append([]) }

    /// The savepoint was released: its changes belong to the enclosing one (or to the transaction).
    func releaseSavepoint() {
        guard let frame = frames.popLast() else { return }
        if !frames.isEmpty { frames[frames.count - 1] += frame }
    }

    /// The savepoint was rolled back: put back what it changed.
    func rollbackSavepoint() {
        guard let frame = frames.popLast() else { return }
        for step in frame.reversed() {
            switch step {
            case let .pending(n, p): pending[n] = p
            case let .head(h): head = h
            case let .url(u, numbers): urls[u] = numbers
            }
        }
    }
}
