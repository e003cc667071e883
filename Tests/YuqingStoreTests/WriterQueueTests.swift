import Foundation
import Testing
import YuqingCore
@testable import YuqingStore

/// The writers' queue: first come, first served, bounded, and never blocked by a writer that is gone.
@Suite struct WriterQueueTests {
    static func file() -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yq-queue-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent("q").path
    }

    static func after(ms: UInt64) -> UInt64 { SQLiteWriterQueue.monotonicNanos() + ms * 1_000_000 }

    @Test func aSecondWriterWaitsForTheFirst() throws {
        let path = Self.file()
        let a = try #require(SQLiteWriterQueue(path: path)), b = try #require(SQLiteWriterQueue(path: path))
        #expect(try a.acquire(deadline: Self.after(ms: 100)))
        #expect(try !b.acquire(deadline: Self.after(ms: 100)))
        a.release()
        #expect(try b.acquire(deadline: Self.after(ms: 100)))
        // a, coming back while b holds its turn, waits behind b.
        #expect(try !a.acquire(deadline: Self.after(ms: 50)))
        b.release()
        #expect(try a.acquire(deadline: Self.after(ms: 50)))
        a.release()
    }

    /// Turns are taken in the order of arrival: a writer that comes back after its commit goes behind the others.
    @Test func turnsFollowArrival() throws {
        let path = Self.file()
        let first = try #require(SQLiteWriterQueue(path: path))
        #expect(try first.acquire(deadline: Self.after(ms: 100)))
        let order = OrderLog()
        let group = DispatchGroup()
        for i in 1...3 {
            group.enter()
            let started = DispatchSemaphore(value: 0)
            Thread {
                guard let q = SQLiteWriterQueue(path: path) else { group.leave(); return }
                started.signal()
                if (try? q.acquire(deadline: Self.after(ms: 5000))) == true {
                    order.add(i)
                    usleep(20_000)
                    q.release()
                }
                group.leave()
            }.start()
            started.wait()
            // Arrival is taking a ticket: wait until this writer has taken its own (the file's counter moved past
            // it) before the next one starts. A fixed pause raced on a loaded machine, where a thread can sit for
            // longer than any pause between `started` and its ticket.
            let deadline = Date().addingTimeInterval(60)
            while Self.ticketsTaken(path) <= Int64(i), Date() < deadline { usleep(1_000) }
        }
        first.release()
        group.wait()
        #expect(order.items == [1, 2, 3])
    }

    /// The queue file's counter: how many tickets have been taken (its first 8 bytes, little-endian).
    static func ticketsTaken(_ path: String) -> Int64 {
        guard let h = FileHandle(forReadingAtPath: path), let d = try? h.read(upToCount: 8), d.count == 8 else { return 0 }
        try? h.close()
        return d.withUnsafeBytes { Int64(littleEndian: $0.loadUnaligned(as: Int64.self)) }
    }

    final class OrderLog: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [Int] = []
        func add(_ i: Int) { lock.withLock { list.append(i) } }
        var items: [Int] { lock.withLock { list } }
    }
}

/// A writer that cannot get its turn in time says so and has done nothing.
@Suite struct WriterGivesUpTests {
    @Test func aWriterThatGivesUpHasDoneNothing() throws {
        let path = temporaryPath()
        let store = try SQLiteStore(path: path, projector: StubProjector(), writeTimeout: 0.3)
        _ = try collect(store, "先到的", at: at(19, 9))
        // Another shell holds the turn (its queue ticket) the whole time.
        let other = try #require(SQLiteWriterQueue(path: path + "-queue"))
        #expect(try other.acquire(deadline: SQLiteWriterQueue.monotonicNanos() + 1_000_000_000))
        defer { other.release() }
        let started = SQLiteWriterQueue.monotonicNanos()
        #expect(throws: StoreError.self) { _ = try collect(store, "等不到的", at: at(19, 10)) }
        let waited = Double(SQLiteWriterQueue.monotonicNanos() - started) / 1e9
        #expect(waited >= 0.3 && waited < 5)
        do { _ = try collect(store, "等不到的", at: at(19, 10)) } catch let e as StoreError {
            guard case .busy(let why) = e else { Issue.record("\(e)"); return }
            #expect(why.contains("nothing was done"))
        }
        #expect(try store.read { try $0.lastSeq() } == 1)
        // In a batch too: the script's write gives up, and what it did before is kept.
        _ = try store.batch {
            #expect(throws: StoreError.self) { _ = try collect(store, "批内等不到的", at: at(19, 11)) }
        }
        #expect(try store.read { try $0.lastSeq() } == 1)
        // Reading needs no turn.
        #expect(try store.read { try $0.caseFile(EntityID(.caseFile, 1)) }?.title == "先到的")
        let inBatch = try store.batch { try store.read { try $0.eventCount() } }
        #expect(inBatch == 1)
    }
}
