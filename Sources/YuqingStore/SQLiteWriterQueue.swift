import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A first-come, first-served queue of the shells that want to write one store file, so that no writer starves.
///
/// SQLite's own wait (`BEGIN IMMEDIATE` with a busy timeout) sleeps in growing steps: a writer that takes the lock
/// again right after each commit wins every time, and the sleepers give up with "database is locked". Here a
/// writer first takes a ticket, then waits until every earlier ticket is done, and only then begins its SQLite
/// transaction (which then finds the lock free).
///
/// Tickets live in a small file beside the store (`store.sqlite-queue`): the next ticket number is kept in its first
/// 8 bytes (changed under a lock of byte 0), and a writer holds an exclusive lock on the byte `base + ticket` from
/// taking its ticket until it is done. Waiting for "every earlier ticket" is asking for a shared lock on the bytes
/// below its own. The locks are Linux open-file-description locks (`F_OFD_SETLK`): the kernel drops them when the
/// process dies (a killed writer never blocks the queue), and two stores in one process queue like two processes.
///
/// The queue only orders writers; correctness never depends on it (SQLite's lock still guards every write), so a
/// queue file that cannot be opened (a read-only directory) just means no queue.
final class SQLiteWriterQueue {
    private let fd: Int32
    /// The ticket held between `acquire` and `release`.
    private var held: Int64?
    /// Where ticket bytes start (bytes below hold the counter).
    private static let base: Int64 = 64

    init?(path: String) {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        self.fd = fd
    }

    deinit { close(fd) }

    var isHeld: Bool { held != nil }

    /// Takes a ticket and waits for its turn until `deadline` (monotonic nanoseconds). Returns false when the
    /// deadline passed first (the ticket is given back: nothing was done). `ahead` is how many were waiting.
    func acquire(deadline: UInt64) throws -> Bool {
        if held != nil { return true }
        let t = try takeTicket()
        held = t
        if t == 0 { return true }
        var pause: UInt32 = 200
        while true {
            // Every earlier ticket is done (or its process died) when a shared lock over their bytes is granted.
            if lock(F_RDLCK, start: Self.base, length: t) {
                _ = lock(F_UNLCK, start: Self.base, length: t)
                return true
            }
            if Self.monotonicNanos() >= deadline {
                release()
                return false
            }
            usleep(pause)
            pause = min(pause * 2, 2000)
        }
    }

    /// Gives the turn to the next ticket.
    func release() {
        guard let t = held else { return }
        _ = lock(F_UNLCK, start: Self.base + t, length: 1)
        held = nil
    }

    /// Reads and advances the counter under the lock of byte 0, and locks the new ticket's byte before letting
    /// the next writer take one (so a later ticket always finds it locked).
    private func takeTicket() throws -> Int64 {
        guard wait(F_WRLCK, start: 0, length: 1) else { throw StoreError.io("cannot lock the writer queue: \(errnoText())") }
        defer { _ = lock(F_UNLCK, start: 0, length: 1) }
        var n: Int64 = 0
        let got = withUnsafeMutableBytes(of: &n) { pread(fd, $0.baseAddress, 8, 0) }
        var t = got == 8 ? Int64(littleEndian: n) : 0
        if t < 0 || t > Int64.max / 2 { t = 0 }
        var next = (t + 1).littleEndian
        guard withUnsafeBytes(of: &next, { pwrite(fd, $0.baseAddress, 8, 0) }) == 8 else {
            throw StoreError.io("cannot write the writer queue: \(errnoText())")
        }
        guard lock(F_WRLCK, start: Self.base + t, length: 1) else {
            throw StoreError.io("cannot take a writer ticket: \(errnoText())")
        }
        return t
    }

    /// Linux `F_OFD_SETLK` / `F_OFD_SETLKW` (not exported by every Glibc module map).
    private static let setLock: Int32 = 37
    private static let setLockWait: Int32 = 38

    private func lock(_ type: Int32, start: Int64, length: Int64) -> Bool {
        fcntlLock(Self.setLock, type, start, length)
    }

    private func wait(_ type: Int32, start: Int64, length: Int64) -> Bool {
        while true {
            if fcntlLock(Self.setLockWait, type, start, length) { return true }
            if errno != EINTR { return false }
        }
    }

    private func fcntlLock(_ cmd: Int32, _ type: Int32, _ start: Int64, _ length: Int64) -> Bool {
        var fl = flock()
        fl.l_type = Int16(type)
        fl.l_whence = Int16(SEEK_SET)
        fl.l_start = off_t(start)
        fl.l_len = off_t(length)
        fl.l_pid = 0
        return fcntl(fd, cmd, &fl) == 0
    }

    private func errnoText() -> String { String(cString: strerror(errno)) }

    static func monotonicNanos() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}

/// SQLite's busy handler for yuqing's connections: short random sleeps (so waiters do not wake in step), given up
/// after `limit` seconds of one wait. With the writers' queue it only matters for programs other than yuqing
/// writing the file, and for checkpoints.
///
/// `@unchecked Sendable`: GRDB wants a `Sendable` busy handler, since SQLite calls it on whichever connection waits;
/// every piece of state here is read and written under `lock`.
final class BusyWait: @unchecked Sendable {
    private let lock = NSLock()
    private var _limit: Double
    private var started: UInt64 = 0

    init(limit: Double) { _limit = limit }

    var limit: Double {
        get { lock.withLock { _limit } }
        set { lock.withLock { _limit = newValue } }
    }

    /// Called by SQLite with the number of tries so far in this wait; false gives up (`SQLITE_BUSY`).
    func retry(_ tries: Int) -> Bool {
        let now = SQLiteWriterQueue.monotonicNanos()
        let (start, limit): (UInt64, Double) = lock.withLock {
            if tries == 0 { started = now }
            return (started, _limit)
        }
        if Double(now - start) / 1e9 >= limit { return false }
        usleep(UInt32.random(in: 500...4000))
        return true
    }
}
