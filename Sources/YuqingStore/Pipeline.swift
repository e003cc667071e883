import Foundation

/// Two threads working in step for `store rebuild`: the calling thread reads and writes (it alone uses the
/// database connection), a second thread computes what it writes. Chunks go over in order and come back in order,
/// at most `depth` of them on their way at once, so memory stays flat however long the log is.
///
/// `produce` hands chunks to `send`; each chunk is `transform`ed on the second thread and given to `consume` on the
/// calling thread, in the order sent. While `consume` writes one chunk, the second thread computes the next.
/// An error of any of the three stops both threads and is thrown here; the second thread has ended when this returns.
func pipelined<In: Sendable, Out: Sendable>(
    depth: Int = 2,
    produce: (_ send: (In) throws -> Void) throws -> Void,
    transform: @escaping @Sendable (In) throws -> Out,
    consume: (Out) throws -> Void
) throws {
    let inbox = Handoff<In>(capacity: depth)
    let outbox = Handoff<Result<Out, any Error>>(capacity: depth)
    let ended = DispatchSemaphore(value: 0)
    let worker = Thread {
        while let chunk = inbox.take() {
            guard outbox.put(Result { try transform(chunk) }) else { break }
        }
        outbox.close()
        ended.signal()
    }
    worker.stackSize = 8 << 20
    worker.start()
    // On every way out (an error included) the worker is stopped and waited for.
    defer {
        inbox.cancel()
        outbox.cancel()
        ended.wait()
    }
    // `consume` runs inside `produce`'s calls of `send`, never at the same time as another call of either.
    try withoutActuallyEscaping(consume) { consume in
        var inFlight = 0
        func receive() throws {
            guard let result = outbox.take() else { throw StoreError.corrupt("the rebuild's second thread stopped") }
            inFlight -= 1
            try consume(result.get())
        }
        try produce { chunk in
            if inFlight >= depth { try receive() }
            guard inbox.put(chunk) else { throw StoreError.corrupt("the rebuild's second thread stopped") }
            inFlight += 1
        }
        inbox.close()
        while inFlight > 0 { try receive() }
    }
}

/// A bounded queue between two threads: `put` waits while it is full, `take` while it is empty.
final class Handoff<Item: Sendable>: @unchecked Sendable {
    // Every field is read and written only with `condition` locked.
    private let condition = NSCondition()
    private var items: [Item] = []
    private var closed = false
    private var cancelled = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Adds an item, waiting for room; false when the queue was closed (the other side stopped).
    func put(_ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !closed { condition.wait() }
        guard !closed else { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// The oldest item, waiting for one; nil once the queue is closed and empty.
    func take() -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !closed { condition.wait() }
        guard !items.isEmpty else { return nil }
        condition.broadcast()
        return items.removeFirst()
    }

    /// No more items will be put; those in the queue are still taken.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Closes the queue and drops what it holds.
    func cancel() {
        condition.lock()
        closed = true
        cancelled = true
        items = []
        condition.broadcast()
        condition.unlock()
    }

    /// Whether the queue was cancelled (rather than closed when its last item was put).
    var wasCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }
}
